"""sitchartreuse:importads: ADS dossiers from a Next'ADS export (CSV or JSON)."""
from qgis.core import QgsProcessingParameterFile

from ..core.i18n import tr
from ..core.imports.ads import import_ads
from .import_base import ImportAlgorithm


class ImportAdsAlgorithm(ImportAlgorithm):
    _name = "importads"
    _display = "Import ADS dossiers (Next'ADS export)"
    _help = ("Imports the building-permit dossiers of a Next'ADS export (CSV or JSON): number "
             "(the key; type and commune are read from it), filing date, status, decision "
             "date and parcels (14-character IDU, 15-character MAJIC, or \"AB 123\" in the "
             "dossier's commune; several per dossier). The columns are mapped by a saved "
             "JSON profile (PROFILE; by default columns named as the store's fields, see the "
             "README). Any bad line (empty, malformed or duplicate number, malformed parcel "
             "reference, unknown column...) refuses the whole file and the report names it. "
             "Parcels missing from the cadastre are reported per dossier, which is kept "
             "without footprint. Re-importing updates the dossiers by number. No personal "
             "data (applicant) is stored.")

    def add_parameters(self):
        self.addParameter(QgsProcessingParameterFile(
            "PROFILE", tr("Import profile (JSON); empty: default"), extension="json",
            optional=True))

    def run_import(self, conn, source, parameters, context, feedback):
        return import_ads(conn, source,
                          self.parameterAsFile(parameters, "PROFILE", context) or None,
                          feedback=feedback)
