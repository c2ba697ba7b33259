"""The ledger's desktop pieces: the "Log time on a feature" map tool, the
"Tickets" dock (created when first shown), the expression functions and the
forms' ticket list widget."""
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt

from ..core.i18n import tr
from ..core.ledger import expressions
from . import ticket_list
from .compat import QAction


class LedgerComponent:
    def __init__(self, plugin):
        self.plugin = plugin
        self.iface = plugin.iface
        self.tool = None
        self.dock = None
        expressions.register()
        ticket_list.register()
        window = self.iface.mainWindow()
        self.log_action = QAction(QgsApplication.getThemeIcon("/mActionIdentify.svg"),
                                  tr("Log time on a feature"), window)
        self.log_action.setCheckable(True)
        self.log_action.setToolTip(tr("Click a feature of the SIT to log time spent on it"))
        self.log_action.triggered.connect(self.activate_tool)
        self.tickets_action = QAction(QgsApplication.getThemeIcon("/mActionOpenTable.svg"),
                                      tr("Tickets"), window)
        self.tickets_action.setCheckable(True)
        self.tickets_action.toggled.connect(self.show_dock)
        plugin.add_action(self.log_action)
        plugin.add_action(self.tickets_action)

    def activate_tool(self):
        from .log_time_tool import LogTimeTool
        canvas = self.iface.mapCanvas()
        if self.tool is None:
            self.tool = LogTimeTool(canvas, self.iface)
            self.tool.setAction(self.log_action)  # unchecked when another tool is picked
            self.tool.logged.connect(self._logged)
        canvas.setMapTool(self.tool)
        self.log_action.setChecked(True)
        return self.tool

    def show_dock(self, visible=True):
        if visible and self.dock is None:
            from .tickets_dock import TicketsDock
            self.dock = TicketsDock(self.iface, self.iface.mainWindow())
            self.dock.visibilityChanged.connect(self.tickets_action.setChecked)
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        if self.dock is not None:
            self.dock.setVisible(visible)
            if visible:
                self.dock.refresh()
        return self.dock

    def _logged(self, *_):
        if self.dock is not None and self.dock.isVisible():
            self.dock.refresh()

    def unload(self):
        if self.tool is not None:
            canvas = self.iface.mapCanvas()
            if canvas.mapTool() is self.tool:
                canvas.unsetMapTool(self.tool)
            self.tool.close()
            self.tool.deleteLater()
            self.tool = None
        if self.dock is not None:
            self.dock.unload()
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
        for action in (self.log_action, self.tickets_action):
            self.plugin.remove_action(action)
            action.deleteLater()
        expressions.unregister()
        ticket_list.unregister()
