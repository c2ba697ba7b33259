"""sitchartreuse:importraepa: RAEPA network surveys and StaR-Eau GeoPackages
into the raepa_* tables."""
from qgis.core import QgsProcessingParameterEnum

from ..core.i18n import tr
from ..core.imports.raepa import import_raepa
from .import_base import ImportAlgorithm

# FORMAT's options, in order: None tells RAEPA from StaR-Eau by the input.
FORMATS = (None, "raepa", "stareau")


class ImportRaepaAlgorithm(ImportAlgorithm):
    _name = "importraepa"
    _display = "Import a RAEPA network survey"
    _help = ("Imports RAEPA 1.1/1.2 shapefiles or GeoPackage layers of drinking water (AEP) "
             "and sanitation (ASS) networks: pipes, structures, fittings and repairs, with "
             "the standard field names or those of the common import templates (mapped to "
             "RAEPA's); the RAEPA version read is said in the report. A StaR-Eau GeoPackage "
             "(recognised by its layer names, or chosen with FORMAT) is read into the same "
             "tables through the mapping of the documentation: what has no place in RAEPA "
             "is reported, and StaR-Eau has no repairs. Codes are checked against the RAEPA "
             "lists, pipes are tied to the nodes their ids name, and features are keyed on "
             "their RAEPA identifier, so re-running the import updates in place and changes "
             "nothing the second time.")

    def add_parameters(self):
        self.addParameter(QgsProcessingParameterEnum(
            "FORMAT", tr("Format"),
            options=[tr("Recognised from the delivery"), "RAEPA", "StaR-Eau"], defaultValue=0))

    def run_import(self, conn, source, parameters, context, feedback):
        return import_raepa(conn, source, feedback=feedback, data_format=FORMATS[
            self.parameterAsEnum(parameters, "FORMAT", context)])
