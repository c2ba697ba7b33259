"""#4 settlement: the aggregation against the floor and the QGIS built-in chain.

On the big store (100 000 features, 1 000 000 time entries): the settlement's
aggregation of the lines (core.agreement.settlement.compute without breakdowns), the
same figures from one hand-written SQL query (the floor), and from the chain a
user would assemble in QGIS (native:joinattributestable then
qgis:statisticsbycategories); then the whole algorithm with its HTML and CSV
outputs (breakdowns included), and the PDF on its own.

#7: the same aggregation and floor on a PostGIS copy of the big store (made
once by core/storage/transfer.py into the schema BENCH_SCHEMA of the bench's server,
bench/_postgres.py, and kept for later runs).
"""
import os
import statistics
import time

from ._processing import init_processing

YEAR = 2026
CATEGORY_LINE = {"maintenance_corrective": "maintenance", "maintenance_evolutive": "maintenance",
                 "formation": "formation", "hotline": "formation",
                 "developpement": "developpement"}


def _interleaved(n, *fns):
    """Median time of each function over n rounds, run in turn within each
    round so that a change of load on the shared machine hits them alike."""
    times, values = [[] for _ in fns], [None] * len(fns)
    for _ in range(n):
        for i, fn in enumerate(fns):
            start = time.perf_counter()
            values[i] = fn()
            times[i].append(time.perf_counter() - start)
    return [statistics.median(t) for t in times], values


def _floor(conn):
    """The floor: the best single hand-written query for minutes per line in
    the year (sum per ticket first, then one lookup per ticket)."""
    case = " ".join("WHEN '%s' THEN '%s'" % kv for kv in CATEGORY_LINE.items())
    return dict(conn.execute(
        "SELECT CASE t.category %s END AS line, SUM(s.minutes) FROM (SELECT ticket_uuid, "
        "SUM(minutes) AS minutes FROM time_entry WHERE work_date >= '%d-01-01' "
        "AND work_date < '%d-01-01' GROUP BY ticket_uuid) s "
        "JOIN ticket t ON t.uuid = s.ticket_uuid GROUP BY line" % (case, YEAR, YEAR + 1)))


def _naive(conn):
    """The obvious query: join every entry to its ticket, group by category."""
    case = " ".join("WHEN '%s' THEN '%s'" % kv for kv in CATEGORY_LINE.items())
    return dict(conn.execute(
        "SELECT CASE t.category %s END AS line, SUM(te.minutes) FROM time_entry te "
        "JOIN ticket t ON t.uuid = te.ticket_uuid WHERE te.work_date >= '%d-01-01' "
        "AND te.work_date < '%d-01-01' GROUP BY line" % (case, YEAR, YEAR + 1)))


def _chain(path):
    """What a user would assemble: join the category onto the time entries,
    then sum the minutes by category (year filtered on the layer)."""
    import processing
    from qgis.core import QgsVectorLayer
    entries = QgsVectorLayer(path + "|layername=time_entry", "time_entry", "ogr")
    entries.setSubsetString("work_date >= '%d-01-01' AND work_date < '%d-01-01'"
                            % (YEAR, YEAR + 1))
    tickets = QgsVectorLayer(path + "|layername=ticket", "ticket", "ogr")
    joined = processing.run("native:joinattributestable", {
        "INPUT": entries, "FIELD": "ticket_uuid", "INPUT_2": tickets, "FIELD_2": "uuid",
        "FIELDS_TO_COPY": ["category"], "METHOD": 1, "DISCARD_NONMATCHING": True,
        "PREFIX": "", "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    stats = processing.run("qgis:statisticsbycategories", {
        "INPUT": joined, "VALUES_FIELD_NAME": "minutes", "CATEGORIES_FIELD_NAME": ["category"],
        "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    lines = {}
    for f in stats.getFeatures():
        line = CATEGORY_LINE[f["category"]]
        lines[line] = lines.get(line, 0) + int(f["sum"])
    return lines


def _per_ticket_pass(conn, conv):
    """{line: minutes} by the settlement's pass over the entries (what issuing
    runs, its breakdowns aside)."""
    from sit_chartreuse.core.agreement import settlement
    from sit_chartreuse.core.storage import db
    first, last = conv.term_of_year(YEAR)
    tariff = settlement._Tariff(conv, first, last, months=False)
    sql, args = settlement.per_ticket_sql(tariff, db.dialect(conn), details=False)
    lines = {}
    for category, minutes in conn.execute("SELECT category, %s FROM (%s) p GROUP BY category"
                                          % (db.dialect(conn).sum_int("minutes"), sql), args):
        lines[tariff.line_of[category]] = lines.get(tariff.line_of[category], 0) + minutes
    return lines


def _aggregation(conn, report, issue, where):
    """The settlement's aggregations beside the floor and the naive query: the
    pass over the entries, and the lines read from the daily totals (v9)."""
    from sit_chartreuse.core.agreement import convention, settlement
    conv = convention.find_convention(conn)
    (floor_median, ours_median, totals_median, naive_median), \
        (floor, per_ticket, result, naive) = _interleaved(
            5, lambda: _floor(conn), lambda: _per_ticket_pass(conn, conv),
            lambda: settlement.compute(conn, conv, YEAR, breakdowns=False),
            lambda: _naive(conn))
    ours = {l.code: l.actual_minutes for l in result.lines if l.kind == "days"}
    assert ours == {k: floor.get(k, 0) for k in ours}, (ours, floor)
    assert {k: v for k, v in per_ticket.items() if v} == {k: v for k, v in floor.items() if v}
    report(issue, "settlement pass over the entries, 1M entries, %s (median of 5)" % where,
           "%.3f s" % ours_median, "floor %.3f s" % floor_median, "<= 1.5x floor")
    report(issue, "  ratio to the floor (hand-written SQL)",
           "%.2fx" % (ours_median / floor_median), "", "<= 1.5x")
    report(issue, "  the lines from the daily totals (time_day_total)",
           "%.3f s" % totals_median, "floor %.3f s" % floor_median, "(the consumption's)")
    assert naive == floor
    report(issue, "  (for information: the naive join-then-group query)",
           "%.3f s" % naive_median, "", "")
    return floor, ours_median


BENCH_SCHEMA = "bench_big_100000_1000000"


def _postgres_copy(path):
    """The big store in PostgreSQL: copied once, then reused while its
    fingerprint (bench/bigstore.py) is the GeoPackage's."""
    from sit_chartreuse.core.storage import db, store, transfer
    from ._postgres import server
    from .bigstore import fingerprint
    location = db.PgLocation(BENCH_SCHEMA, server().params)
    admin = db.pg_connect(server())
    try:
        if admin.execute("SELECT 1 FROM pg_namespace WHERE nspname = ?",
                         (BENCH_SCHEMA,)).fetchone():
            conn = store.open_store(location)
            kept = conn.execute("SELECT value FROM sit_meta WHERE key = 'bench_fingerprint'"
                                ).fetchone()
            conn.close()
            if kept and kept[0] == fingerprint():
                return location
            admin.execute("DROP SCHEMA %s CASCADE" % db.Dialect.quote(BENCH_SCHEMA))
        transfer.copy_store(path, location)   # sit_meta's bench_fingerprint comes along
        conn = store.open_store(location)
        conn.execute("ANALYZE")
        conn.close()
        return location
    finally:
        admin.close()


def run(workdir, report):
    from sit_chartreuse.core.storage import store
    from .bigstore import big_store
    path = big_store(100_000, 1_000_000)   # only read: dry runs write nothing
    conn = store.open_store(path)
    floor, ours_median = _aggregation(conn, report, "#4", "GeoPackage")
    pg = store.open_store(_postgres_copy(path))
    pg_floor, _ = _aggregation(pg, report, "#7", "PostGIS")
    from sit_chartreuse.core.agreement import convention, settlement
    start = time.perf_counter()
    settlement.compute(pg, convention.find_convention(pg), YEAR)
    report("#7", "  whole settlement with its breakdowns, PostGIS (for information)",
           "%.2f s" % (time.perf_counter() - start), "", "")
    pg.close()
    assert pg_floor == floor   # the same figures from both backends

    init_processing()
    import processing
    start = time.perf_counter()
    chain = _chain(path)
    chain_time = time.perf_counter() - start
    assert chain == {k: v for k, v in floor.items() if v}, (chain, floor)
    report("#4", "QGIS chain: join attributes + statistics by categories",
           "%.2f s" % chain_time, "ours %.3f s" % ours_median, ">= 10x slower than ours")
    report("#4", "  speed-up of the settlement over the chain",
           "%.0fx" % (chain_time / ours_median), "", ">= 10x")

    out = {"OUTPUT_HTML": os.path.join(workdir, "decompte.html"),
           "OUTPUT_CSV": os.path.join(workdir, "decompte.csv")}
    whole, cpu = [], []
    for _ in range(3):
        start, start_cpu = time.perf_counter(), time.process_time()
        processing.run("sitchartreuse:settlement", dict(
            STORE=path, YEAR=YEAR, ISSUE=False, OUTPUT_TABLE="TEMPORARY_OUTPUT",
            OUTPUT_FEATURES="TEMPORARY_OUTPUT", OUTPUT_PDF=None, **out))
        whole.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    # CPU time beside wall time: the machine's 2 cores are shared.
    report("#4", "whole settlement algorithm + HTML + CSV (median of 3)",
           "%.2f s" % statistics.median(whole), "cpu %.2f s" % statistics.median(cpu), "< 3 s")
    start = time.perf_counter()
    processing.run("sitchartreuse:settlement", dict(
        STORE=path, YEAR=YEAR, ISSUE=False, OUTPUT_TABLE="TEMPORARY_OUTPUT",
        OUTPUT_FEATURES="TEMPORARY_OUTPUT", OUTPUT_HTML=None, OUTPUT_CSV=None,
        OUTPUT_PDF=os.path.join(workdir, "decompte.pdf")))
    report("#4", "whole settlement algorithm + PDF (for information)",
           "%.2f s" % (time.perf_counter() - start), "", "")
    conn.close()
