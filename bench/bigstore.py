"""A big, deterministic SIT store for the benchmarks, built once and cached.

`big_store(features, entries)` returns the path of
`build/bench/big-<features>-<entries>.gpkg`: `features` catalogued features
spread over every catalogued table, tickets on every other feature plus
application-level tickets, and `entries` time entries over 2025-2027 and the
five categories (tables WEIGHTS does not name stay empty). Everything is
written by SQL (recursive CTEs) in one transaction through the store's own
triggers, so the rules hold. The file is rebuilt when the schema or this
generator changes (fingerprint in sit_meta).

Communes are a grid of 17 cells over the extent of Cœur de Chartreuse
(Lambert-93); every feature and ticket point lies inside one of them.
"""
import hashlib
import os
import time

from sit_chartreuse.core.schema import CATALOGUED, SCHEMA_VERSION, TABLES
from sit_chartreuse.core.storage import sqlite_ddl, store
from sit_chartreuse.core.storage import migrations

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE = os.path.join(ROOT, "build", "bench")

# The 17 communes of Cœur de Chartreuse and the territory's extent (Lambert-93).
INSEE = ("38155", "38236", "38376", "38405", "38412", "38442", "38446", "73033", "73092",
         "73105", "73107", "73229", "73233", "73246", "73274", "73275", "73282")
XMIN, YMIN, XMAX, YMAX = 908500.0, 6468500.0, 929000.0, 6495500.0
COLUMNS, ROWS = 5, 4                      # 20 cells, the first 17 are communes
CELL_W, CELL_H = (XMAX - XMIN) / COLUMNS, (YMAX - YMIN) / ROWS

# Relative share of the features per table (the rest are parcels).
WEIGHTS = {"parcelle": 30, "pav": 6, "composteur": 1,
           "raepa_canalaep_l": 10, "raepa_apparaep_p": 4, "raepa_ouvraep_p": 1,
           "raepa_reparaep_p": 1, "raepa_canalass_l": 10, "raepa_apparass_p": 4,
           "raepa_ouvrass_p": 1, "raepa_reparass_p": 1, "doc_urba": 0,
           "zone_urba": 3, "prescription_surf": 2, "prescription_lin": 2,
           "prescription_pct": 2, "info_surf": 1, "info_lin": 1, "info_pct": 1,
           "ads_dossier": 8}
CATEGORIES = ("maintenance_corrective", "maintenance_evolutive", "formation", "hotline",
              "developpement")
STATUSES = ("ouvert", "en_cours", "resolu", "clos")
APPLICATIONS = ("pav", "reseaux", "plui", "ads")
AGENTS = ("m.girard", "s.rey", "l.bonnet")
APP_TICKETS = 2000


def big_store(features=100_000, entries=1_000_000):
    """Path of the cached big store, built if missing or stale."""
    os.makedirs(CACHE, exist_ok=True)
    path = os.path.join(CACHE, "big-%d-%d.gpkg" % (features, entries))
    if os.path.exists(path) and _stored_fingerprint(path) == fingerprint():
        return path
    tmp = path + ".building"
    for stale in (tmp, path):
        if os.path.exists(stale):
            os.unlink(stale)
    start = time.perf_counter()
    store.create_store(tmp)
    conn = store.connect(tmp)
    try:
        with store.transaction(conn):
            _fill(conn, features, entries)
            conn.execute("INSERT INTO sit_meta VALUES ('bench_fingerprint', ?)", (fingerprint(),))
        conn.execute("ANALYZE")
    finally:
        conn.close()
    os.replace(tmp, path)
    print("  (big store %s built in %.0f s)" % (os.path.basename(path),
                                              time.perf_counter() - start), flush=True)
    return path


def fingerprint():
    """Hash of the schema's SQL and of this generator."""
    h = hashlib.sha256()
    for table in TABLES:
        h.update("\n".join(sqlite_ddl.create_table(table, SCHEMA_VERSION)).encode())
    for version in sorted(migrations.STEPS):
        h.update("\n".join(migrations.STEPS[version](None)).encode())
    h.update("\n".join(migrations.rules()).encode())
    with open(__file__, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def _stored_fingerprint(path):
    conn = store.connect(path)
    try:
        row = conn.execute("SELECT value FROM sit_meta WHERE key = 'bench_fingerprint'").fetchone()
    except Exception:
        row = None
    finally:
        conn.close()
    return row[0] if row else None


def _cycle(values, n):
    """SQL CASE picking values[n % len(values)]."""
    return "CASE (%s) %% %d %s END" % (n, len(values), " ".join(
        "WHEN %d THEN %s" % (i, sqlite_ddl.literal(v)) for i, v in enumerate(values)))


def _hash(n, salt):
    """A deterministic pseudo-random non-negative integer from n."""
    return "(((%s) + %d) * 2654435761 %% 1000000007)" % (n, salt)


def feature_uuid(table_index, n):
    return "printf('%%08x-0001-4000-8000-%%012x', %d, %s)" % (table_index, n)


def _geometry(kind, n):
    cell = "(%s %% 17)" % n
    x = "(%f + (%s %% %d) * %f + %s %% %d)" % (
        XMIN, cell, COLUMNS, CELL_W, _hash(n, 1), int(CELL_W) - 200)
    y = "(%f + (%s / %d) * %f + %s %% %d)" % (
        YMIN, cell, COLUMNS, CELL_H, _hash(n, 2), int(CELL_H) - 200)
    point = "MakePoint(%s, %s, 2154)" % (x, y)
    line = "MakeLine(%s, MakePoint(%s + 60, %s + 40, 2154))" % (point, x, y)
    box = "BuildMbr(%s, %s, %s + 80, %s + 50, 2154)" % (x, y, x, y)
    geom = {"POINT": point, "MULTIPOINT": "CastToMultiPoint(%s)" % point,
            "LINESTRING": line, "MULTILINESTRING": "CastToMultiLinestring(%s)" % line,
            "MULTIPOLYGON": "CastToMultiPolygon(%s)" % box}[kind]
    return "AsGPB(%s)" % geom


def _value(conn, table, f, n):
    """SQL value of a required, unique or coded field for feature n."""
    if f.name == "idu":
        return ("%s || '000' || char(65 + (%s / 10000) %% 26, 65 + (%s / 400) %% 26) "
                "|| printf('%%04d', %s %% 10000)" % (_cycle(INSEE, n), n, n, n))
    if f.name == "insee":
        return _cycle(INSEE, "(%s) %% 17" % n)
    if f.codelist:
        codes = [r[0] for r in conn.execute(
            "SELECT code FROM codelist WHERE list = ? ORDER BY code", (f.codelist,))]
        return _cycle(codes, n)
    if f.unique:
        return "printf('%s%%07d', %s)" % (table.name[:6].upper(), n)
    if f.not_null:
        return "printf('%s %%d', %s)" % (f.name, n) if f.type == "text" else "0"
    return None


def _counts(features):
    rest = features - len(INSEE)
    total = sum(WEIGHTS.values())
    counts = {name: rest * w // total for name, w in WEIGHTS.items()}
    counts["doc_urba"] = 1
    counts["parcelle"] += rest - sum(counts.values())
    counts["commune"] = len(INSEE)
    return counts


def _fill(conn, features, entries):
    counts = _counts(features)
    for index, table in enumerate(CATALOGUED):
        if table.name not in counts:   # the servitudes (added later) have no weight: none
            continue
        count = counts[table.name]
        columns, values = ["uuid"], [feature_uuid(index, "n")]
        if table.geometry:
            columns.append("geom")
            values.append(_geometry(table.geometry, "n"))
        for f in table.fields:
            value = _value(conn, table, f, "n")
            if value is not None:
                columns.append(f.name)
                values.append(value)
        if table.name == "commune":
            values[1] = "AsGPB(CastToMultiPolygon(BuildMbr(%s, %s, %s, %s, 2154)))" % (
                "%f + (n %% %d) * %f" % (XMIN, COLUMNS, CELL_W),
                "%f + (n / %d) * %f" % (YMIN, COLUMNS, CELL_H),
                "%f + (n %% %d + 1) * %f" % (XMIN, COLUMNS, CELL_W),
                "%f + (n / %d + 1) * %f" % (YMIN, COLUMNS, CELL_H))
            values[columns.index("insee")] = _cycle(INSEE, "n")
            values[columns.index("nom")] = "'Commune ' || " + _cycle(INSEE, "n")
        conn.execute(
            "WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n + 1 < %d) "
            "INSERT INTO %s (%s) SELECT %s FROM s"
            % (count, sqlite_ddl.quote(table.name), ", ".join(map(sqlite_ddl.quote, columns)),
               ", ".join(values)))
        _feature_tickets(conn, index, table)
    _application_tickets(conn)
    _time_entries(conn, entries)


def _ticket_columns(n):
    opened = "date('2025-01-01', '+' || (%s %% 1050) || ' days')" % _hash(n, 3)
    status = _cycle(STATUSES, _hash(n, 4))
    closed = ("CASE WHEN %s IN ('resolu', 'clos') THEN date(%s, '+12 days') END"
              % (status, opened))
    return {"category": _cycle(CATEGORIES, _hash(n, 5)), "status": status,
            "opened_on": opened, "closed_on": closed,
            "title": "'Demande ' || %s" % n, "requester": "'Communauté de communes'",
            "created_by": _cycle(AGENTS, n)}


def _insert_tickets(conn, select_columns, source):
    columns = list(select_columns)
    conn.execute("INSERT INTO ticket (%s) SELECT %s FROM %s" % (
        ", ".join(columns), ", ".join(select_columns[c] for c in columns), source))


def _feature_tickets(conn, index, table):
    """A ticket on every other feature of the table, on a point of it."""
    application = (table.application if table.application in APPLICATIONS
                   else ("ads" if table.name == "parcelle" else "pav"))
    columns = _ticket_columns("fid")
    columns.update({
        "uuid": "printf('%%08x-0002-4000-8000-%%012x', %d, fid)" % index,
        "application": sqlite_ddl.literal(application),
        "layer_name": sqlite_ddl.literal(table.name), "feature_uuid": "uuid",
        "geom": "AsGPB(PointOnSurface(geom))" if table.geometry else "NULL"})
    _insert_tickets(conn, columns, "%s WHERE fid %% 2 = 1" % sqlite_ddl.quote(table.name))


def _application_tickets(conn):
    columns = _ticket_columns("n")
    columns.update({
        "uuid": "printf('ffffffff-0002-4000-8000-%012x', n)",
        "application": _cycle(APPLICATIONS, "n"),
        "geom": "AsGPB(PointOnSurface(geom))"})
    _insert_tickets(conn, {k: v.replace("geom)", "c.geom)") if k == "geom" else v
                           for k, v in columns.items()},
                    "(WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s "
                    "WHERE n + 1 < %d) SELECT n FROM s) JOIN commune c ON c.fid = 1 + n %% 17"
                    % APP_TICKETS)


def _time_entries(conn, entries):
    tickets = conn.execute("SELECT max(fid) FROM ticket").fetchone()[0]
    minutes = "(1 + %s %% 32) * 15" % _hash("n", 6)          # 15 min to 8 h
    conn.execute(
        "WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n + 1 < %d) "
        "INSERT INTO time_entry (uuid, ticket_uuid, work_date, agent, minutes, note, "
        "recorded_by, recorded_at) SELECT printf('%%08x-0003-4000-8000-%%012x', 0, n), "
        "(SELECT uuid FROM ticket WHERE fid = 1 + n %% %d), "
        "date('2025-01-01', '+' || (%s %% 1095) || ' days'), %s, %s, 'Intervention ' || n, "
        "%s, '2026-01-01T00:00:00.000Z' FROM s"
        % (entries, tickets, _hash("n", 7), _cycle(AGENTS, "n"), minutes, _cycle(AGENTS, "n")))
