"""A light relation editor widget for the ledger's forms ("sit_ticket_list").

QGIS's own relation editor builds a dual view (attribute table, feature list
and a complete form of the child layer) for every form it sits in: some
150 ms in QGIS 3.22, whatever the data. The SIT manager's feature forms only
need to read a feature's tickets (or a ticket's time entries): this widget
lists the related features in a plain table (dates in French, codes with
their labels, hours), and a double-click opens the child's own form, where
it can be edited. Where the plugin is not loaded, QGIS falls back to its
basic relation editor.
"""
import datetime

from qgis.core import QgsFeatureRequest
from qgis.gui import (QgsAbstractRelationEditorConfigWidget,
                      QgsAbstractRelationEditorWidget,
                      QgsAbstractRelationEditorWidgetFactory, QgsAttributeDialog, QgsGui)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (QAbstractItemView, QLabel, QTableWidget, QTableWidgetItem,
                                 QVBoxLayout)

from ..core.i18n import tr
from ..core.schema import BY_NAME, codelist_rows

WIDGET_TYPE = "sit_ticket_list"
# Columns shown per child table (a virtual field such as sit_hours included).
COLUMNS = {"ticket": ("opened_on", "category", "status", "title", "sit_hours"),
           "time_entry": ("work_date", "agent", "minutes", "note")}
_LABELS = {}
for _list, _code, _label, _ in codelist_rows():
    _LABELS.setdefault(_list, {})[_code] = _label


def _shown(table, name, value):
    """The text of a value: French dates, code labels, hours with a comma."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return ""
    spec = next((f for f in BY_NAME[table].fields if f.name == name), None) if table else None
    if spec is not None and spec.codelist:
        return _LABELS.get(spec.codelist, {}).get(value, str(value))
    if spec is not None and spec.type == "date":
        text = value.toString("yyyy-MM-dd") if hasattr(value, "toString") else str(value)
        try:
            return datetime.date.fromisoformat(text[:10]).strftime("%d/%m/%Y")
        except ValueError:
            return text
    if isinstance(value, float):
        return ("%.2f" % value).replace(".", ",")
    return str(value)


class TicketListWidget(QgsAbstractRelationEditorWidget):
    def __init__(self, config, parent=None):
        super().__init__(config, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.cellDoubleClicked.connect(self.open_row)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        self.features = []

    def config(self):
        return {}

    def setConfig(self, config):  # noqa: N802 (QGIS API)
        pass

    def setTitle(self, title):  # noqa: N802
        self.title.setText(title)

    def updateUi(self):  # noqa: N802
        relation, feature = self.relation(), self.feature()
        self.features = []
        if relation.isValid() and feature.isValid():
            layer = relation.referencingLayer()
            request = relation.getRelatedFeaturesRequest(feature)
            request.setFlags(QgsFeatureRequest.NoGeometry)
            self.features = list(layer.getFeatures(request))
        self._fill()

    def _fill(self):
        layer = self.relation().referencingLayer() if self.relation().isValid() else None
        table = layer.customProperty("sit/table") if layer else None
        names = [n for n in COLUMNS.get(table, ()) if layer.fields().indexOf(n) >= 0] \
            if layer else []
        if layer and not names:  # another child table: every field
            names = [f.name() for f in layer.fields()]
        elif names:  # newest first (the first column is the date)
            self.features.sort(key=lambda f: str(f[names[0]]), reverse=True)
        self.table.setColumnCount(len(names))
        self.table.setHorizontalHeaderLabels(
            [layer.attributeDisplayName(layer.fields().indexOf(n)) for n in names])
        self.table.setRowCount(len(self.features))
        for row, feature in enumerate(self.features):
            for column, name in enumerate(names):
                item = QTableWidgetItem(_shown(table, name, feature[name]))
                if isinstance(feature[name], (int, float)):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()

    def open_row(self, row, _column=0):
        """The child's own form (editable when its layer is being edited)."""
        layer = self.relation().referencingLayer()
        dialog = QgsAttributeDialog(layer, self.features[row], False, self, True,
                                    self.editorContext())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog


class TicketListConfigWidget(QgsAbstractRelationEditorConfigWidget):
    """Nothing to configure: the columns follow the child table."""

    def config(self):
        return {}

    def setConfig(self, config):  # noqa: N802
        pass


class TicketListFactory(QgsAbstractRelationEditorWidgetFactory):
    def type(self):
        return WIDGET_TYPE

    def name(self):
        return tr("SIT list (read, double-click to open)")

    def create(self, config, parent=None):
        return TicketListWidget(config, parent)

    def configWidget(self, relation, parent=None):  # noqa: N802
        return TicketListConfigWidget(relation, parent)


def register():
    """Make the widget available to forms (idempotent)."""
    registry = QgsGui.relationWidgetRegistry()
    if WIDGET_TYPE not in registry.relationWidgetNames():
        registry.addRelationWidget(TicketListFactory())


def unregister():
    QgsGui.relationWidgetRegistry().removeRelationWidget(WIDGET_TYPE)
