"""The "Effort {year}" group of the SIT's project: the year's days per commune
and per feature (core/reports/effort.py) at the top of the layer tree, one
year at a time (choosing another year replaces the group); the plugin menu's
"Show the effort map of the year…" asks for the year.

The layers are memory layers computed from the settlement of the year: a
project saved with them would read them back empty, so the plugin drops the
group from a project it reads (and QGIS is told not to warn about them when
closing); the group is shown again for a year when asked.
"""
import datetime

from qgis.core import Qgis, QgsProject
from qgis.PyQt.QtWidgets import QInputDialog

from ..core.agreement import convention as conventions
from ..core.agreement import settlement
from ..core.errors import SitError
from ..core.i18n import tr
from ..core.reports import effort
from ..core.storage import db, store
from ..core.storage.project import location_from_text, store_of
from .compat import QAction

GROUP_PROPERTY = "sit/effort_year"


def show_effort(project, conn_or_location, convention, year):
    """Show the effort of `year` in `project` (replacing the group of another
    year); returns the layer-tree group.

    `conn_or_location`: an open connection to the store or its location
    (text or db.Location); `convention`: a Convention, or the key given to
    convention.find_convention (None: the store's only agreement)."""
    own = not hasattr(conn_or_location, "execute")
    if own:
        location = (conn_or_location if isinstance(conn_or_location, db.Location)
                    else location_from_text(conn_or_location))   # the session's credentials
        conn = store.open_store(location)
    else:
        conn = conn_or_location
    try:
        conv = (convention if isinstance(convention, conventions.Convention)
                else conventions.find_convention(conn, convention))
        layers = effort.effort_layers(conn, settlement.compute(conn, conv, year))
    finally:
        if own:
            conn.close()
    remove_effort(project)
    group = project.layerTreeRoot().insertGroup(0, tr("Effort {year}").format(year=year))
    group.setCustomProperty(GROUP_PROPERTY, year)
    for layer in layers.layers:
        layer.setCustomProperty("skipMemoryLayersCheck", 1)   # recomputed, never lost
        project.addMapLayer(layer, False)
        group.addLayer(layer)
    return group


def effort_group(project):
    """The effort group of `project`, or None."""
    return next((node for node in project.layerTreeRoot().findGroups()
                 if node.customProperty(GROUP_PROPERTY) is not None), None)


def remove_effort(project):
    """Remove the effort group and its layers from `project`, if any."""
    group = effort_group(project)
    if group is not None:
        project.removeMapLayers(group.findLayerIds())
        project.layerTreeRoot().removeChildNode(group)


class EffortComponent:
    """The plugin menu's "Show the effort map of the year…" action."""

    def __init__(self, plugin):
        self.plugin = plugin
        self.iface = plugin.iface
        self.action = QAction(tr("Show the effort map of the year…"), self.iface.mainWindow())
        self.action.triggered.connect(self.ask)
        plugin.add_action(self.action, toolbar=False)
        QgsProject.instance().readProject.connect(self.drop_saved)

    @staticmethod
    def drop_saved(*_):
        remove_effort(QgsProject.instance())

    def ask(self):
        year, ok = QInputDialog.getInt(self.iface.mainWindow(), tr("Effort map"), tr("Year:"),
                                       datetime.date.today().year, 2000, 2100)
        return self.show(year) if ok else None

    def show(self, year):
        """The effort group of `year` in the open SIT, or None (said in the message bar)."""
        project = QgsProject.instance()
        location = store_of(project)
        try:
            if location is None:
                raise SitError(tr("Open a SIT first (Open the SIT…)."))
            return show_effort(project, location, None, year)
        except SitError as e:
            self.iface.messageBar().pushMessage(tr("SIT Chartreuse"), str(e),
                                                Qgis.MessageLevel.Critical, 0)
            return None

    def unload(self):
        QgsProject.instance().readProject.disconnect(self.drop_saved)
        self.plugin.remove_action(self.action)
        self.action.deleteLater()
