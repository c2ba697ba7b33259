"""The "Agreement follow-up" dock in QGIS (plugin/consumption_dock.py): the
figures of the open SIT's agreement computed by hand, their refresh by every
way time is logged from QGIS, the alerts at 80 % and 100 %; both backends.

Default agreement (seed): hosting 1 000 € HT; maintenance 15 d × 600 €;
training and hotline 2 d × 600 €; development 10 d × 600 €; 1 d = 7 h.
30 June 2026 is day 181 of 365.
"""
from decimal import Decimal

import pytest
from qgis.core import Qgis, QgsFeature, QgsProject, QgsWkbTypes
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QCoreApplication, QDate, QEvent

from helpers import with_authcfg
from ledger_helpers import sample_features
from test_ledger_qgis import _answer_dialog
from sit_chartreuse.core.agreement import convention
from sit_chartreuse.core.i18n import tr
from sit_chartreuse.core.ledger import ledger
from sit_chartreuse.core.reports.report import NBSP, NNBSP
from sit_chartreuse.core.storage import store

TITLE = tr("Agreement follow-up")
MAINTENANCE = ("Maintenance corrective et évolutive des applications métier (points d'apport "
               "volontaire, réseaux humides, urbanisme, pont Next'ADS)")
D = NBSP + tr("d")
TRANSVERSAL = tr("Days per commune (transversal: {days} d)")


def eur(text):
    """'7 200,00' -> the French amount as shown (narrow no-break space, €)."""
    return text.replace(" ", NNBSP) + NBSP + "€"


@pytest.fixture
def sit(store_location, pg_authcfg, plugin_iface):
    """The plugin loaded, a store with sample features opened in QGIS, the
    dock on 30 June 2026; yields (plugin, dock, conn, uuids, layers)."""
    import sit_chartreuse
    from sit_chartreuse.plugin.consumption_dock import ConsumptionComponent
    from sit_chartreuse.plugin.project import open_sit
    location = with_authcfg(store_location, pg_authcfg)
    uuids = sample_features(location)
    plugin = sit_chartreuse.classFactory(plugin_iface)
    plugin.initGui()
    layers = open_sit(location, QgsProject.instance())
    dock = next(c for c in plugin.components if isinstance(c, ConsumptionComponent)).dock
    QCoreApplication.processEvents()   # the dock reads the SIT just opened
    dock.year.setCurrentIndex(dock.year.findData(2026))
    dock.at.setDate(QDate(2026, 6, 30))
    conn = store.open_store(location)
    yield plugin, dock, conn, uuids, layers
    conn.close()
    plugin.unload()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _cells(dock, row):
    return [dock.table.item(row, c).text() for c in range(dock.table.columnCount())]


def _row(dock, label):
    return next(_cells(dock, r) for r in range(dock.table.rowCount())
                if dock.table.item(r, 0).text() == label)


def _log(conn, day, hours, category="maintenance_corrective"):
    """`hours` on a new ticket, in entries of at most 7 h, in one commit."""
    hours = Decimal(hours)
    with store.transaction(conn):
        ticket = ledger.insert_ticket(conn, "pav", category, "Demande", opened_on=day)
        while hours > 0:
            ledger.insert_time(conn, ticket, day, min(hours, 7))
            hours -= 7
    QCoreApplication.processEvents()   # the dock hears of the commit, queued


class Alerts:
    """The dock's messages pushed to the message bar since this was made
    (pytest-qgis's bar holds those of the whole session)."""

    def __init__(self, iface):
        self.bar = iface.messageBar()
        self.start = {level: len(self.bar.get_messages(level))
                      for level in (Qgis.Warning, Qgis.Critical)}

    def __call__(self, level):
        return [m for m in self.bar.get_messages(level)[self.start[level]:]
                if m.startswith(TITLE + ":")]


def test_the_dock_shows_the_hand_computed_figures(sit):
    plugin, dock, conn, _, _ = sit
    _log(conn, "2026-03-02", "56")                         # 8 days
    _log(conn, "2026-06-30", "28", "maintenance_evolutive")  # 4 days: 12 of 15, 80 %
    _log(conn, "2026-07-01", "7", "developpement")           # after the date: not counted
    convention.record_hosting_cost(conn, 2026, "hebergement", "Hébergement", "600,00", "F-1")
    QCoreApplication.processEvents()
    assert dock.summary.text() == tr("Agreement {ref}, {year}, on {date}: {elapsed} of the year "
                                     "elapsed.").format(ref="PNRC-CCCC-SIT-2026", year=2026,
                                                        date="30/06/2026",
                                                        elapsed="49,6" + NBSP + "%")
    # 5 040 min × 365 / 181 = 10 163,54 min = 24,20 d; 7 200 € + 5 123,54 min × 600 € / 420.
    assert _row(dock, MAINTENANCE) == [
        MAINTENANCE, "15,00" + D + " · " + eur("9 000,00"), "12,00" + D + " · " + eur("7 200,00"),
        "80,0" + NBSP + "%", "3,00" + D + " · " + eur("1 800,00"),
        "24,20" + D + " · " + eur("14 519,34"), tr("linear")]
    hosting = _row(dock, convention.default_convention().line("hebergement").label)
    # 600 € × 365 / 181 = 1 209,94 €
    assert hosting[1:] == [eur("1 000,00"), eur("600,00"), "60,0" + NBSP + "%", eur("400,00"),
                           eur("1 209,94"), tr("linear")]
    development = _row(dock, "Journées de développement spécifiques")
    assert development[2:5] == ["0,00" + D + " · " + eur("0,00"), "0,0" + NBSP + "%",
                                "10,00" + D + " · " + eur("6 000,00")]
    # 7 800 € of 17 200 €: 45,3 %; projected 14 519,34 € + 1 209,94 €.
    assert _row(dock, tr("Total")) == [tr("Total"), eur("17 200,00"), eur("7 800,00"),
                                       "45,3" + NBSP + "%", eur("9 400,00"), eur("15 729,28"), ""]
    # the share's cell is coloured by its state: 80 % reached, on track
    colours = {dock.table.item(r, 0).text(): dock.table.item(r, 3).background().color().name()
               for r in range(dock.table.rowCount() - 1)}
    assert (colours[MAINTENANCE], colours["Journées de développement spécifiques"]) == (
        "#ffcc80", "#c8e6c9")


def test_the_action_shows_the_dock_and_unload_removes_everything(plugin_iface, new_store):
    import sit_chartreuse
    from sit_chartreuse.plugin.project import open_sit
    plugin = sit_chartreuse.classFactory(plugin_iface)
    plugin.initGui()
    action = next(a for a in plugin.toolbar.actions() if a.text() == TITLE)
    dock = plugin_iface.mainWindow().findChild(QgsDockWidget, "SitChartreuseConsumptionDock")
    assert dock is not None and dock.isHidden()   # (the main window is never shown)
    action.trigger()
    assert not dock.isHidden()
    open_sit(new_store, QgsProject.instance())   # the dock follows the project
    QCoreApplication.processEvents()
    # this year by default (the nearest of the agreement's 2026-2028 outside them)
    assert dock.result.year == min(max(QDate.currentDate().year(), 2026), 2028)
    assert dock.at.date() == QDate.currentDate()   # and today
    assert len(store.COMMIT_LISTENERS) == 1
    plugin.unload()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert store.COMMIT_LISTENERS == []
    assert plugin_iface.mainWindow().findChild(QgsDockWidget,
                                               "SitChartreuseConsumptionDock") is None


def test_logging_from_the_map_tool_refreshes_the_dock(sit):
    from sit_chartreuse.plugin.ledger_component import LedgerComponent
    plugin, dock, conn, uuids, layers = sit
    tool = next(c for c in plugin.components if isinstance(c, LedgerComponent)).activate_tool()
    pav = layers["pav"]

    def fill(dialog):
        dialog.titleEdit.setText("Trappe bloquée")
        dialog.categoryCombo.setCurrentIndex(
            dialog.categoryCombo.findData("maintenance_corrective"))
        dialog.dateEdit.setDate(QDate(2026, 6, 2))
        dialog.hoursSpin.setValue(10.5)   # 1,5 d
    seen = _answer_dialog(fill)
    assert tool.log_on(pav, next(pav.getFeatures())) and seen
    QCoreApplication.processEvents()
    assert _row(dock, MAINTENANCE)[2] == "1,50" + D + " · " + eur("900,00")


def test_editing_the_ledger_layers_in_qgis_refreshes_the_dock(sit):
    _, dock, conn, _, layers = sit
    ticket, _ = ledger.log_time(conn, "2026-05-04", "7", application="plui", category="hotline",
                                title="Appel")
    QCoreApplication.processEvents()
    training = "Formation de niveau 1 et niveau 2 sur site, hotline"
    assert _row(dock, training)[3] == "50,0" + NBSP + "%"
    time_layer = layers["time_entry"]
    assert time_layer.startEditing()
    entry = QgsFeature(time_layer.fields())
    for name, value in dict(ticket_uuid=ticket, work_date="2026-05-05", agent="s.rey",
                            minutes=210).items():
        entry[name] = value
    time_layer.addFeature(entry)
    assert time_layer.commitChanges(), time_layer.commitErrors()
    QCoreApplication.processEvents()
    # 1 d + 3,5 h = 1,5 d of 2: 75 %
    assert _row(dock, training)[2:4] == [
        "1,50" + D + " · " + eur("900,00"), "75,0" + NBSP + "%"]
    # the ticket's category changed in its layer: its time moves to maintenance
    ticket_layer = layers["ticket"]
    assert ticket_layer.startEditing()
    feature = next(f for f in ticket_layer.getFeatures() if f["uuid"] == ticket)
    ticket_layer.changeAttributeValue(feature.id(), ticket_layer.fields().indexOf("category"),
                                      "maintenance_evolutive")
    assert ticket_layer.commitChanges(), ticket_layer.commitErrors()
    QCoreApplication.processEvents()
    assert _row(dock, training)[2] == "0,00" + D + " · " + eur("0,00")
    assert _row(dock, MAINTENANCE)[2] == "1,50" + D + " · " + eur("900,00")


def test_the_processing_algorithms_run_from_qgis_refresh_the_dock(sit, run_algorithm, tmp_path):
    """STORE left out: the SIT open in QGIS."""
    _, dock, conn, _, _ = sit
    run_algorithm("logtime", {"APPLICATION": "ads", "CATEGORY": "developpement",
                              "HOURS": "14", "DATE": "2026-04-01", "TITLE": "Export"})
    QCoreApplication.processEvents()
    assert _row(dock, "Journées de développement spécifiques")[2] == \
        "2,00" + D + " · " + eur("1 200,00")
    csv = tmp_path / "temps.csv"
    csv.write_text("date;agent;hours;category;application;layer;feature_uuid;code;ticket;"
                   "title;note\n2026-04-02;l.bonnet;7;developpement;ads;;;;;Export 2;\n",
                   encoding="utf-8")
    run_algorithm("importtime", {"INPUT": str(csv), "FORMAT": "auto",
                                 "OUTPUT_REPORT": str(tmp_path / "rapport.csv")})
    QCoreApplication.processEvents()
    assert _row(dock, "Journées de développement spécifiques")[2] == \
        "3,00" + D + " · " + eur("1 800,00")


def test_crossing_80_and_100_percent_says_so_once_each(sit, plugin_iface):
    _, dock, conn, _, _ = sit
    alerts = Alerts(plugin_iface)
    _log(conn, "2026-03-02", "77")      # 11 of 15 days: 73,3 %
    assert alerts(Qgis.Warning) == []
    _log(conn, "2026-06-01", "7")       # 12 days: 80 %
    assert alerts(Qgis.Warning) == [TITLE + ":" + tr(
        "{line}: {share} of its provisional used, {left} left.").format(
        line=MAINTENANCE, share="80,0" + NBSP + "%", left="3,00" + D + " · " + eur("1 800,00"))]
    _log(conn, "2026-06-02", "21")      # 15 days: 100 %, crosses nothing
    assert len(alerts(Qgis.Warning)) == 1
    assert alerts(Qgis.Critical) == []
    _log(conn, "2026-06-03", "3.5")     # 15,5 days: over by 0,5 d
    assert alerts(Qgis.Critical) == [TITLE + ":" + tr(
        "{line}: {share} of its provisional used, over by {over}.").format(
        line=MAINTENANCE, share="103,3" + NBSP + "%", over="0,50" + D + " · " + eur("300,00"))]
    _log(conn, "2026-06-04", "1")       # further over: nothing more
    _log(conn, "2026-06-04", "1", "hotline")   # another line, on track: nothing
    assert (len(alerts(Qgis.Warning)),
            len(alerts(Qgis.Critical))) == (1, 1)
    # training from 1 h (7,1 %) to 15 h (107,1 %) at once: one message, the critical one
    _log(conn, "2026-06-05", "14", "formation")
    assert len(alerts(Qgis.Warning)) == 1
    assert alerts(Qgis.Critical)[1:] == [TITLE + ":" + tr(
        "{line}: {share} of its provisional used, over by {over}.").format(
        line="Formation de niveau 1 et niveau 2 sur site, hotline", share="107,1" + NBSP + "%",
        over="0,14" + D + " · " + eur("85,71"))]


def test_the_year_combo_changes_the_figures(sit):
    _, dock, conn, _, _ = sit
    alerts = Alerts(dock.iface)
    _log(conn, "2026-03-02", "7")
    _log(conn, "2027-03-02", "14")
    dock.at.setDate(QDate(2028, 12, 31))   # 2026 and 2027 are then whole years
    chosen = []
    dock.yearChanged.connect(chosen.append)
    assert [dock.year.itemText(i) for i in range(dock.year.count())] == ["2026", "2027", "2028"]
    assert _row(dock, MAINTENANCE)[2] == "1,00" + D + " · " + eur("600,00")   # 2026
    dock.year.setCurrentIndex(1)
    assert _row(dock, MAINTENANCE)[2] == "2,00" + D + " · " + eur("1 200,00")
    assert dock.result.year == 2027
    dock.year.setCurrentIndex(2)
    assert _row(dock, MAINTENANCE)[2] == "0,00" + D + " · " + eur("0,00")
    assert chosen == [2027, 2028]
    assert alerts(Qgis.Warning) == []


def test_an_algorithm_run_in_a_background_task_refreshes_the_dock(sit, sit_processing):
    """As the Processing dialog runs it: in a task's thread, the dock told
    through the main thread's event loop."""
    import threading
    import time
    from qgis.core import (QgsApplication, QgsProcessingAlgRunnerTask, QgsProcessingContext,
                           QgsProcessingFeedback)
    _, dock, _, _, _ = sit
    algorithm = sit_processing.createAlgorithmById("sitchartreuse:logtime")
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    task = QgsProcessingAlgRunnerTask(algorithm, {
        "APPLICATION": "plui", "CATEGORY": "formation", "HOURS": "7", "DATE": "2026-02-10",
        "TITLE": "Formation niveau 1"}, context, feedback)
    done, threads = [], []
    task.executed.connect(lambda ok, _results: done.append(ok))
    store.COMMIT_LISTENERS.append(lambda _conn: threads.append(threading.get_ident()))
    QgsApplication.taskManager().addTask(task)
    deadline = time.monotonic() + 30
    while not done and time.monotonic() < deadline:
        QCoreApplication.processEvents()
    QCoreApplication.processEvents()
    store.COMMIT_LISTENERS.pop()
    assert done == [True] and threads and threads[0] != threading.get_ident()
    assert _row(dock, "Formation de niveau 1 et niveau 2 sur site, hotline")[2] == \
        "1,00" + D + " · " + eur("600,00")


def test_the_effort_map_follows_the_year_and_the_logs(sit):
    """Ticked, the project's effort group is the dock's year, recomputed after a
    log; unticked, it is gone."""
    from sit_chartreuse.plugin.effort_layers import GROUP_PROPERTY, effort_group
    _, dock, conn, _, _ = sit
    project = QgsProject.instance()

    def communes_title():
        return next(node.layer().name() for node in effort_group(project).findLayers()
                    if node.layer().geometryType() == QgsWkbTypes.PolygonGeometry)

    assert effort_group(project) is None   # only when asked
    dock.effort_map.setChecked(True)
    assert effort_group(project).customProperty(GROUP_PROPERTY) == 2026
    before = communes_title()
    _log(conn, "2026-03-02", "7")   # a day on the application as a whole: transversal
    after = communes_title()
    assert before == TRANSVERSAL.format(days="0,00")
    assert after == TRANSVERSAL.format(days="1,00")
    dock.at.setDate(QDate(2027, 12, 31))   # 2027 begun
    dock.year.setCurrentIndex(dock.year.findData(2027))
    assert effort_group(project).customProperty(GROUP_PROPERTY) == 2027
    assert communes_title() == TRANSVERSAL.format(days="0,00")
    dock.effort_map.setChecked(False)
    assert effort_group(project) is None
