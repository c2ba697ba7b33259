"""sitchartreuse:exportpav: drop-off points and composters as GeoJSON."""
from qgis.core import QgsProcessingParameterFileDestination

from ..core.exports.pav import export_pav
from ..core.i18n import tr
from ..core.storage import store
from .base import SitAlgorithm, store_parameter


class ExportPavAlgorithm(SitAlgorithm):
    _name = "exportpav"
    _display = "Export drop-off points and composters (GeoJSON, OpenStreetMap tags)"
    _group, _group_id = "Exports", "exports"
    _help = ("Writes the drop-off points and shared composters of the store to a GeoJSON "
             "file in WGS 84 (longitude, latitude), tagged as OpenStreetMap does: "
             "amenity=recycling, recycling_type=container and the recycling:* keys of the "
             "stream (from the pav_flux code list; residual waste is amenity=waste_disposal), "
             "composters as containers of organic waste (recycling:organic=yes). Each "
             "feature keeps the SIT's uuid (sit:uuid) and its identifier (ref).")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(store_parameter())
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT", tr("GeoJSON file"), tr("GeoJSON files (*.geojson)")))

    def run(self, parameters, context, feedback):
        output = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        conn = store.open_store(self.store_location(parameters, context))
        try:
            counts = export_pav(conn, output)
        finally:
            conn.close()
        feedback.pushInfo(tr("{pav} drop-off points and {composteur} composters written to "
                             "{path}.").format(path=output, **counts))
        return {"OUTPUT": output}
