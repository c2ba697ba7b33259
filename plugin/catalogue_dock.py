"""The catalogue dock and the "Open the SIT" action.

The dock lists each application of the SIT shown in the current project with
its layers, feature counts, last change and developer (core.catalogue
.store_summary); it follows the project (opening, layers added or removed,
edits committed). Double-clicking a layer selects it in the layer tree.
"""
import sqlite3
from datetime import datetime

from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.gui import QgsDatabaseSchemaComboBox, QgsDockWidget, QgsProviderConnectionComboBox
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QSettings, Qt, QTimer
from qgis.PyQt.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                                 QHBoxLayout, QLabel, QMessageBox, QPushButton, QTreeWidget,
                                 QTreeWidgetItem, QVBoxLayout, QWidget)

from ..core import catalogue
from ..core.errors import SitError
from ..core.i18n import tr
from ..core.storage.db import PgLocation, parse_location
from ..core.storage.project import sit_layers, store_of
from ..core.storage.store import connect_existing
from .compat import QAction
from .project import open_sit

LAST_STORE_KEY = "sit_chartreuse/last_store"
KEY_ROLE = Qt.ItemDataRole.UserRole


def format_change(iso, with_time=False):
    """'2026-11-28T03:03:09.174Z' -> '28/11/2026' ('28/11/2026 04:03' with
    the time), in local time."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    return moment.astimezone().strftime("%d/%m/%Y %H:%M" if with_time else "%d/%m/%Y")


def _row(parent, title, count=None, change=None, developer=""):
    item = QTreeWidgetItem(parent, [title, "" if count is None else str(count),
                                    format_change(change), developer])
    item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
    item.setToolTip(0, title)
    item.setToolTip(2, format_change(change, with_time=True))
    item.setToolTip(3, developer)
    return item


class CatalogueDock(QgsDockWidget):
    def __init__(self, iface, open_action, parent=None):
        super().__init__(tr("SIT catalogue"), parent)
        self.setObjectName("SitChartreuseCatalogueDock")
        self.iface = iface
        self.project = QgsProject.instance()
        self._watched = {}  # layer id -> layer whose commits trigger a refresh
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)  # one refresh for a burst of signals
        self._timer.timeout.connect(self.refresh)

        body = QWidget()
        layout = QVBoxLayout(body)
        self.store_label = QLabel()
        self.store_label.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([tr("Application / layer"), tr("Features"),
                                   tr("Last change"), tr("Developed by")])
        self.tree.setAlternatingRowColors(True)
        self.tree.setMinimumWidth(420)
        self.tree.itemDoubleClicked.connect(self._select_in_legend)
        buttons = QHBoxLayout()
        open_button = QPushButton(open_action.text())
        open_button.clicked.connect(open_action.trigger)
        self.refresh_button = QPushButton(tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        buttons.addWidget(open_button)
        buttons.addWidget(self.refresh_button)
        layout.addWidget(self.store_label)
        layout.addWidget(self.tree)
        layout.addLayout(buttons)
        self.setWidget(body)

        self.project.layersAdded.connect(self._schedule)
        self.project.layersRemoved.connect(self._schedule)
        self.project.cleared.connect(self._schedule)
        self.refresh()

    def _schedule(self, *_):
        self._timer.start()

    def _watch(self, layers):
        """Refresh after every committed edit of a SIT layer."""
        for layer in layers.values():
            if layer.id() not in self._watched:
                layer.afterCommitChanges.connect(self._schedule)
                self._watched[layer.id()] = layer
        gone = set(self._watched) - {layer.id() for layer in layers.values()}
        for layer_id in gone:
            del self._watched[layer_id]  # deleted with its layer: nothing to disconnect

    def refresh(self):
        self.tree.clear()
        layers = sit_layers(self.project)
        self._watch(layers)
        path = store_of(self.project)
        if not path:
            self.store_label.setText(tr("No SIT open: use \"Open the SIT…\"."))
            return
        try:
            conn = connect_existing(path)  # moved or deleted since: say so, never create it
            try:
                summary = catalogue.store_summary(conn)
            finally:
                conn.close()
        except (SitError, sqlite3.Error) as e:
            self.store_label.setText(str(e))
            return
        self.store_label.setText(tr("Store: {path}").format(path=path.label))
        for app in summary:
            total = sum(entry["count"] for entry in app["layers"])
            app_item = _row(self.tree, app["title"], total, app["last_change"],
                            app["developer"])
            font = app_item.font(0)
            font.setBold(True)
            app_item.setFont(0, font)
            groups = {}
            for entry in app["layers"]:
                parent = app_item
                if entry["group"]:
                    if entry["group"] not in groups:
                        groups[entry["group"]] = _row(app_item, entry["group"])
                    parent = groups[entry["group"]]
                item = _row(parent, entry["title"], entry["count"], entry["last_change"])
                item.setData(0, KEY_ROLE, entry["key"])
                if entry["key"] not in layers:
                    item.setDisabled(True)  # not in this project
        self.tree.expandAll()
        for column in range(1, self.tree.columnCount()):
            self.tree.resizeColumnToContents(column)
        # Long titles are elided (full text in the tooltip) so that counts stay in view.
        self.tree.setColumnWidth(0, min(self.tree.sizeHintForColumn(0), 220))

    def _select_in_legend(self, item, _column):
        layer = sit_layers(self.project).get(item.data(0, KEY_ROLE))
        if layer is None:
            return
        self.iface.setActiveLayer(layer)  # also makes it current in the layer tree

    def unload(self):
        self._timer.stop()
        self.project.layersAdded.disconnect(self._schedule)
        self.project.layersRemoved.disconnect(self._schedule)
        self.project.cleared.disconnect(self._schedule)
        for layer in self._watched.values():
            if not sip.isdeleted(layer):  # a removed layer may already be gone
                layer.afterCommitChanges.disconnect(self._schedule)
        self._watched = {}


class CatalogueComponent:
    """The "Open the SIT…" action and the catalogue dock."""

    def __init__(self, plugin):
        self.plugin = plugin
        self.iface = plugin.iface
        self.open_action = QAction(QgsApplication.getThemeIcon("/mActionFileOpen.svg"),
                                   tr("Open the SIT…"), self.iface.mainWindow())
        self.open_action.setObjectName("SitChartreuseOpenAction")
        self.open_action.triggered.connect(self.choose_and_open)
        plugin.add_action(self.open_action)
        self.open_pg_action = QAction(QgsApplication.getThemeIcon("/mIconPostgis.svg"),
                                      tr("Open a SIT in PostgreSQL…"), self.iface.mainWindow())
        self.open_pg_action.setObjectName("SitChartreuseOpenPostgresAction")
        self.open_pg_action.triggered.connect(self.choose_and_open_postgres)
        plugin.add_action(self.open_pg_action, toolbar=False)
        self.dock = CatalogueDock(self.iface, self.open_action, self.iface.mainWindow())
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock_action = self.dock.toggleViewAction()
        self.dock_action.setText(tr("SIT catalogue"))
        plugin.add_action(self.dock_action, toolbar=False)

    def choose_and_open(self):
        last = QSettings().value(LAST_STORE_KEY, "")
        path, _ = QFileDialog.getOpenFileName(
            self.iface.mainWindow(), tr("Open the SIT"), last,
            tr("SIT store (*.gpkg)"))
        if path:
            self.open(path)

    def choose_and_open_postgres(self):
        dialog = PostgresStoreDialog(self.iface.mainWindow())
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.location():
            self.open(dialog.location())

    def open(self, path):
        """Open the SIT of `path` (a GeoPackage path or a PostgreSQL location)
        in the current project; False if refused."""
        project = QgsProject.instance()
        yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
        if project.isDirty() and project.count() and QMessageBox.question(
                self.iface.mainWindow(), tr("Open the SIT"),
                tr("The current project has unsaved changes, which opening the SIT "
                   "discards. Open the SIT anyway?"), yes | no, no) != yes:
            return False
        try:
            location = parse_location(path)
            layers = open_sit(location, project)
        except SitError as e:
            # The message bar, not a modal box: the message stays until closed.
            self.iface.messageBar().pushMessage(tr("SIT Chartreuse"), str(e), Qgis.Critical, 0)
            return False
        if location.file:
            QSettings().setValue(LAST_STORE_KEY, location.file)
        communes = layers.get("commune")
        canvas = self.iface.mapCanvas()
        if communes is not None and communes.featureCount() > 0 and \
                not canvas.extent().intersects(communes.extent()):
            canvas.setExtent(communes.extent())
            canvas.refresh()
        self.dock.refresh()
        self.dock.show()
        self.iface.messageBar().pushMessage(
            tr("SIT Chartreuse"), tr("SIT opened: {path}").format(path=location.label),
            Qgis.Success, 5)
        return True

    def unload(self):
        self.plugin.remove_action(self.open_action)
        self.plugin.remove_action(self.open_pg_action)
        self.plugin.remove_action(self.dock_action)
        self.dock.unload()
        self.iface.removeDockWidget(self.dock)
        self.dock.deleteLater()
        self.open_action.deleteLater()
        self.open_pg_action.deleteLater()


class PostgresStoreDialog(QDialog):
    """Which SIT to open in PostgreSQL: a connection saved in QGIS (its
    credentials stay in QGIS) and the schema of the SIT."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Open a SIT in PostgreSQL"))
        self.connections = QgsProviderConnectionComboBox("postgres", self)
        self.schemas = QgsDatabaseSchemaComboBox("postgres", self.connections.currentConnection(),
                                                 self)
        self.connections.connectionChanged.connect(self.schemas.setConnectionName)
        form = QFormLayout(self)
        form.addRow(tr("PostgreSQL connection"), self.connections)
        form.addRow(tr("Schema of the SIT"), self.schemas)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def location(self):
        connection, schema = self.connections.currentConnection(), self.schemas.currentSchema()
        return PgLocation(schema, {"connection": connection}) if connection and schema else None
