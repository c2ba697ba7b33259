"""Stores that old releases really wrote (tests/fixtures/stores, made by
make_fixtures.py from old commits) opened by today's code: migrated in one
transaction, their rows kept, today's rules and columns in force."""
import gzip
import os
import shutil
import sqlite3

import pytest

from conftest import PG_SERVER
from sit_chartreuse.core.agreement import settlement
from sit_chartreuse.core.agreement.convention import find_convention
from sit_chartreuse.core.errors import StoreError
from sit_chartreuse.core.schema import SCHEMA_VERSION
from sit_chartreuse.core.storage import db, store

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures", "stores")
FEATURE = "0e4bc5c1-6a55-4f55-8d2b-6b1f4f2a0001"   # make_fixtures.py
TICKET = "0e4bc5c1-6a55-4f55-8d2b-6b1f4f2a0002"


def old_store(backend, version, tmp_path, request):
    """(location, plain connection) of the fixture of schema `version`."""
    if backend == "postgres":
        location = db.parse_location(request.getfixturevalue("pg_location"))
        with gzip.open(os.path.join(FIXTURES, "v%d.sql.gz" % version), "rt",
                       encoding="utf-8") as f:
            # psql's meta-commands (\restrict) are not SQL; the schema is the test's own.
            dump = "".join(line for line in f if not line.startswith("\\"))
        loader = db.pg_connect(location)
        try:
            loader.raw.cursor().execute(dump.replace("sit_fixture", location.schema))
        finally:
            loader.close()
        return location, db.pg_connect(location)
    path = str(tmp_path / ("v%d.gpkg" % version))
    with gzip.open(os.path.join(FIXTURES, "v%d.gpkg.gz" % version), "rb") as f, \
            open(path, "wb") as out:
        shutil.copyfileobj(f, out)
    return path, sqlite3.connect(path, isolation_level=None)


def counts(conn, version):
    tables = ["pav"] + (["ticket", "time_entry"] if version >= 2 else []) + (
        ["settlement", "settlement_line", "convention", "convention_line"]
        if version >= 3 else [])
    return {t: conn.execute("SELECT count(*) FROM %s" % t).fetchone()[0] for t in tables}


def columns(conn, table):
    if db.dialect(conn) is db.POSTGRES:
        return [r[0] for r in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = "
            "current_schema() AND table_name = ? ORDER BY ordinal_position", (table,))]
    return [r[1] for r in conn.execute("PRAGMA table_info(%s)" % table)]


@pytest.mark.parametrize("version", [1, 2, 3, 4])
def test_an_old_store_migrates_keeping_its_rows(backend, version, tmp_path, request):
    location, plain = old_store(backend, version, tmp_path, request)
    assert plain.execute("SELECT value FROM sit_meta WHERE key = 'schema_version'"
                         ).fetchone() == (str(version),)
    before = counts(plain, version)
    conn = store.open_store(location)
    assert store.schema_version(conn) == SCHEMA_VERSION
    assert counts(conn, version) == before
    assert conn.execute("SELECT uuid FROM pav").fetchall() == [(FEATURE,)]
    # The same tables and columns as a store created today.
    new = store.open_store(store.create_store(
        str(tmp_path / "new.gpkg") if backend == "gpkg"
        else db.PgLocation(location.schema + "_new", dict(PG_SERVER))))
    tables = [r[0] for r in new.execute("SELECT table_name FROM gpkg_contents ORDER BY 1")]
    assert [r[0] for r in conn.execute("SELECT table_name FROM gpkg_contents ORDER BY 1")
            ] == tables
    assert {t: columns(conn, t) for t in tables} == {t: columns(new, t) for t in tables}
    if backend == "postgres":
        new.execute("DROP SCHEMA %s CASCADE" % db.Dialect.quote(new.location.schema))


@pytest.mark.parametrize("version", [3, 4])
def test_an_old_issued_year_is_locked_by_todays_rules(backend, version, tmp_path, request):
    location, plain = old_store(backend, version, tmp_path, request)
    conn = store.open_store(location)
    if version == 4:   # (the digest of f710085's v3 settlements differs from today's)
        assert not settlement.compute(conn, find_convention(conn), 2026).inputs_changed
    entry = plain.execute("SELECT fid, uuid FROM time_entry").fetchone()
    attempts = ["UPDATE time_entry SET minutes = 1",
                "UPDATE convention_line SET unit_price_cents = 1"]
    if backend == "gpkg":   # v5: REPLACE cannot delete the settled entry either
        attempts.append("INSERT OR REPLACE INTO time_entry (fid, uuid, ticket_uuid, work_date, "
                        "agent, minutes) VALUES (%d, '%s', '%s', '2027-01-04', 'x', 1)"
                        % (entry + (TICKET,)))
    for sql in attempts:
        with pytest.raises(sqlite3.IntegrityError, match="settled"):
            plain.execute(sql)
    assert plain.execute("SELECT minutes FROM time_entry").fetchall() == [(180,)]


@pytest.mark.parametrize("version", [2, 4])
def test_an_old_ledger_obeys_todays_rules(backend, version, tmp_path, request):
    location, plain = old_store(backend, version, tmp_path, request)
    store.open_store(location).close()
    with pytest.raises(sqlite3.IntegrityError, match="has time entries and cannot be deleted"):
        plain.execute("DELETE FROM ticket")
    # A deleted feature keeps its tickets' history, with every column of today.
    spatial = store.open_store(location)
    spatial.execute("DELETE FROM pav")
    attributes = spatial.execute("SELECT attributes FROM deleted_feature WHERE feature_uuid = ?",
                                 (FEATURE,)).fetchone()[0]
    assert all('"%s"' % c in attributes for c in columns(spatial, "pav")
               if c not in ("geom", "uuid"))


def test_a_failed_migration_leaves_the_old_store_unchanged(backend, tmp_path, request,
                                                          monkeypatch):
    location, plain = old_store(backend, 1, tmp_path, request)
    from sit_chartreuse.core.storage import migrations
    # A broken last step: the earlier steps must roll back too.
    monkeypatch.setitem(migrations.STEPS, SCHEMA_VERSION, lambda schema: ["SELECT * FROM nowhere"])
    with pytest.raises(StoreError, match="v1.gpkg" if backend == "gpkg" else "schema t_"):
        store.open_store(location)
    assert plain.execute("SELECT value FROM sit_meta WHERE key = 'schema_version'"
                         ).fetchone() == ("1",)
    assert not db.dialect(plain).table_exists(plain, "ticket")
