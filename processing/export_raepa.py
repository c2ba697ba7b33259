"""sitchartreuse:exportraepa: the networks as RAEPA 1.2 shapefiles."""
from qgis.core import QgsProcessingParameterFolderDestination

from ..core.exports.raepa import export_raepa
from ..core.i18n import tr
from ..core.storage import store
from .base import SitAlgorithm, store_parameter


class ExportRaepaAlgorithm(SitAlgorithm):
    _name = "exportraepa"
    _display = "Export the networks (RAEPA 1.2 shapefiles)"
    _group, _group_id = "Exports", "exports"
    _help = ("Writes the drinking water (AEP) and sanitation (ASS) networks of the store as "
             "RAEPA 1.2 shapefiles in a RAEPA folder: pipes, fittings, structures and "
             "repairs, one shapefile per RAEPA table (RAEPA_CANALASS_L...), fields of "
             "RAEPA 1.2 in its order, UTF-8 (.cpg) and Lambert-93 (.prj). An existing RAEPA "
             "folder is never overwritten. importraepa reads the shapefiles back.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(store_parameter())
        self.addParameter(QgsProcessingParameterFolderDestination(
            "OUTPUT_FOLDER", tr("Folder receiving the RAEPA folder")))

    def run(self, parameters, context, feedback):
        folder = self.parameterAsString(parameters, "OUTPUT_FOLDER", context)
        conn = store.open_store(self.store_location(parameters, context))
        try:
            path, counts = export_raepa(conn, folder)
        finally:
            conn.close()
        feedback.pushInfo(tr("{n} features written to {path}.").format(
            n=sum(counts.values()), path=path))
        return {"OUTPUT_FOLDER": folder}
