"""The QGIS desktop side of SIT Chartreuse: menus, toolbar, docks, provider.

Start-up stays light: components are created here but import their heavy
parts only when used. Everything added in initGui() is removed in unload().
"""
import os

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from ..core.i18n import tr

PLUGIN_DIR = os.path.dirname(os.path.dirname(__file__))


class SitChartreusePlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.translator = None
        self.toolbar = None
        self.components = []
        self._install_translator()

    def _install_translator(self):
        locale = (QSettings().value("locale/userLocale", "") or QLocale().name())[:2]
        qm = os.path.join(PLUGIN_DIR, "i18n", "sit_chartreuse_%s.qm" % locale)
        if os.path.exists(qm):
            self.translator = QTranslator()
            if self.translator.load(qm):
                QCoreApplication.installTranslator(self.translator)

    def initProcessing(self):  # noqa: N802 (QGIS API)
        from ..processing.provider import SitChartreuseProvider
        self.provider = SitChartreuseProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802
        self.initProcessing()
        self.toolbar = self.iface.addToolBar(tr("SIT Chartreuse"))
        self.toolbar.setObjectName("SitChartreuseToolbar")
        self.components = [component(self) for component in self._component_classes()]

    @staticmethod
    def _component_classes():
        """Desktop pieces, each with __init__(plugin) and unload()."""
        from .catalogue_dock import CatalogueComponent
        from .consumption_dock import ConsumptionComponent
        from .convention_dialog import ConventionComponent
        from .effort_layers import EffortComponent
        from .ledger_component import LedgerComponent
        from .nextads import NextAdsComponent
        return (CatalogueComponent, LedgerComponent, ConventionComponent, ConsumptionComponent,
                NextAdsComponent, EffortComponent)

    def add_action(self, action, toolbar=True):
        """Put `action` in the plugin menu (and toolbar); returns it."""
        self.iface.addPluginToMenu(tr("&SIT Chartreuse"), action)
        if toolbar:
            self.toolbar.addAction(action)
        return action

    def remove_action(self, action):
        self.iface.removePluginMenu(tr("&SIT Chartreuse"), action)
        if self.toolbar:
            self.toolbar.removeAction(action)

    def unload(self):
        # A map still rendering in its thread may be evaluating our expression
        # functions: finish it before they are unregistered.
        self.iface.mapCanvas().stopRendering()
        for component in reversed(self.components):
            component.unload()
        self.components = []
        if self.toolbar:
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.provider:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
