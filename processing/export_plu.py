"""sitchartreuse:exportplu: the PLUi as a CNIG delivery."""
from qgis.core import QgsProcessingParameterEnum, QgsProcessingParameterFolderDestination

from ..core.exports.plu import export_plu
from ..core.i18n import tr
from ..core.schema import cnig
from ..core.storage import store
from .base import SitAlgorithm, store_parameter


class ExportPluAlgorithm(SitAlgorithm):
    _name = "exportplu"
    _display = "Export the PLUi (CNIG delivery)"
    _group, _group_id = "Exports", "exports"
    _help = ("Writes each urban-planning document of the store as a CNIG delivery for the "
             "Géoportail de l'Urbanisme, in the 2024 model (or 2025): a folder "
             "<SIREN>_<TYPEDOC>_<DATAPPRO> with the DOC_URBA and DOC_URBA_COM tables and, "
             "under Donnees_geographiques, one shapefile per layer (zones, prescriptions, "
             "informations), fields in the model's order, UTF-8 (.cpg) and Lambert-93 (.prj). "
             "An existing delivery folder is never overwritten. importplu reads the "
             "delivery back.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(store_parameter())
        self.addParameter(QgsProcessingParameterEnum(
            "MODEL", tr("CNIG model"), options=list(cnig.EXPORT_MODELS),
            defaultValue=cnig.EXPORT_MODELS[0], usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterFolderDestination(
            "OUTPUT_FOLDER", tr("Folder receiving the deliveries")))

    def run(self, parameters, context, feedback):
        folder = self.parameterAsString(parameters, "OUTPUT_FOLDER", context)
        conn = store.open_store(self.store_location(parameters, context))
        try:
            paths = export_plu(conn, folder, self.parameterAsString(parameters, "MODEL", context))
        finally:
            conn.close()
        for path in paths:
            feedback.pushInfo(tr("Delivery written: {path}").format(path=path))
        return {"OUTPUT_FOLDER": folder}
