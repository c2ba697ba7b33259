"""The Next'ADS bridge on the desktop.

- the locator filter (plugin/locator.py) in QGIS's search bar;
- ``sit_nextads_url()``, an expression function: the Next'ADS URL of the
  current dossier or parcel, from the URL template in the plugin settings
  (``{numero}``, ``{insee}``, ``{parcelles}``; for a parcel, ``{numero}`` is
  its latest dossier);
- "Next'ADS settings…" in the plugin menu, and a "Next'ADS" page in QGIS's
  options, to edit that template;
- "PLUi constraints of the selected dossiers or parcels…": the dialog of
  sitchartreuse:adsconstraints filled with the selection.

What the bridge adds to the QGIS project itself is plugin/nextads_project.py.
"""
from qgis.core import (QgsApplication, QgsExpression, QgsExpressionFunction, QgsProject,
                       QgsSettings)
from qgis.gui import QgsOptionsPageWidget, QgsOptionsWidgetFactory
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout,
                                 QWidget)

from ..core import ads
from ..core.i18n import tr
from ..core.ledger import expressions
from ..core.storage.project import store_text_of
from .compat import QAction

SETTINGS_KEY = "sit_chartreuse/nextads/url_template"


def url_template():
    return QgsSettings().value(SETTINGS_KEY, ads.DEFAULT_URL_TEMPLATE) or \
        ads.DEFAULT_URL_TEMPLATE


def set_url_template(template):
    ads.nextads_url(template)   # refuses unknown placeholders
    QgsSettings().setValue(SETTINGS_KEY, template)


# --- expression function ------------------------------------------------------

class SitNextAdsUrl(QgsExpressionFunction):
    def __init__(self):
        super().__init__("sit_nextads_url", [], expressions.GROUP, tr(
            "The Next'ADS URL of the current dossier or parcel, from the URL template in the "
            "plugin settings ({numero}, {insee}, {parcelles})."))

    def usesGeometry(self, node):  # noqa: N802 (QGIS API)
        return False

    def referencedColumns(self, node):  # noqa: N802
        return ["numero", "insee", "idu"]

    def handlesNull(self):  # noqa: N802
        return True

    def func(self, values, context, parent, node):
        found = expressions.context_store(context)
        feature = context.feature()
        if not found or not feature.isValid():
            return None
        path, table = found
        conn = expressions.connection(path)
        try:
            with expressions.lock:
                if table == "ads_dossier":
                    numero, insee = feature["numero"], feature["insee"]
                    parcels = ads.dossier_parcels(conn, numero)
                elif table == "parcelle":
                    insee, parcels = feature["insee"], [feature["idu"]]
                    dossiers = ads.dossiers_of_parcel(conn, feature["idu"])
                    numero = dossiers[0][0] if dossiers else ""
                else:
                    return None
            return ads.nextads_url(url_template(), numero, insee, parcels)
        except Exception as e:  # shown by QGIS as the expression's error
            parent.setEvalErrorString(str(e))
            return None


_registered = []


def register_function():
    if _registered:
        return
    function = SitNextAdsUrl()
    if QgsExpression.isFunctionName(function.name()):
        QgsExpression.unregisterFunction(function.name())
    if QgsExpression.registerFunction(function):
        _registered.append(function)   # QGIS does not own it: keep it alive


def unregister_function():
    for function in _registered:
        QgsExpression.unregisterFunction(function.name())
    _registered.clear()


# --- settings dialog and component -------------------------------------------------

class TemplateEditor(QWidget):
    """The URL template with its explanation and the error of a faulty one."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(tr(
            "URL opening a dossier in Next'ADS. Placeholders: {numero} (dossier number), "
            "{insee} (commune), {parcelles} (IDUs separated by commas).")))
        self.template = QLineEdit(url_template())
        self.template.setMinimumWidth(480)
        layout.addWidget(self.template)
        self.error = QLabel()
        self.error.setStyleSheet("color: #a00")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)

    def save(self):
        """True once saved; False, with the reason shown, for a faulty template."""
        try:
            set_url_template(self.template.text().strip())
        except ads.AdsError as e:
            self.error.setText(str(e))
            return False
        self.error.clear()
        return True


class NextAdsSettingsDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Next'ADS settings"))
        layout = QVBoxLayout(self)
        self.editor = TemplateEditor(self)
        layout.addWidget(self.editor)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self):
        if self.editor.save():   # the dialog stays open on a faulty template
            super().accept()


class NextAdsOptionsPage(QgsOptionsPageWidget):
    """The same setting in QGIS's Settings › Options dialog."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.editor = TemplateEditor(self)
        layout.addWidget(self.editor)
        layout.addStretch()

    def apply(self):
        self.editor.save()


class NextAdsOptionsFactory(QgsOptionsWidgetFactory):
    def __init__(self):
        super().__init__(tr("Next'ADS"), QIcon())

    def createWidget(self, parent):  # noqa: N802 (QGIS API)
        return NextAdsOptionsPage(parent)


def selection_parameters(layer):
    """sitchartreuse:adsconstraints parameters for the features selected on a
    SIT dossier or parcel layer, or None when there is nothing to ask."""
    table = layer.customProperty("sit/table") if layer is not None else None
    field = {"ads_dossier": "numero", "parcelle": "idu"}.get(table)
    if field is None or not layer.selectedFeatureCount():
        return None
    values = sorted(str(f[field]) for f in layer.selectedFeatures())
    # Without credentials (the dialog and Processing's history show it):
    # Processing finds them among the stores opened in this session.
    return {"STORE": store_text_of(QgsProject.instance()),
            "DOSSIERS" if table == "ads_dossier" else "PARCELS": ", ".join(values)}


class NextAdsComponent:
    def __init__(self, plugin):
        from .locator import AdsLocatorFilter
        self.plugin = plugin
        self.iface = plugin.iface
        register_function()
        self.locator = AdsLocatorFilter(self.iface)
        self.iface.registerLocatorFilter(self.locator)
        window = self.iface.mainWindow()
        self.constraints_action = QAction(
            QgsApplication.getThemeIcon("/mActionShowSelectedLayers.svg"),
            tr("PLUi constraints of the selected dossiers or parcels…"), window)
        self.constraints_action.triggered.connect(self.constraints_of_selection)
        self.options = NextAdsOptionsFactory()
        self.iface.registerOptionsWidgetFactory(self.options)
        self.settings_action = QAction(tr("Next'ADS settings…"), window)
        self.settings_action.triggered.connect(self.edit_settings)
        plugin.add_action(self.constraints_action)
        plugin.add_action(self.settings_action, toolbar=False)

    def constraints_of_selection(self):
        """The constraints algorithm's dialog, filled with the selection."""
        parameters = selection_parameters(self.iface.activeLayer())
        if parameters is None:
            self.iface.messageBar().pushWarning(tr("Next'ADS"), tr(
                "Select dossiers or parcels on the layer of ADS dossiers or of parcels first."))
            return
        import processing   # QGIS's Processing plugin, loaded when used
        processing.execAlgorithmDialog("sitchartreuse:adsconstraints", parameters)

    def edit_settings(self):
        dialog = NextAdsSettingsDialog(self.iface.mainWindow())
        dialog.exec()
        return dialog

    def unload(self):
        self.iface.deregisterLocatorFilter(self.locator)
        self.locator = None
        self.iface.unregisterOptionsWidgetFactory(self.options)
        self.options = None
        for action in (self.constraints_action, self.settings_action):
            self.plugin.remove_action(action)
            action.deleteLater()
        unregister_function()
