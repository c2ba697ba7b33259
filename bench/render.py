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
  graduated on its hours: plugin/ledger_project.py); and the fields with
  nothing reading them (the ticket layer with one symbol);
- the effort group alone, plain and styled (its cost is small beside the
  ticket style's variations from one render to the next).

Each figure is the median of ROUNDS renders, the configurations taking turns
within a round (the machine is shared), each timed after one render to warm
it up. Target: the effort styling costs at most 20 % over the same layers
plainly styled.
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

    def set(self, effort_styling, virtual_fields, ticket_style):
        for layer in self.with_fields:
            index = layer.fields().indexOf(ledger_project.HOURS_FIELD)
            if virtual_fields and index < 0:
                ledger_project.add_hours_field(layer)
            elif not virtual_fields and index >= 0:
                layer.removeExpressionField(index)
        if ticket_style:   # needs the fields
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


def render(project, extent, layers):
    """Render `layers` of `project` at `extent`; returns the job's errors."""
    settings = QgsMapSettings()
    settings.setLayers(layers)
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
    """Median render time of each case (effort styling, virtual fields,
    ticket style, layers) over ROUNDS rounds, the cases taking turns, in reverse order
    every other round; when the virtual fields come or go, one render is not
    timed (the layers reload their fields once)."""
    times = {case: [] for case in cases}
    fields = None
    for number in range(ROUNDS):
        for case in cases if number % 2 == 0 else cases[::-1]:
            *configuration, layers = case
            virtual_fields = configuration[1]
            configurations.set(*configuration)
            if virtual_fields != fields:
                render(project, extent, list(layers))
                fields = virtual_fields
            start = time.perf_counter()
            errors = render(project, extent, list(layers))
            times[case].append(time.perf_counter() - start)
            if errors:
                raise RuntimeError("; ".join(errors))
    return {case: statistics.median(t) for case, t in times.items()}


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
        whole, group = tuple(visible_layers(project)), tuple(configurations.effort)
        cases = [(False, False, False, whole), (True, False, False, whole),
                 (False, True, False, whole), (False, True, True, whole),
                 (True, True, True, whole), (False, False, False, group),
                 (True, False, False, group)]
        for name, extent in (("Communauté", layers["commune"].extent()),
                             ("a village", VILLAGE)):
            times = _times(project, configurations, cases, extent)
            _report(report, name, times, whole, group)
    finally:
        project.clear()
        expressions.close_connections()


def _report(report, name, times, whole, group):
    target = "effort styling <= +%d %%" % (100 * TARGET)

    def over(seconds, base, what):
        return "%+.0f %% over %s" % (100 * (seconds / base - 1), what)
    plain = times[(False, False, False, whole)]
    report("15", "render %s, plain (%d layers)" % (name, len(whole)), "%.2f s" % plain)
    seconds = times[(True, False, False, whole)]
    report("15", "render %s, effort styling" % name, "%.2f s" % seconds,
           over(seconds, plain, "plain"), target)
    seconds = times[(False, True, False, whole)]
    report("15", "render %s + sit_hours() fields nothing reads" % name, "%.2f s" % seconds,
           over(seconds, plain, "no fields"))
    fields = times[(False, True, True, whole)]
    report("15", "render %s + sit_hours() fields, plain" % name, "%.2f s" % fields,
           over(fields, plain, "no fields"))
    seconds = times[(True, True, True, whole)]
    report("15", "render %s + sit_hours() fields, effort styling" % name, "%.2f s" % seconds,
           over(seconds, fields, "plain"), target)
    alone = times[(False, False, False, group)]
    report("15", "render %s, effort group alone (%d layers), plain" % (name, len(group)),
           "%.2f s" % alone)
    seconds = times[(True, False, False, group)]
    report("15", "render %s, effort group alone, effort styling" % name, "%.2f s" % seconds,
           "%+.0f %% of the plain map" % (100 * (seconds - alone) / plain), target)
