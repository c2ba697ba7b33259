"""Issue 15 (point 6): the "Agreement follow-up" dock's refresh after a log,
on the big store (100 000 catalogued features, 1 000 000 time entries over
2025-2027, bench/bigstore.py) and, as a baseline, on a small one.

One entry is logged through core.ledger (one commit: what the map tool and
the Processing algorithms do), then the time is taken of what the dock does
once the event loop hears of it: open the store, read the agreement, compute
the consumption of 2026 on 30 June (the settlement's pass to that day, and
the seasonal basis from 2025, both read from the time per day and category,
time_day_total), fill the table. Medians over RUNS logs; the consumption's
two parts are timed apart (interleaved) to say where it goes. The entries
are written to a copy of the cached store. The figures are checked against
the per-ticket pass over the entries themselves (what issuing computes).
"""
import datetime
import os
import shutil
import statistics
import time
from types import SimpleNamespace

from qgis.core import QgsProject
from qgis.gui import QgsMessageBar
from qgis.PyQt.QtCore import QCoreApplication, QDate

from sit_chartreuse.core.agreement import consumption, convention, settlement
from sit_chartreuse.core.ledger import ledger
from sit_chartreuse.core.storage import store
from sit_chartreuse.plugin.consumption_dock import ConsumptionDock, StoreEvents
from sit_chartreuse.plugin.project import build_project

from .bigstore import big_store

RUNS = 15
TARGET_MS = 100
YEAR, AT = 2026, datetime.date(2026, 6, 30)


def _ms(samples):
    return "%.0f ms" % (statistics.median(samples) * 1000)


def _refresh_after_log(source, workdir):
    """(refresh times, size label) on a copy of the store `source`."""
    path = os.path.join(workdir, os.path.basename(source))
    shutil.copyfile(source, path)
    project = QgsProject.instance()
    project.clear()
    build_project(path, project)
    events = StoreEvents(project)
    bar = QgsMessageBar()
    dock = ConsumptionDock(SimpleNamespace(messageBar=lambda: bar), events)
    QCoreApplication.processEvents()
    dock.year.setCurrentIndex(dock.year.findData(YEAR))
    dock.at.setDate(QDate(AT.year, AT.month, AT.day))
    conn = store.open_store(path)
    size = "%gk entries" % (
        conn.execute("SELECT count(*) FROM time_entry").fetchone()[0] / 1000)
    ticket, _ = ledger.log_time(conn, AT, "0.5", application="pav", category="hotline",
                                title="Bench")
    QCoreApplication.processEvents()
    times = []
    for _ in range(RUNS):
        ledger.log_time(conn, AT, "0.25", ticket_uuid=ticket)
        start = time.perf_counter()
        QCoreApplication.processEvents()   # the dock's queued refresh
        times.append(time.perf_counter() - start)
        assert dock.result is not None and dock.result.at == AT, dock.summary.text()
    conn.close()
    dock.unload()
    events.unload()
    dock.deleteLater()
    project.clear()
    return times, size


def _parts(path):
    """Median times of the settlement's pass to the date and of the whole
    consumption (the rest is the seasonal basis of the past years)."""
    conn = store.open_store(path)
    conv = convention.find_convention(conn)
    year_pass, whole = [], []
    for _ in range(RUNS):
        start = time.perf_counter()
        settlement.compute(conn, conv, YEAR, breakdowns=False, until=AT)
        year_pass.append(time.perf_counter() - start)
        start = time.perf_counter()
        consumption.compute(conn, conv, YEAR, AT)
        whole.append(time.perf_counter() - start)
    # The totals of every day (2025 is the seasonal basis), and the lines.
    same = sorted(conn.execute("SELECT * FROM time_day_total")) == sorted(conn.execute(
        "SELECT te.work_date, t.category, SUM(te.minutes) FROM time_entry te JOIN ticket t "
        "ON t.uuid = te.ticket_uuid GROUP BY te.work_date, t.category")) and _figures(
        settlement.compute(conn, conv, YEAR, breakdowns=False, until=AT)) == _figures(
        settlement.compute(conn, conv, YEAR, until=AT))
    conn.close()
    return year_pass, whole, same


def _figures(result):
    return [(l.code, l.actual_minutes, l.actual_ht_cents) for l in result.lines]


def run(workdir, report):
    small, small_size = _refresh_after_log(big_store(2_000, 20_000), workdir)
    times, size = _refresh_after_log(big_store(), workdir)
    report("15", "consumption dock: refresh after a log (%s)" % size, _ms(times),
           "%s: %s" % (small_size, _ms(small)), "< %d ms" % TARGET_MS)
    year_pass, whole, same = _parts(big_store())
    report("15", "  consumption.compute alone (%s)" % size, _ms(whole), "", "(information)")
    report("15", "  of which the settlement's pass to the date", _ms(year_pass), "",
           "(information)")
    report("15", "  totals and lines equal those of the entries", "yes" if same else "NO", "",
           "to the minute and the cent")
