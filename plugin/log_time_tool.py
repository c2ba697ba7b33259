"""Map tool "Log time on a feature": click a catalogued feature, log time.

The dialog proposes the feature's open tickets or a new one, the date
(today), hours, category (and application, for a referential's feature),
agent and note; saving is one transaction through core.ledger.ledger, then the
ticket layers are redrawn so the map shows the ticket at once.
"""
import datetime
import os

from qgis.core import (Qgis, QgsExpression, QgsExpressionContext, QgsExpressionContextUtils,
                       QgsProject)
from qgis.gui import QgsMapToolIdentify
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QDate, pyqtSignal

from ..core.errors import SitError
from ..core.i18n import tr
from ..core.ledger import ledger
from ..core.schema import codelist_rows
from ..core.storage import store
from ..core.ledger.expressions import layer_table

UI = os.path.join(os.path.dirname(os.path.dirname(__file__)), "forms", "log_time.ui")
_FORM, _BASE = uic.loadUiType(UI)
LABELS = {}
for _list, _code, _label, _ in codelist_rows():
    LABELS.setdefault(_list, {})[_code] = _label
CATEGORY_LABELS = LABELS["ticket_category"]


def feature_label(layer, feature):
    """'Layer title: display name of the feature'."""
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    context.setFeature(feature)
    shown = QgsExpression(layer.displayExpression()).evaluate(context)
    return "%s : %s" % (layer.name(), shown if shown not in (None, "") else feature.id())


class LogTimeDialog(_BASE, _FORM):
    """Log time on one feature; saved by accept(), which stays open on a refusal."""

    def __init__(self, conn, table, feature_uuid, label, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.conn, self.table, self.feature_uuid = conn, table, feature_uuid
        self.saved = None  # (ticket uuid, entry uuid) once saved
        self._translate()
        self.featureLabel.setText(label)
        self.ticketCombo.addItem(tr("New ticket"), None)
        self.tickets = ledger.feature_tickets(conn, table, feature_uuid)
        for t in self.tickets:
            self.ticketCombo.addItem(tr("{title} ({category}, {hours} h, opened {date})").format(
                title=t["title"], category=CATEGORY_LABELS[t["category"]],
                hours=str(ledger.minutes_to_hours(t["minutes"])).replace(".", ","),
                date=datetime.date.fromisoformat(t["opened_on"]).strftime("%d/%m/%Y")),
                t["uuid"])
        for code in ledger.CATEGORIES:
            self.categoryCombo.addItem(CATEGORY_LABELS[code], code)
        # A referential's feature (parcel, commune) is worked on for any application.
        self.owner = ledger.application_of(table)
        for code in ledger.APPLICATIONS:
            self.applicationCombo.addItem(LABELS["application"][code], code)
        if self.owner:
            self.applicationCombo.setCurrentIndex(self.applicationCombo.findData(self.owner))
        self.dateEdit.setDate(QDate.currentDate())
        self.agentEdit.setText(store.current_user())
        self.ticketCombo.currentIndexChanged.connect(self._ticket_changed)
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        self._ticket_changed()

    def _translate(self):
        self.setWindowTitle(tr("Log time on a feature"))
        for label, text in ((self.ticketCaption, tr("Ticket")), (self.titleCaption, tr("Title")),
                            (self.applicationCaption, tr("Application")),
                            (self.categoryCaption, tr("Category")),
                            (self.dateCaption, tr("Date")), (self.hoursCaption, tr("Hours")),
                            (self.agentCaption, tr("Agent")), (self.noteCaption, tr("Note"))):
            label.setText(text)

    def _ticket_changed(self):
        uuid = self.ticketCombo.currentData()
        existing = next((t for t in self.tickets if t["uuid"] == uuid), None)
        self.titleEdit.setEnabled(existing is None)
        self.categoryCombo.setEnabled(existing is None)
        self.applicationCombo.setEnabled(existing is None and self.owner is None)
        if existing:
            self.titleEdit.setText(existing["title"])
            self.categoryCombo.setCurrentIndex(self.categoryCombo.findData(existing["category"]))
            self.applicationCombo.setCurrentIndex(
                self.applicationCombo.findData(existing["application"]))

    def values(self):
        """Keyword arguments of ledger.log_time from the dialog."""
        ticket = self.ticketCombo.currentData()
        return dict(
            work_date=self.dateEdit.date().toPyDate(),
            hours="%.2f" % self.hoursSpin.value(),  # the spin box holds two decimals
            ticket_uuid=ticket, layer=self.table, feature_uuid=self.feature_uuid,
            application=self.applicationCombo.currentData(),
            category=self.categoryCombo.currentData(),
            title=None if ticket else self.titleEdit.text(),
            agent=self.agentEdit.text().strip() or None,
            note=self.noteEdit.toPlainText().strip() or None)

    def accept(self):
        try:
            self.saved = ledger.log_time(self.conn, **self.values())
        except SitError as e:
            self.errorLabel.setText(str(e))
            return
        super().accept()


class LogTimeTool(QgsMapToolIdentify):
    """Click a catalogued feature to log time on it."""
    logged = pyqtSignal(str, str)  # ticket uuid, time entry uuid

    def __init__(self, canvas, iface=None):
        super().__init__(canvas)
        self.iface = iface
        self._connections = {}

    def catalogued_layers(self):
        """The visible layers of the canvas showing a catalogued table."""
        return [layer for layer in self.canvas().layers()
                if layer.customProperty("sit/table") in ledger.CATALOGUED_NAMES]

    def connection(self, location):
        conn = self._connections.get(str(location))
        if conn is None:
            conn = self._connections[str(location)] = store.open_store(location)
        return conn

    def close(self):
        for conn in self._connections.values():
            conn.close()
        self._connections.clear()

    def canvasReleaseEvent(self, event):  # noqa: N802 (QGIS API)
        results = self.identify(event.x(), event.y(), self.catalogued_layers(),
                                QgsMapToolIdentify.TopDownStopAtFirst)
        if not results:
            self._message(tr("No catalogued feature here: click a feature of the SIT's "
                             "applications or referentials."), Qgis.Info)
            return
        self.log_on(results[0].mLayer, results[0].mFeature)

    def log_on(self, layer, feature):
        """Open the dialog for `feature` of `layer`; returns the saved uuids or None."""
        path, table = layer_table(layer)
        try:
            conn = self.connection(path)
            dialog = LogTimeDialog(conn, table, feature["uuid"], feature_label(layer, feature),
                                   self.iface.mainWindow() if self.iface else None)
        except SitError as e:
            self._message(str(e), Qgis.Critical)
            return None
        if not dialog.exec():
            return None
        self.refresh_map(layer)
        self.logged.emit(*dialog.saved)
        self._message(tr("Time logged on {feature}.").format(feature=feature_label(layer, feature)),
                      Qgis.Success)
        return dialog.saved

    def refresh_map(self, layer):
        """Redraw: the ticket layers read the new ticket on their next drawing
        (a reload, reopening the GeoPackage, is not needed and is slow on a
        big store)."""
        for other in QgsProject.instance().mapLayers().values():
            if other.customProperty("sit/table") == "ticket":
                other.triggerRepaint()
        layer.triggerRepaint()  # labels and styles may show the feature's hours

    def _message(self, text, level):
        if self.iface:
            self.iface.messageBar().pushMessage(tr("SIT Chartreuse"), text, level, 5)
