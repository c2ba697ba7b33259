"""sitchartreuse:importcadastre: the parcels of the cadastre and their yearly update."""
from qgis.core import (QgsProcessingParameterBoolean, QgsProcessingParameterNumber,
                       QgsProcessingParameterString)

from ..core.i18n import tr
from ..core.imports.cadastre import import_cadastre
from .import_base import ImportAlgorithm


class ImportCadastreAlgorithm(ImportAlgorithm):
    _name = "importcadastre"
    _display = "Import the cadastre (parcels)"
    _help = ("Imports the parcels of Etalab's cadastre-XXXXX-parcelles.json files (also "
             ".json.gz) or of DGFiP EDIGEO sheets (.tar.bz2), from a file, a folder or a zip. "
             "Within what each file covers (an EDIGEO sheet: its feuille; an Etalab file: its "
             "commune), parcels are created, changed (geometry or area) or deleted; a parcel "
             "the delivery refuses is never deleted, and a delivery deleting more than 5 % of "
             "a commune's parcels is refused unless the deletions are confirmed. A parcel "
             "that persists keeps its identity, so tickets and dossiers pointing at it stay "
             "valid. The report lists the changes, every deletion and the links to parcels "
             "that are gone. Re-running the same import changes nothing. Etalab files may be "
             "gzipped or not, one feature per line or pretty-printed, in CRS84 or Lambert-93, "
             "with extra fields. Without a millésime, the delivery's is recorded (a year in "
             "the file's name, else its parcels' latest update).")

    def add_parameters(self):
        self.addParameter(QgsProcessingParameterNumber(
            "MILLESIME", tr("Cadastre year (millésime); empty: the delivery's, else this year"),
            type=QgsProcessingParameterNumber.Integer, optional=True,
            minValue=1900, maxValue=2200))
        self.addParameter(QgsProcessingParameterString(
            "DEPARTEMENT", tr("Departement code of EDIGEO sheets not named edigeo-DD..."),
            optional=True))
        self.addParameter(QgsProcessingParameterBoolean(
            "CONFIRM_DELETIONS", tr("Confirm deleting more than 5 % of a commune's parcels"),
            defaultValue=False))

    def run_import(self, conn, source, parameters, context, feedback):
        year = parameters.get("MILLESIME")
        return import_cadastre(
            conn, source,
            millesime=self.parameterAsInt(parameters, "MILLESIME", context)
            if year not in (None, "") else None,
            departement=self.parameterAsString(parameters, "DEPARTEMENT", context) or None,
            feedback=feedback,
            confirm_deletions=self.parameterAsBool(parameters, "CONFIRM_DELETIONS", context))
