"""sitchartreuse:importraepa: RAEPA network surveys into the raepa_* tables."""
from ..core.imports.raepa import import_raepa
from .import_base import ImportAlgorithm


class ImportRaepaAlgorithm(ImportAlgorithm):
    _name = "importraepa"
    _display = "Import a RAEPA network survey"
    _help = ("Imports RAEPA 1.1/1.2 shapefiles or GeoPackage layers of drinking water (AEP) "
             "and sanitation (ASS) networks: pipes, structures, fittings and repairs, with "
             "the standard field names or those of the common import templates (mapped to "
             "RAEPA's). Codes are checked against the RAEPA lists, pipes are tied to the "
             "nodes their ids name, and features are keyed on their RAEPA identifier, so "
             "re-running the import updates in place and changes nothing the second time.")

    def run_import(self, conn, source, parameters, context, feedback):
        return import_raepa(conn, source, feedback=feedback)
