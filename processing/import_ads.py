"""sitchartreuse:importads: ADS dossiers from a Next'ADS export (CSV or JSON)."""
from qgis.core import QgsProcessingParameterFile

from ..core.i18n import tr
from ..core.imports.ads import BUILTIN_PROFILES, import_ads
from .import_base import ImportAlgorithm


class ImportAdsAlgorithm(ImportAlgorithm):
    _name = "importads"
    _display = "Import ADS dossiers (Next'ADS export)"
    _help = ("Imports the building-permit dossiers of a Next'ADS export (CSV or JSON): number "
             "(the key; type and commune are read from it), filing date, status, decision "
             "date and parcels (14-character IDU, 15-character MAJIC, or \"AB 123\" in the "
             "dossier's commune; several per dossier). The columns are mapped by a saved "
             "JSON profile (PROFILE; by default columns named as the store's fields, see the "
             "README), or a built-in one: sirap for the notice board of Sirap's NEXT'ADS "
             "portal (affichage-reglementaire JSON). Any bad line (empty, malformed or "
             "duplicate number, malformed parcel reference, unknown column...) refuses the "
             "whole file and the report names it. "
             "Parcels missing from the cadastre are reported per dossier, which is kept "
             "without footprint. Re-importing updates the dossiers by number. No personal "
             "data (applicant) is stored.")

    def add_parameters(self):
        # A file filter with "All files" lets a built-in profile's name
        # through (an extension alone would refuse "sirap").
        self.addParameter(QgsProcessingParameterFile(
            "PROFILE", tr("Import profile: a JSON file, or a built-in one ({names}); empty: "
                          "default").format(names=", ".join(BUILTIN_PROFILES)),
            optional=True,
            fileFilter=tr("JSON profiles (*.json);;All files (*)")))

    def run_import(self, conn, source, parameters, context, feedback):
        return import_ads(conn, source,
                          self.parameterAsFile(parameters, "PROFILE", context) or None,
                          feedback=feedback)
