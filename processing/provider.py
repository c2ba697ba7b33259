"""The Processing provider `sitchartreuse`: lists every algorithm explicitly."""
import os

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..core.i18n import tr
from .ads_constraints import AdsConstraintsAlgorithm
from .consumption import ConsumptionAlgorithm
from .copy_store import CopyStoreAlgorithm
from .create_store import CreateStoreAlgorithm
from .export_pav import ExportPavAlgorithm
from .export_plu import ExportPluAlgorithm
from .export_raepa import ExportRaepaAlgorithm
from .forecast import ForecastAlgorithm
from .hosting_cost import HostingCostAlgorithm
from .import_ads import ImportAdsAlgorithm
from .import_cadastre import ImportCadastreAlgorithm
from .import_plu import ImportPluAlgorithm
from .import_sup import ImportSupAlgorithm
from .import_raepa import ImportRaepaAlgorithm
from .import_pav import ImportPavAlgorithm
from .reopen_year import ReopenYearAlgorithm
from .settlement import SettlementAlgorithm
from .import_time import ImportTimeAlgorithm
from .log_time import LogTimeAlgorithm
from .pg_roles import PgRolesAlgorithm
from .update_communes import UpdateCommunesAlgorithm

ALGORITHMS = (
    CreateStoreAlgorithm,
    CopyStoreAlgorithm,
    ImportCadastreAlgorithm,
    ImportPluAlgorithm,
    ImportSupAlgorithm,
    ImportRaepaAlgorithm,
    ImportPavAlgorithm,
    ExportPavAlgorithm,
    ExportPluAlgorithm,
    ExportRaepaAlgorithm,
    UpdateCommunesAlgorithm,
    LogTimeAlgorithm,
    ImportTimeAlgorithm,
    SettlementAlgorithm,
    ConsumptionAlgorithm,
    ForecastAlgorithm,
    HostingCostAlgorithm,
    ReopenYearAlgorithm,
    AdsConstraintsAlgorithm,
    ImportAdsAlgorithm,
    PgRolesAlgorithm,
)


class SitChartreuseProvider(QgsProcessingProvider):
    def id(self):
        return "sitchartreuse"

    def name(self):
        return tr("SIT Chartreuse")

    def icon(self):
        return QIcon(os.path.join(os.path.dirname(os.path.dirname(__file__)), "icon.svg"))

    def loadAlgorithms(self):  # noqa: N802
        for algorithm in ALGORITHMS:
            self.addAlgorithm(algorithm())
