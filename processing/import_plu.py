"""sitchartreuse:importplu: a CNIG PLU/PLUi delivery into the plui tables."""
from qgis.core import QgsProcessingParameterEnum

from ..core.i18n import tr
from ..core.imports.plu import AUTO, MODES, import_plu
from ..core.schema.cnig import MODELS
from .import_base import ImportAlgorithm, mode_parameter


class ImportPluAlgorithm(ImportAlgorithm):
    _name = "importplu"
    _display = "Import a CNIG PLU/PLUi delivery"
    _help = ("Validates then imports a CNIG PLU or PLUi delivery (the folder as delivered or "
             "a zip; shapefiles or GeoPackage; every CNIG model from 2013 to 2025, recognised "
             "from the delivery's fields or given as MODEL): encodings from the "
             ".cpg files, 3D geometries made 2D, IDURBA and dates checked, codes checked "
             "against the model's CNIG lists, references between DOC_URBA, DOC_URBA_COM and the "
             "layers. The report (and the optional defects table) lists each defect with its "
             "layer, feature and rule, and names the model read. Tolerant mode imports what "
             "the store can hold and reports every deviation; only an unreadable delivery "
             "is refused. Strict mode refuses the delivery on any error. A newer "
             "delivery of the same authority replaces the current one, which is kept in "
             "history (plui_archive).")

    def add_parameters(self):
        self.addParameter(mode_parameter())
        self.addParameter(QgsProcessingParameterEnum(
            "MODEL", tr("CNIG model"),
            options=[tr("Recognised from the delivery")] + list(MODELS), defaultValue=0))

    def run_import(self, conn, source, parameters, context, feedback):
        mode = MODES[self.parameterAsEnum(parameters, "MODE", context)]
        model = ((AUTO,) + MODELS)[self.parameterAsEnum(parameters, "MODEL", context)]
        return import_plu(conn, source, mode=mode, feedback=feedback, model=model)
