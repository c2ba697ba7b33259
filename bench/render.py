"""Issue 15, point 6: the map the SIT manager waits for, on the big store.

The whole catalogue of the opened SIT (every visible layer of its project,
styled as the plugin styles it, in layer-tree order) plus the "Effort {YEAR}"
group (plugin/effort_layers.py), rendered by QgsMapRendererSequentialJob (one
thread, layer after layer: the cost of the layers, not of the cores the
shared machine has free) at SIZE pixels, at the extent of the Communauté and
of one village, side by side:

- plain: the effort layers with one symbol each;
- effort styling: the effort layers graduated on their days (core/reports/effort.py);
- each without the sit_hours() virtual fields (the ticket layer, whose style
  reads them, then drawn with one symbol) and with them, as the project has
  them (on every catalogued layer and on the tickets, the ticket layer
  graduated on its hours: plugin/ledger_project.py).

Each figure is the median of ROUNDS renders, the configurations taking turns
within a round (the machine is shared), each timed after one render to warm
it up. Target: the effort styling costs at
most 20 % over the same layers plainly styled.
"""
import os
import shutil
import statistics
import time

from qgis.core import (QgsExpressionContext, QgsExpressionContextUtils,
                       QgsMapRendererSequentialJob, QgsMapSettings, QgsProject, QgsRectangle,
                       QgsSingleSymbolRenderer, QgsSymbol)
from qgis.PyQt.QtCore import QSize

from sit_chartreuse.core.ledger import expressions
from sit_chartreuse.plugin import effort_layers, ledger_project
from sit_chartreuse.plugin.project import open_sit

from .bigstore import CELL_H, CELL_W, XMIN, YMIN, big_store

YEAR = 2026
SIZE = QSize(1600, 1000)
ROUNDS = 5
TARGET = 0.20
# A village: 1.6 km × 1 km in the middle of the first commune.
VILLAGE = QgsRectangle(XMIN + CELL_W / 2 - 800, YMIN + CELL_H / 2 - 500,
                       XMIN + CELL_W / 2 + 800, YMIN + CELL_H / 2 + 500)


def _plain(layer):
    layer.setRenderer(QgsSingleSymbolRenderer(QgsSymbol.defaultSymbol(layer.geometryType())))


class Configurations:
    """The effort styles and the virtual fields of the project, on and off."""

    def __init__(self, project, layers):
        self.ticket = layers["ticket"]
        self.ticket_style = self.ticket.renderer().clone()
        self.effort = [tree.layer() for tree in effort_layers.effort_group(project).findLayers()]
        self.effort_styles = {layer.id(): layer.renderer().clone() for layer in self.effort}
        self.with_fields = [layer for layer in layers.values()
                            if layer.fields().indexOf(ledger_project.HOURS_FIELD) >= 0]

    def set(self, effort_styling, virtual_fields):
        for layer in self.with_fields:
            index = layer.fields().indexOf(ledger_project.HOURS_FIELD)
            if virtual_fields and index < 0:
                ledger_project.add_hours_field(layer)
            elif not virtual_fields and index >= 0:
                layer.removeExpressionField(index)
        if virtual_fields:
            self.ticket.setRenderer(self.ticket_style.clone())
        else:
            _plain(self.ticket)
        for layer in self.effort:
            if effort_styling:
                layer.setRenderer(self.effort_styles[layer.id()].clone())
            else:
                _plain(layer)


def visible_layers(project):
    """The layers the map shows, top first."""
    root = project.layerTreeRoot()
    return [layer for layer in root.layerOrder() if root.findLayer(layer.id()).isVisible()
            and layer.isSpatial()]


def render(project, extent):
    """Render the project's visible layers at `extent`; returns the job's errors."""
    settings = QgsMapSettings()
    settings.setLayers(visible_layers(project))
    settings.setDestinationCrs(project.crs())
    settings.setOutputSize(SIZE)
    settings.setExtent(extent)
    context = QgsExpressionContext()
    context.appendScopes([QgsExpressionContextUtils.globalScope(),
                          QgsExpressionContextUtils.projectScope(project)])
    settings.setExpressionContext(context)
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return [error.message for error in job.errors()]


def _times(project, configurations, cases, extent):
    """Median render time of each case over ROUNDS rounds, the cases taking
    turns; when the virtual fields come or go, one render is not timed (the
    layers reload their fields once)."""
    times = [[] for _ in cases]
    fields = None
    for _ in range(ROUNDS):
        for i, case in enumerate(cases):
            configurations.set(*case)
            if case[1] != fields:
                render(project, extent)
                fields = case[1]
            start = time.perf_counter()
            errors = render(project, extent)
            times[i].append(time.perf_counter() - start)
            if errors:
                raise RuntimeError("; ".join(errors))
    return [statistics.median(t) for t in times]


def run(workdir, report, features=100_000, entries=1_000_000):
    path = os.path.join(workdir, "big.gpkg")
    shutil.copy(big_store(features, entries), path)  # the first open writes the project into it
    expressions.register()
    project = QgsProject.instance()
    project.clear()
    try:
        layers = open_sit(path, project)
        effort_layers.show_effort(project, path, None, YEAR)
        configurations = Configurations(project, layers)
        for name, extent in (("the Communauté", layers["commune"].extent()),
                             ("a village", VILLAGE)):
            cases = [(effort, fields) for fields in (False, True) for effort in (False, True)]
            times = _times(project, configurations, cases, extent)
            for (effort, fields), seconds in zip(cases, times):
                what = "render %s%s, %s" % (name, " + sit_hours() fields" if fields else "",
                                            "effort styling" if effort else "plain")
                if effort:
                    plain = times[cases.index((False, fields))]
                    report("15", what, "%.2f s" % seconds,
                           "%+.0f %% over plain" % (100 * (seconds / plain - 1)),
                           "effort styling <= +%d %%" % (100 * TARGET))
                elif fields:
                    bare = times[cases.index((False, False))]
                    report("15", what, "%.2f s" % seconds,
                           "%+.0f %% over no fields" % (100 * (seconds / bare - 1)))
                else:
                    report("15", what + " (%d layers)" % len(visible_layers(project)),
                           "%.2f s" % seconds)
    finally:
        project.clear()
        expressions.close_connections()
