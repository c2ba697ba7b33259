"""sitchartreuse:hostingcost: record a hosting, storage or backup cost headless."""
from qgis.core import (QgsProcessingOutputString, QgsProcessingParameterEnum,
                       QgsProcessingParameterString)

from ..core.agreement import convention
from ..core.i18n import tr
from ..core.reports import report
from ..core.storage import store
from .base import SitAlgorithm, store_parameter, year_parameter


class HostingCostAlgorithm(SitAlgorithm):
    _name = "hostingcost"
    _display = "Record a hosting cost"
    _group, _group_id = "Agreement", "agreement"
    _help = ("Records a cost borne by the Park for the Communauté's database (storage, "
             "backup, hosting or other) for a year: a label, an amount HT in euros "
             "(e.g. 250,50) and the invoice reference. The settlement's costs line sums "
             "them. Refused once the year is settled (reopen it first).")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(store_parameter())
        self.addParameter(year_parameter())
        # Static strings: scripts pass the code (KIND=sauvegarde), not an index.
        self.addParameter(QgsProcessingParameterEnum(
            "KIND", tr("Kind"), list(convention.HOSTING_KINDS), defaultValue="hebergement",
            usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterString("LABEL", tr("Label")))
        self.addParameter(QgsProcessingParameterString(
            "AMOUNT_HT", tr("Amount HT in euros (e.g. 1 000,00)")))
        self.addParameter(QgsProcessingParameterString(
            "INVOICE", tr("Invoice reference"), optional=True))
        self.addOutput(QgsProcessingOutputString("UUID", tr("Hosting cost uuid")))

    def run(self, parameters, context, feedback):
        location = self.store_location(parameters, context)
        year = self.parameterAsInt(parameters, "YEAR", context)
        kind = self.parameterAsEnumString(parameters, "KIND", context)
        label = self.parameterAsString(parameters, "LABEL", context)
        amount = self.parameterAsString(parameters, "AMOUNT_HT", context)
        invoice = self.parameterAsString(parameters, "INVOICE", context)
        conn = store.open_store(location)
        try:
            new = convention.record_hosting_cost(conn, year, kind, label, amount, invoice)
        finally:
            conn.close()
        feedback.pushInfo(tr("Hosting cost recorded for {year}: {label}, {amount} HT.").format(
            year=year, label=label, amount=report.euros(convention.parse_amount(amount))))
        return {"UUID": new}
