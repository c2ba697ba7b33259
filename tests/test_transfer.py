"""Moving a SIT: GeoPackage -> PostGIS -> GeoPackage on a real PostgreSQL
server, every row and the settlement's figures kept; refusals and failures
leave no target behind."""
import datetime
import hashlib
import os
import sqlite3

import pytest
from osgeo import ogr

from conftest import PG_SERVER
from helpers import killed_when_ready
from ledger_helpers import sample_features
from sit_chartreuse.core.agreement import convention, settlement
from sit_chartreuse.core.agreement.convention import Amendment
from sit_chartreuse.core.errors import SitError
from sit_chartreuse.core.ledger import ledger
from sit_chartreuse.core.schema.model import DATETIME
from sit_chartreuse.core.storage import db, store, transfer


def build_source(path):
    """A GeoPackage SIT with features of several layers, tickets, time over
    2026 and 2027, hosting costs, an amendment effective 2027, and 2026
    settled twice (version 1 reopened, version 2 live); a feature with a
    ticket deleted (its last state in deleted_feature)."""
    uuids = sample_features(path)
    conn = store.open_store(path)
    conn.execute("UPDATE pav SET enterre = 1, volume_l = 4000, date_pose = '2024-05-01'")
    conn.execute("INSERT INTO commune (insee, nom, epci_siren, geom) VALUES ('38412', "
                 "'Saint-Laurent-du-Pont', '200040111', AsGPB(CastToMultiPolygon("
                 "BuildMbr(910000, 6470000, 920000, 6490000, 2154))))")
    pav, _ = ledger.log_time(conn, "2026-03-02", "7", layer="pav", feature_uuid=uuids["pav"],
                             category="maintenance_corrective", title="Colonne cassée",
                             agent="m.girard")
    ledger.log_time(conn, "2027-02-01", "3,5", ticket_uuid=pav, agent="s.rey")
    ledger.log_time(conn, "2026-05-12", "2", layer="zone_urba",
                    feature_uuid=uuids["zone_urba"], category="hotline", title="Zone Ua")
    ledger.log_time(conn, "2026-09-01", "14", application="ads", category="developpement",
                    title="Pont Next'ADS")
    ledger.log_time(conn, "2026-06-15", "1,25", layer="raepa_canalass_l",
                    feature_uuid=uuids["raepa_canalass_l"], category="maintenance_evolutive",
                    title="Canalisation à reprendre")
    conn.execute("DELETE FROM raepa_canalass_l")   # its ticket stays, pointing at deleted_feature
    convention.record_hosting_cost(conn, 2026, "hebergement", "Hébergement 2026", "833,33", "F1")
    convention.record_hosting_cost(conn, 2027, "sauvegarde", "Sauvegarde 2027", "120,50", "F2")
    conv = convention.find_convention(conn)
    convention.add_amendment(conn, conv.uuid, Amendment(
        1, datetime.date(2027, 1, 1), "Revalorisation de la journée", "maintenance",
        new_unit_price_cents=65000, signed_on=datetime.date(2026, 12, 1)))
    conv = convention.find_convention(conn)
    settlement.issue(conn, conv, 2026)
    settlement.reopen_year(conn, conv, 2026, "Saisie oubliée")
    ledger.log_time(conn, "2026-12-18", "0,5", ticket_uuid=pav)
    settlement.issue(conn, conv, 2026)
    conn.close()
    return uuids


@pytest.fixture
def source(new_store):
    build_source(new_store)
    return new_store


def normalise(table, column, value):
    if value is None or column == "uuid":
        return value
    if column == "geom":    # WKB from either backend -> one WKT
        return ogr.CreateGeometryFromWkb(bytes(value)).ExportToIsoWkt()
    if table.field(column).type == DATETIME:   # the same instant, whatever the notation
        # Without an offset: local time (astimezone() reads it so).
        return datetime.datetime.fromisoformat(value).astimezone(datetime.timezone.utc)
    return value   # True == 1, so booleans compare across backends


def dump(location):
    """{table: sorted rows} with every column but fid; geometry as WKT."""
    conn = store.open_store(location)
    out = {}
    try:
        for table in transfer.copy_order():
            columns = ["uuid"] + [f.name for f in table.fields]
            # Timestamps as text: the connection's reader rounds them to the second.
            select = ["uuid"] + ["CAST(%s AS TEXT)" % f.name if f.type == DATETIME else f.name
                                 for f in table.fields]
            if table.geometry:
                columns.append("geom")
                select.append("ST_AsBinary(geom)")
            rows = conn.execute("SELECT %s FROM %s" % (", ".join(select), table.name)).fetchall()
            out[table.name] = sorted(tuple(normalise(table, c, v) for c, v in zip(columns, row))
                                     for row in rows)
    finally:
        conn.close()
    return out


def figures(location, year):
    conn = store.open_store(location)
    try:
        r = settlement.compute(conn, convention.find_convention(conn), year)
        return (r.total_ht_cents, r.total_vat_cents, r.total_ttc_cents, r.digest,
                [(l.code, l.actual_minutes, l.actual_ht_cents, l.vat_cents, l.actual_ttc_cents)
                 for l in r.lines], r.locked_by_version)
    finally:
        conn.close()


def assert_year_2026_locked(location, ticket):
    conn = store.open_store(location)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="settled"):
            conn.execute("INSERT INTO time_entry (ticket_uuid, work_date, agent, minutes) "
                         "VALUES (?, '2026-07-01', 'x', 60)", (ticket,))
        with pytest.raises(sqlite3.IntegrityError, match="settled"):
            conn.execute("DELETE FROM hosting_cost WHERE year = 2026")
        conn.execute("INSERT INTO time_entry (ticket_uuid, work_date, agent, minutes) "
                     "VALUES (?, '2027-07-01', 'x', 60)", (ticket,))   # 2027 stays open
    finally:
        conn.close()


def test_geopackage_to_postgis_and_back_keeps_every_row_and_the_settlement(
        source, pg_location, tmp_path):
    back = str(tmp_path / "back.gpkg")
    to_pg = transfer.copy_store(source, pg_location)
    to_gpkg = transfer.copy_store(pg_location, back)

    expected = dump(source)
    assert sum(len(rows) for rows in expected.values()) == to_pg.rows == to_gpkg.rows
    assert {t: len(rows) for t, rows in expected.items() if rows}.keys() >= {
        "commune", "pav", "zone_urba", "deleted_feature", "ticket", "time_entry", "convention",
        "convention_line", "convention_amendment", "hosting_cost", "settlement",
        "settlement_line"}
    assert [(t, n, n) for t, n in ((t, len(r)) for t, r in expected.items())] == \
        to_pg.counts == to_gpkg.counts
    for copy in (pg_location, back):
        assert dump(copy) == expected
    # One agreement, the source's (the target's seed was replaced).
    assert len(expected["convention"]) == 1

    for year, locked in ((2026, 2), (2027, None)):
        first = figures(source, year)
        assert first[5] == locked
        assert figures(pg_location, year) == first == figures(back, year)
    # 2026's live settlement matches its inputs in every copy (same digest).
    conn = store.open_store(back)
    assert conn.execute("SELECT inputs_digest FROM settlement WHERE reopened_at IS NULL"
                        ).fetchone()[0] == figures(source, 2026)[3]
    meta = dict(conn.execute("SELECT key, value FROM sit_meta").fetchall())
    conn.close()
    assert meta["copied_from"] == db.parse_location(pg_location).label
    assert meta["copied_at"] and meta["schema_version"]

    ticket = expected["ticket"][0][0]
    for copy in (pg_location, back):
        assert_year_2026_locked(copy, ticket)


def test_postgis_to_postgis(source, pg_location, pg_admin):
    transfer.copy_store(source, pg_location)
    other = db.PgLocation(db.parse_location(pg_location).schema + "_copy", dict(PG_SERVER))
    try:
        report = transfer.copy_store(pg_location, other)
        assert report.target == other.label and all(s == t for _, s, t in report.counts)
        assert dump(other) == dump(source)
        assert figures(other, 2026) == figures(source, 2026)
    finally:
        pg_admin.execute("DROP SCHEMA IF EXISTS %s CASCADE" % db.Dialect.quote(other.schema))


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def test_an_existing_target_is_refused_and_left_as_it_was(source, new_store, pg_location,
                                                          tmp_path):
    existing = store.create_store(str(tmp_path / "existing.gpkg"))
    before = digest(existing)
    with pytest.raises(SitError, match="never overwritten"):
        transfer.copy_store(source, existing)
    assert digest(existing) == before

    store.create_store(pg_location)
    conn = store.open_store(pg_location)
    conn.execute("INSERT INTO sit_meta VALUES ('mark', 'kept')")
    with pytest.raises(SitError, match="never overwritten"):
        transfer.copy_store(source, pg_location)
    assert conn.execute("SELECT value FROM sit_meta WHERE key = 'mark'").fetchone() == ("kept",)
    assert conn.execute("SELECT count(*) FROM pav").fetchone() == (0,)
    conn.close()


def schema_objects(pg_admin, schema):
    """(schema exists, its relations, its functions)."""
    exists = pg_admin.execute("SELECT 1 FROM pg_namespace WHERE nspname = ?",
                              (schema,)).fetchone() is not None
    relations = pg_admin.execute("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON "
                                 "n.oid = c.relnamespace WHERE n.nspname = ?", (schema,))
    functions = pg_admin.execute("SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON "
                                 "n.oid = p.pronamespace WHERE n.nspname = ?", (schema,))
    return exists, relations.fetchone()[0], functions.fetchone()[0]


def spoil_late_row(path):
    """A hosting cost (copied after features, tickets and time) whose date
    SQLite keeps as text and PostgreSQL refuses."""
    conn = store.open_store(path)
    conn.execute("UPDATE hosting_cost SET recorded_at = 'hier' WHERE year = 2027")
    bad = conn.execute("SELECT uuid FROM hosting_cost WHERE year = 2027").fetchone()[0]
    conn.close()
    return bad


def test_a_row_the_target_refuses_leaves_no_schema_behind(source, pg_location, pg_admin):
    bad = spoil_late_row(source)
    schema = db.parse_location(pg_location).schema
    with pytest.raises(transfer.TransferError,
                       match="refused row %s of hosting_cost: .*hier" % bad):
        transfer.copy_store(source, pg_location)
    assert schema_objects(pg_admin, schema) == (False, 0, 0)


def test_a_failed_copy_into_an_existing_empty_schema_empties_it_again(source, pg_admin):
    # A schema an administrator made (named oddly, with a function of theirs):
    # kept, with only what it held before.
    schema = 'we"ird; DROP TABLE x;--'
    pg_admin.execute("CREATE SCHEMA %s" % db.Dialect.quote(schema))
    pg_admin.execute("CREATE FUNCTION %s.keep_me() RETURNS integer LANGUAGE sql "
                     "AS 'SELECT 1'" % db.Dialect.quote(schema))
    try:
        location = str(db.PgLocation(schema, dict(PG_SERVER)))
        spoil_late_row(source)
        with pytest.raises(transfer.TransferError, match="refused row"):
            transfer.copy_store(source, location)
        assert schema_objects(pg_admin, schema) == (True, 0, 1)   # the administrator's function
    finally:
        pg_admin.execute("DROP SCHEMA IF EXISTS %s CASCADE" % db.Dialect.quote(schema))


def test_a_cancelled_copy_leaves_no_file_behind(source, pg_location, tmp_path):
    from qgis.core import QgsProcessingFeedback
    transfer.copy_store(source, pg_location)
    folder = tmp_path / "copies"
    folder.mkdir()
    feedback = QgsProcessingFeedback()
    seen = []

    def cancel_midway(percent):
        seen.append(percent)
        if percent > 30:
            feedback.cancel()
    feedback.progressChanged.connect(cancel_midway)
    with pytest.raises(transfer.TransferError, match="cancelled"):
        transfer.copy_store(pg_location, str(folder / "copy.gpkg"), feedback)
    assert 30 < seen[-1] < 100
    assert os.listdir(folder) == []


# A copy that stops midway (rows of some tables written, uncommitted) and
# waits there to be killed.
COPIER = """
import time
from sit_chartreuse.core.storage import transfer

class PauseMidway:
    def setProgress(self, percent):
        if percent > 30:
            print("copying", flush=True)
            time.sleep(600)

    def pushInfo(self, text):
        pass

    def isCanceled(self):
        return False

transfer.copy_store(sys.argv[1], sys.argv[2], PauseMidway())
"""


@pytest.mark.parametrize("kind", ["gpkg", "postgres"])
def test_a_copy_killed_midway_leaves_nothing_and_a_retry_works(source, kind, tmp_path,
                                                               request, pg_admin):
    folder = tmp_path / "copies"
    folder.mkdir()
    target = request.getfixturevalue("pg_location") if kind == "postgres" \
        else str(folder / "copy.gpkg")
    with killed_when_ready(tmp_path, COPIER, [source, target], "copying"):
        if kind == "gpkg":   # a copy under way is not taken for an abandoned one
            with pytest.raises(SitError, match="being created by another process"):
                transfer.copy_store(source, target)
    if kind == "postgres":   # nothing committed: no schema
        assert schema_objects(pg_admin, db.parse_location(target).schema) == (False, 0, 0)
    else:                    # only a partial file, not the store
        assert not os.path.exists(target) and len(os.listdir(folder)) > 0
    report = transfer.copy_store(source, target)
    assert all(s == t for _, s, t in report.counts)
    assert dump(target) == dump(source)
    if kind == "gpkg":       # what the killed copy left is gone
        assert os.listdir(folder) == ["copy.gpkg"]


def test_the_copystore_algorithm(source, pg_location, run_algorithm):
    out = run_algorithm("copystore", {"SOURCE": source, "TARGET": pg_location})
    assert out["TARGET"] == pg_location
    counts = {line.split("\t")[0]: line.split("\t")[1:] for line in out["COUNTS"].splitlines()}
    assert counts["time_entry"] == ["6", "6"] and counts["settlement"] == ["2", "2"]
    assert out["ROWS"] == sum(int(s) for s, _ in counts.values())
    conn = store.open_store(pg_location)
    assert conn.execute("SELECT count(*) FROM time_entry").fetchone() == (6,)
    conn.close()


def test_timestamps_keep_their_instant_local_times_included(new_store, pg_location, tmp_path,
                                                            monkeypatch):
    """A GeoPackage timestamp without an offset is local time (what QGIS
    shows); PostgreSQL would read it as UTC: the copy gives the offset."""
    import time
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    try:
        conn = store.open_store(new_store)
        ticket, _ = ledger.log_time(conn, "2026-03-02", "1", application="pav",
                                    category="hotline", title="Appel")
        conn.executemany("INSERT INTO time_entry (uuid, ticket_uuid, work_date, agent, minutes, "
                         "recorded_at) VALUES (?, ?, '2026-03-02', 'x', 60, ?)",
                         [("naive", ticket, "2026-03-02T10:00:00"),
                          ("utc", ticket, "2026-03-02T10:00:00.250Z"),
                          ("offset", ticket, "2026-07-01 10:00:00+02:00")])
        conn.close()
        transfer.copy_store(new_store, pg_location)
        back = transfer.copy_store(pg_location, str(tmp_path / "back.gpkg")).target
        expected = {"naive": "2026-03-02 09:00:00+00", "utc": "2026-03-02 10:00:00.25+00",
                    "offset": "2026-07-01 08:00:00+00"}
        conn = store.open_store(pg_location)
        assert dict(conn.execute("SELECT uuid, CAST(recorded_at AS TEXT) FROM time_entry WHERE "
                                 "agent = 'x'").fetchall()) == expected
        conn.close()
        conn = store.open_store(back)
        assert dict(conn.execute("SELECT uuid, recorded_at FROM time_entry WHERE agent = 'x'"
                                 ).fetchall()) == {   # the GeoPackage's DATETIME form, UTC
            "naive": "2026-03-02T09:00:00.000Z", "utc": "2026-03-02T10:00:00.250Z",
            "offset": "2026-07-01T08:00:00.000Z"}
        conn.close()
    finally:
        monkeypatch.undo()
        time.tzset()
