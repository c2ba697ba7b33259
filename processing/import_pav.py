"""sitchartreuse:importpav: drop-off points and composters from open data."""
from qgis.core import QgsProcessingParameterEnum

from ..core.i18n import tr
from ..core.imports.pav import ENCODINGS, import_pav
from .import_base import ImportAlgorithm


class ImportPavAlgorithm(ImportAlgorithm):
    _name = "importpav"
    _display = "Import drop-off points and composters"
    _help = ("Imports drop-off containers and shared composters from open-data GeoJSON or "
             "CSV (lon/lat or Lambert-93 x/y columns), from a file, a folder or a zip. Stream "
             "names (\"verre\", \"papier-carton\", \"ordures-menageres\"...) are mapped to the "
             "pav_flux code list; unknown streams and points outside their coordinate system "
             "are refused, points outside the communes of the store are reported. Features "
             "are keyed on their identifier: re-running the import updates in place. CSV "
             "files are read as UTF-8 unless the encoding says Windows-1252.")

    def add_parameters(self):
        self.addParameter(QgsProcessingParameterEnum(
            "ENCODING", tr("Encoding of CSV files"), options=list(ENCODINGS),
            defaultValue="UTF-8", usesStaticStrings=True))

    def run_import(self, conn, source, parameters, context, feedback):
        return import_pav(conn, source, feedback=feedback, encoding=self.parameterAsString(
            parameters, "ENCODING", context) or "UTF-8")
