"""The "Agreement follow-up" dock: the consumption of the open SIT's agreement
for a year, to a date (core.agreement.consumption), per line and in total.

It is recomputed whenever the store may have changed from this QGIS: after
every commit of the plugin's own writes (core.storage.store.COMMIT_LISTENERS:
the map tool, the Processing algorithms, the imports) and after every edit
session committed on a layer of the ledger (QGIS's forms and attribute
tables). When such a change takes a line past 80 % or 100 % of its
provisional, the message bar says so: the figures before and after are the
dock's own, on the same date. With "Effort map of the year" ticked, the
project's "Effort {year}" group (plugin/effort_layers.py) follows the year
chosen and the same refreshes.
"""
import datetime
import sqlite3
from decimal import Decimal

from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.gui import QgsDockWidget
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QDate, QObject, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDateEdit,
                                 QFormLayout, QLabel, QTableWidget, QTableWidgetItem,
                                 QVBoxLayout, QWidget)

from ..core.agreement import consumption, convention
from ..core.agreement.convention import COSTS
from ..core.errors import SitError
from ..core.i18n import tr
from ..core.reports.consumption_report import method_text, percent, state_text
from ..core.reports.report import NBSP, date_fr, days, euros
from ..core.storage import store
from ..core.storage.project import store_of
from .effort_layers import remove_effort, show_effort

# Layers whose committed edits change the consumption.
LEDGER_TABLES = ("ticket", "time_entry")
COLOURS = {consumption.ON_TRACK: "#c8e6c9", consumption.REACHED_80: "#ffcc80",
           consumption.OVER_100: "#ef9a9a"}
NUMERIC = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class StoreEvents(QObject):
    """`changed`: a store was written from this QGIS (emitted in the writer's
    thread; receivers in the main thread get it queued)."""
    changed = pyqtSignal()

    def __init__(self, project):
        super().__init__()
        self.project = project
        self._watched = {}   # layer id -> ledger layer whose commits are followed
        store.COMMIT_LISTENERS.append(self._committed)
        project.layersAdded.connect(self._watch)
        self._watch(project.mapLayers().values())

    def _committed(self, _conn):
        self.changed.emit()

    def _watch(self, layers):
        for layer in layers:
            if layer.customProperty("sit/table") in LEDGER_TABLES:
                layer.afterCommitChanges.connect(self.changed)
                self._watched[layer.id()] = layer

    def unload(self):
        store.COMMIT_LISTENERS.remove(self._committed)
        self.project.layersAdded.disconnect(self._watch)
        for layer in self._watched.values():
            if not sip.isdeleted(layer):   # a removed layer is already gone
                layer.afterCommitChanges.disconnect(self.changed)
        self._watched = {}


def _amounts(line, hpd, minutes, cents):
    """'12,00 d · 7 200,00 €' for a days line, the amount alone for costs."""
    if line.kind == COSTS:
        return euros(cents)
    return "%s%s%s · %s" % (days(minutes, hpd), NBSP, tr("d"), euros(cents))


def _provisional_minutes(line, hpd):
    return Decimal(line.provisional_quantity_hundredths) * hpd * 60 / 100


def _left(line, hpd):
    """(minutes, cents) left of the line, negative once it is over."""
    return _provisional_minutes(line, hpd) - line.used_minutes, line.left_ht_cents


def crossings(before, after):
    """[(line, level)] of the lines of `after` that `before` had below 80 %
    (warning) or at most at 100 % (critical) and that are now past it."""
    old = {l.code: l.share for l in before.lines}
    found = []
    for line in after.lines:
        was, now = old.get(line.code), line.share
        if was is None or now is None:
            continue
        if was <= consumption.FULL_SHARE < now:
            found.append((line, Qgis.MessageLevel.Critical))
        elif was < consumption.ALERT_SHARE <= now:
            found.append((line, Qgis.MessageLevel.Warning))
    return found


def alert_text(line, hpd):
    minutes, cents = _left(line, hpd)
    if line.state == consumption.OVER_100:
        return tr("{line}: {share} of its provisional used, over by {over}.").format(
            line=line.label, share=percent(line.share), over=_amounts(line, hpd, -minutes, -cents))
    return tr("{line}: {share} of its provisional used, {left} left.").format(
        line=line.label, share=percent(line.share), left=_amounts(line, hpd, minutes, cents))


class ConsumptionDock(QgsDockWidget):
    """The consumption of a year (combo box, the agreement's years; this year
    by default) on a date (today by default). `yearChanged(year)` tells
    whoever shows something for the year chosen."""
    yearChanged = pyqtSignal(int)

    def __init__(self, iface, events, parent=None):
        super().__init__(tr("Agreement follow-up"), parent)
        self.setObjectName("SitChartreuseConsumptionDock")
        self.iface = iface
        self.project = QgsProject.instance()
        self.result = None   # the Consumption shown
        self._key = None     # (store, agreement, year, date) it was computed for
        # Kept open: opening a store costs more than reading a small one's figures.
        self._conn = self._conn_label = None
        body = QWidget()
        layout = QVBoxLayout(body)
        form = QFormLayout()
        self.year = QComboBox()
        self.at = QDateEdit(QDate.currentDate())
        self.at.setCalendarPopup(True)
        self.at.setDisplayFormat("dd/MM/yyyy")
        form.addRow(tr("Year"), self.year)
        form.addRow(tr("Used up to"), self.at)
        self.effort_map = QCheckBox(tr("Effort map of the year"))
        self.effort_map.setToolTip(tr("Days per commune and per feature in the layers panel's "
                                      "group \"Effort\" of the year chosen"))
        form.addRow("", self.effort_map)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        headers = [tr("Line"), tr("Provisional"), tr("Used"), tr("Share used"), tr("Left"),
                   tr("Projected to the year's end"), tr("Method")]
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self.setWidget(body)
        self.year.currentIndexChanged.connect(self._year_chosen)
        self.at.dateChanged.connect(self.refresh)
        self.effort_map.toggled.connect(self._effort_toggled)
        # Queued: the writer (a Processing thread, the map tool's dialog) is
        # done before the figures are read again.
        events.changed.connect(self._store_changed, Qt.ConnectionType.QueuedConnection)
        # Opening a SIT reads a project or builds one, layer by layer: one
        # refresh once the event loop is back.
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.timeout.connect(self.refresh)
        self.project.readProject.connect(self._later.start)
        self.project.cleared.connect(self._later.start)
        self.project.layersAdded.connect(self._layers_added)

    def _layers_added(self, layers):
        if any(layer.customProperty("sit/table") for layer in layers):
            self._later.start()

    def unload(self):
        self._later.stop()
        self.project.readProject.disconnect(self._later.start)
        self.project.cleared.disconnect(self._later.start)
        self.project.layersAdded.disconnect(self._layers_added)
        self._close()

    def _connection(self, location):
        if self._conn_label != location.label:
            self._close()
            self._conn = store.connect_existing(location)
            self._conn_label = location.label
        return self._conn

    def _close(self):
        if self._conn is not None:
            self._conn.close()
        self._conn = self._conn_label = None

    def _effort_toggled(self, on):
        if on:
            self.refresh()
        else:
            remove_effort(self.project)

    def _show_effort(self, conn, conv):
        try:
            show_effort(self.project, conn, conv, self.result.year)
        except SitError as e:
            self.iface.messageBar().pushMessage(tr("Effort map"), str(e),
                                                Qgis.MessageLevel.Critical, 0)

    def _year_chosen(self, _index):
        self.refresh()
        self.yearChanged.emit(self.year.currentData())

    def _store_changed(self):
        self._compute(alert=True)

    def refresh(self, *_):
        """Compute and show the consumption; returns it (None: nothing to show)."""
        return self._compute(alert=False)

    def _compute(self, alert):
        before, before_key = self.result, self._key
        self.result = self._key = None
        location = store_of(self.project)
        try:
            if location is None:
                self._close()
                raise SitError(tr("No SIT open: use \"Open the SIT…\"."))
            conn = self._connection(location)
            conv = convention.find_convention(conn)
            self._set_years(conv.years())
            key = (location.label, conv.uuid, self.year.currentData(), self.at.date().toPyDate())
            self.result = consumption.compute(conn, conv, *key[2:])
        except (SitError, sqlite3.Error) as e:
            if isinstance(e, sqlite3.Error):
                self._close()   # opened again next time (the file may have moved)
            self.summary.setText(str(e))
            self.table.setRowCount(0)
            return None
        self._key = key
        self._show()
        if self.effort_map.isChecked():
            self._show_effort(conn, conv)
        if alert and before_key == key:
            hpd = conv.hours_per_day
            for line, level in crossings(before, self.result):
                self.iface.messageBar().pushMessage(tr("Agreement follow-up"),
                                                    alert_text(line, hpd), level, 0)
        return self.result

    def _set_years(self, years):
        """The agreement's years, keeping the one chosen (first: this year,
        or the nearest year of the term)."""
        if [self.year.itemData(i) for i in range(self.year.count())] == years:
            return
        wanted = self.year.currentData() or datetime.date.today().year
        self.year.blockSignals(True)
        self.year.clear()
        for year in years:
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(years.index(min(max(wanted, years[0]), years[-1])))
        self.year.blockSignals(False)
        self.yearChanged.emit(self.year.currentData())

    def _show(self):
        r = self.result
        hpd = r.convention.hours_per_day
        self.summary.setText(tr("Agreement {ref}, {year}, on {date}: {elapsed} of the year "
                                "elapsed.").format(ref=r.convention.reference, year=r.year,
                                                   date=date_fr(r.at),
                                                   elapsed=percent(r.elapsed_share)))
        rows = [(l.label, _amounts(l, hpd, _provisional_minutes(l, hpd),
                                   l.provisional_amount_cents),
                 _amounts(l, hpd, l.used_minutes, l.used_ht_cents), percent(l.share),
                 _amounts(l, hpd, *_left(l, hpd)),
                 _amounts(l, hpd, l.projected_minutes, l.projected_ht_cents), method_text(l))
                for l in r.lines]
        share = (Decimal(r.used_ht_cents) / r.provisional_ht_cents
                 if r.provisional_ht_cents else None)
        rows.append((tr("Total"), euros(r.provisional_ht_cents), euros(r.used_ht_cents),
                     percent(share), euros(r.provisional_ht_cents - r.used_ht_cents),
                     euros(r.projected_ht_cents), ""))
        self.table.setRowCount(len(rows))
        for row, texts in enumerate(rows):
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(NUMERIC)
                else:
                    item.setToolTip(text)
                if row == len(r.lines):
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
            if row < len(r.lines):
                line = r.lines[row]
                share_item = self.table.item(row, 3)
                share_item.setBackground(QBrush(QColor(COLOURS[line.state])))
                share_item.setToolTip(state_text(line.state))
        self.table.resizeColumnsToContents()
        # Long labels are elided (full text in the tooltip) so that the figures stay in view.
        self.table.setColumnWidth(0, min(self.table.sizeHintForColumn(0), 240))


class ConsumptionComponent:
    """The dock (hidden until asked for, yet kept up to date so that the
    alerts come whether it is shown or not) and its action."""

    def __init__(self, plugin):
        self.plugin = plugin
        self.iface = plugin.iface
        self.events = StoreEvents(QgsProject.instance())
        self.dock = ConsumptionDock(self.iface, self.events, self.iface.mainWindow())
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.action = self.dock.toggleViewAction()
        self.action.setIcon(QgsApplication.getThemeIcon("/mActionShowStatisticalSummary.svg"))
        self.action.setText(tr("Agreement follow-up"))
        plugin.add_action(self.action)
        self.dock.refresh()

    def unload(self):
        self.plugin.remove_action(self.action)
        self.dock.unload()
        self.events.unload()
        self.iface.removeDockWidget(self.dock)
        self.dock.deleteLater()
