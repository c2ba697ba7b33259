"""sitchartreuse:importpav: drop-off points and composters from open data."""
from qgis.core import (QgsProcessingParameterEnum, QgsProcessingParameterFile,
                       QgsProcessingParameterFileDestination)

from ..core.i18n import tr
from ..core.imports.pav import ENCODINGS, import_pav, write_profile
from .import_base import ImportAlgorithm


class ImportPavAlgorithm(ImportAlgorithm):
    _name = "importpav"
    _display = "Import drop-off points and composters"
    _help = ("Imports drop-off containers and shared composters from open-data GeoJSON or "
             "CSV, from a file, a folder or a zip. A mapping profile (PROFILE, a JSON file) "
             "says how to read a layout: columns, coordinates (two columns, one \"lat, lon\" "
             "column or WKT) and their CRS, stream names in the source's language, the kind "
             "of the records (pav or composteur) and of the composting sites. Without a "
             "profile, or for what it leaves out, the layout is guessed from the headers, "
             "the file's name and the values (coordinates must fall in France; x and y "
             "columns holding latitude and longitude are found), the report says what was "
             "guessed and OUTPUT_PROFILE saves the guess of the first file as a profile to "
             "check and reuse. Stream names (\"verre\", \"papier-carton\", "
             "\"ordures-menageres\"...) are mapped to the pav_flux code list; unknown streams "
             "and points outside their coordinate system are refused, points outside the "
             "communes of the store are reported. Features are keyed on their identifier: "
             "re-running the import updates in place. CSV files are read as UTF-8 unless "
             "the encoding says Windows-1252.")

    def add_parameters(self):
        self.addParameter(QgsProcessingParameterFile(
            "PROFILE", tr("Mapping profile (JSON); empty: guessed"), optional=True,
            fileFilter=tr("JSON profiles (*.json);;All files (*)")))
        self.addParameter(QgsProcessingParameterEnum(
            "ENCODING", tr("Encoding of CSV files"), options=list(ENCODINGS),
            defaultValue="UTF-8", usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_PROFILE", tr("Guessed layout, saved as a profile"),
            tr("JSON profiles (*.json)"), optional=True, createByDefault=False))

    def run_import(self, conn, source, parameters, context, feedback):
        self._report = import_pav(
            conn, source, feedback=feedback, profile_path=self.parameterAsFile(
                parameters, "PROFILE", context) or None,
            encoding=self.parameterAsString(parameters, "ENCODING", context) or "UTF-8")
        return self._report

    def run(self, parameters, context, feedback):
        results = super()._run_hook(parameters, context, feedback)  # base.py moves run() aside
        # Written like the report, after the import's commit.
        path = self.parameterAsFileOutput(parameters, "OUTPUT_PROFILE", context)
        results["OUTPUT_PROFILE"] = path and write_profile(self._report.profile, path)
        return results
