"""The "Tickets" dock: tickets of the SIT open in the project, filterable by
application, category, status, agent and year; double-clicking a ticket
zooms to its feature and opens the feature's form (the ticket's own form for
work on an application or on a deleted feature)."""
import datetime

from qgis.core import QgsExpression, QgsFeatureRequest, QgsProject
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (QAbstractItemView, QComboBox, QGridLayout, QLabel,
                                 QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
                                 QWidget)

from ..core.i18n import tr
from ..core.ledger import ledger
from ..core.schema import BY_NAME, codelist_rows
from ..core.storage import store
from ..core.storage.project import store_of

OPEN = "open"
LABELS = {}
for _list, _code, _label, _ in codelist_rows():
    LABELS.setdefault(_list, {})[_code] = _label


def _date(iso):
    return datetime.date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


class TicketsDock(QgsDockWidget):
    def __init__(self, iface, parent=None):
        super().__init__(tr("Tickets"), parent)
        self.setObjectName("SitChartreuseTicketsDock")
        self.iface = iface
        self.rows = []
        body = QWidget()
        layout = QVBoxLayout(body)
        filters = QGridLayout()
        self.application = self._combo(tr("All applications"), [
            (LABELS["application"][c], c) for c in ledger.APPLICATIONS])
        self.category = self._combo(tr("All categories"), [
            (LABELS["ticket_category"][c], c) for c in ledger.CATEGORIES])
        self.status = self._combo(tr("All statuses"), [(tr("Open or in progress"), OPEN)] + [
            (LABELS["ticket_status"][c], c) for c in ledger.STATUSES])
        self.status.setCurrentIndex(1)  # open tickets first
        self.agent = self._combo(tr("All agents"), [])
        self.year = self._combo(tr("All years"), [])
        for i, (caption, combo) in enumerate(((tr("Application"), self.application),
                                              (tr("Category"), self.category),
                                              (tr("Status"), self.status),
                                              (tr("Agent"), self.agent),
                                              (tr("Year"), self.year))):
            filters.addWidget(QLabel(caption), i, 0)
            filters.addWidget(combo, i, 1)
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels([
            tr("Opened"), tr("Application"), tr("Category"), tr("Status"), tr("Title"),
            tr("Feature"), tr("Hours")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.cellDoubleClicked.connect(self.open_row)
        self.summary = QLabel()
        refresh = QPushButton(tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addWidget(self.summary)
        layout.addWidget(refresh)
        self.setWidget(body)
        for combo in (self.application, self.category, self.status, self.agent, self.year):
            combo.currentIndexChanged.connect(self.refresh)
        QgsProject.instance().readProject.connect(self.refresh)
        QgsProject.instance().cleared.connect(self.refresh)

    def unload(self):
        QgsProject.instance().readProject.disconnect(self.refresh)
        QgsProject.instance().cleared.disconnect(self.refresh)

    @staticmethod
    def _combo(everything, items):
        combo = QComboBox()
        combo.addItem(everything, None)
        for label, data in items:
            combo.addItem(label, data)
        return combo

    def _refill(self, combo, values):
        """Replace the choices after the first ("all"), keeping the current one."""
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for value in values:
            combo.addItem(str(value), value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def refresh(self, *_):
        path = store_of(QgsProject.instance())
        self.rows = []
        if path:
            conn = store.connect_existing(path)
            try:
                self._refill(self.agent, ledger.agents(conn))
                self._refill(self.year, ledger.work_years(conn))
                status = self.status.currentData()
                self.rows = ledger.search_tickets(
                    conn, application=self.application.currentData(),
                    category=self.category.currentData(),
                    status=None if status == OPEN else status, open_only=status == OPEN,
                    agent=self.agent.currentData(), year=self.year.currentData())
            finally:
                conn.close()
        self.table.setRowCount(len(self.rows))
        for row, t in enumerate(self.rows):
            feature = (BY_NAME[t["layer_name"]].title if t["layer_name"]
                       else tr("(whole application)"))
            if t["feature_deleted_on"]:
                feature += tr(" (deleted {date})").format(date=_date(t["feature_deleted_on"]))
            hours = str(ledger.minutes_to_hours(t["minutes"])).replace(".", ",")
            for column, text in enumerate((
                    _date(t["opened_on"]), LABELS["application"][t["application"]],
                    LABELS["ticket_category"][t["category"]], LABELS["ticket_status"][t["status"]],
                    t["title"], feature, hours)):
                item = QTableWidgetItem(text)
                if column == 6:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        total = sum(t["minutes"] for t in self.rows)
        self.summary.setText(tr("{count} ticket(s), {hours} h").format(
            count=len(self.rows), hours=str(ledger.minutes_to_hours(total)).replace(".", ",")))

    def open_row(self, row, _column=0):
        """Zoom to the ticket's feature and open its form; returns (layer, feature)."""
        t = self.rows[row]
        found = None
        if t["layer_name"] and not t["feature_deleted_on"]:
            found = _find(t["layer_name"], t["feature_uuid"])
        found = found or _find("ticket", t["uuid"])
        if found is None:
            self.iface.messageBar().pushWarning(tr("SIT Chartreuse"), tr(
                "The ticket's layer is not in the project: open the SIT first."))
            return None
        layer, feature = found
        canvas = self.iface.mapCanvas()
        if feature.hasGeometry():
            canvas.zoomToFeatureIds(layer, [feature.id()])
            canvas.refresh()
        self.iface.openFeatureForm(layer, feature, False, False)
        return found


def _find(table, uuid):
    """(layer, feature) of the project showing the feature `uuid` of `table`."""
    request = QgsFeatureRequest().setFilterExpression(
        '"uuid" = %s' % QgsExpression.quotedValue(uuid))
    for layer in QgsProject.instance().mapLayers().values():
        if layer.customProperty("sit/table") == table:
            for feature in layer.getFeatures(request):
                return layer, feature
    return None

