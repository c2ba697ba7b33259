"""sitchartreuse:reopenyear: unlock a settled year, keeping the history."""
from qgis.core import (QgsProcessingOutputNumber, QgsProcessingParameterString)

from ..core.agreement import convention, settlement
from ..core.i18n import tr
from ..core.storage import store
from .base import SitAlgorithm, convention_parameter, store_parameter, year_parameter


class ReopenYearAlgorithm(SitAlgorithm):
    _name = "reopenyear"
    _display = "Reopen a settled year"
    _group, _group_id = "Agreement", "agreement"
    _help = ("Unlocks a year whose settlement was issued, so that its time entries and "
             "hosting costs can be corrected. The reason is mandatory. The issued settlement "
             "is kept (marked reopened, with who, when and why); issuing again makes a new "
             "version.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(store_parameter())
        self.addParameter(convention_parameter())
        self.addParameter(year_parameter())
        self.addParameter(QgsProcessingParameterString(
            "REASON", tr("Reason for reopening"), multiLine=True))
        self.addOutput(QgsProcessingOutputNumber("VERSION", tr("Version reopened")))

    def run(self, parameters, context, feedback):
        location = self.store_location(parameters, context)
        key = self.parameterAsString(parameters, "CONVENTION", context).strip()
        year = self.parameterAsInt(parameters, "YEAR", context)
        reason = self.parameterAsString(parameters, "REASON", context)
        conn = store.open_store(location)
        try:
            conv = convention.find_convention(conn, key or None)
            version = settlement.reopen_year(conn, conv, year, reason)
        finally:
            conn.close()
        feedback.pushInfo(tr("Year {year} reopened (version {version} kept in the history).")
                          .format(year=year, version=version))
        return {"VERSION": version}
