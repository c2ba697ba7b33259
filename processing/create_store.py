"""sitchartreuse:createstore: create an empty SIT store."""
from qgis.core import QgsProcessingParameterFileDestination, QgsProcessingOutputFile

from ..core import store
from ..core.i18n import tr
from .base import SitAlgorithm


class CreateStoreAlgorithm(SitAlgorithm):
    _name = "createstore"
    _display = "Create a SIT store"
    _group, _group_id = "Store", "store"
    _help = ("Creates an empty SIT store (GeoPackage) with every table of the "
             "four applications, the referentials, the work ledger and the agreement, "
             "in EPSG:2154 with spatial indexes and the standard code lists. "
             "An existing file is never overwritten.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFileDestination(
            "STORE", tr("SIT store (GeoPackage)"), "GeoPackage (*.gpkg)"))
        self.addOutput(QgsProcessingOutputFile("STORE", tr("SIT store")))

    def run(self, parameters, context, feedback):
        path = self.parameterAsFileOutput(parameters, "STORE", context)
        created = store.create_store(path)
        feedback.pushInfo(tr("SIT store created: {path}").format(path=created))
        return {"STORE": created}
