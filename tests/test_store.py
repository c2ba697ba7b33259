"""The SIT store: creation, schema, migrations, refusals (on both backends
where the store's own rules are concerned, on files where files are)."""
import os
import sqlite3

import pytest

from sit_chartreuse.core.errors import StoreError
from sit_chartreuse.core.schema import SCHEMA_VERSION, TABLES
from sit_chartreuse.core.storage import db, store

CONTRACT_TABLES = {
    "commune", "parcelle", "pav", "composteur",
    "raepa_canalaep_l", "raepa_apparaep_p", "raepa_ouvraep_p", "raepa_reparaep_p",
    "raepa_canalass_l", "raepa_apparass_p", "raepa_ouvrass_p", "raepa_reparass_p",
    "doc_urba", "doc_urba_com", "zone_urba", "prescription_surf", "prescription_lin",
    "prescription_pct", "info_surf", "info_lin", "info_pct",
    "ads_dossier", "ads_dossier_parcelle",
    "ticket", "time_entry", "convention", "convention_line", "hosting_cost",
    "settlement", "settlement_line",
}


def test_create_store_has_every_contract_table(store_location):
    conn = store.open_store(store_location)
    names = {r[0] for r in conn.execute("SELECT table_name FROM gpkg_contents")}
    assert CONTRACT_TABLES <= names
    assert store.schema_version(conn) == SCHEMA_VERSION


def test_postgis_tables_are_lambert93_with_gist_indexes(pg_location):
    conn = store.open_store(store.create_store(pg_location))
    rows = conn.execute("SELECT f_table_name, srid FROM geometry_columns "
                        "WHERE f_table_schema = current_schema()").fetchall()
    assert {t.name for t in TABLES if t.geometry} == {r[0] for r in rows}
    assert {r[1] for r in rows} == {2154}
    indexed = {r[0] for r in conn.execute(
        "SELECT tablename FROM pg_indexes WHERE schemaname = current_schema() "
        "AND indexdef LIKE '%USING gist (geom)%'")}
    assert indexed == {r[0] for r in rows}


def test_spatial_tables_are_lambert93_with_rtree(new_store):
    conn = store.open_store(new_store)
    rows = conn.execute("SELECT table_name, srs_id FROM gpkg_geometry_columns").fetchall()
    assert {t.name for t in TABLES if t.geometry} == {r[0] for r in rows}
    assert {r[1] for r in rows} == {2154}
    indexed = {r[0] for r in conn.execute(
        "SELECT table_name FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index'")}
    assert indexed == {r[0] for r in rows}


def test_uuid_set_on_insert_and_immutable(store_location):
    conn = store.open_store(store_location)
    conn.execute("INSERT INTO pav (flux) VALUES ('verre')")
    (uuid,) = conn.execute("SELECT uuid FROM pav").fetchone()
    assert len(uuid) == 36 and uuid[14] == "4"
    with pytest.raises(sqlite3.IntegrityError, match="uuid"):
        conn.execute("UPDATE pav SET uuid = 'x'")


def test_codelists_are_enforced_by_the_database(store_location):
    conn = store.open_store(store_location)
    with pytest.raises(sqlite3.IntegrityError, match="pav.flux: unknown code"):
        conn.execute("INSERT INTO pav (flux) VALUES ('plutonium')")
    conn.execute("INSERT INTO raepa_canalaep_l (materiau) VALUES ('11')")
    with pytest.raises(sqlite3.IntegrityError, match="raepa_materiau"):
        conn.execute("UPDATE raepa_canalaep_l SET materiau = '77'")
    lists = {r[0] for r in conn.execute("SELECT DISTINCT list FROM codelist")}
    assert {"raepa_materiau", "raepa_typreseau", "cnig_typezone", "cnig_typepsc",
            "pav_flux", "ticket_category"} <= lists


def test_writes_update_last_change(store_location):
    conn = store.open_store(store_location)
    conn.execute("UPDATE gpkg_contents SET last_change = '2000-01-01T00:00:00Z'")
    conn.execute("INSERT INTO composteur DEFAULT VALUES")
    changed = dict(conn.execute("SELECT table_name, last_change FROM gpkg_contents"))
    assert changed["composteur"] > "2025"
    assert changed["pav"].startswith("2000-01-01")


def test_refuses_to_overwrite(new_store):
    size = os.path.getsize(new_store)
    with pytest.raises(StoreError, match="already exists"):
        store.create_store(new_store)
    assert os.path.getsize(new_store) == size


def test_missing_and_read_only_folders(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        store.create_store(str(tmp_path / "nope" / "sit.gpkg"))
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        if os.access(str(ro), os.W_OK):  # root writes anywhere: use a file as folder
            with pytest.raises(StoreError, match="does not exist"):
                store.create_store(str(tmp_path / "sit.txt" / "x.gpkg"))
        else:
            with pytest.raises(StoreError, match="read-only"):
                store.create_store(str(ro / "sit.gpkg"))
    finally:
        ro.chmod(0o755)
    assert os.listdir(str(ro)) == []


def test_not_a_geopackage_and_not_a_store(tmp_path):
    text = tmp_path / "notes.gpkg"
    text.write_text("hello")
    with pytest.raises(StoreError, match="notes.gpkg is not a GeoPackage"):
        store.open_store(str(text))
    from osgeo import ogr
    plain = str(tmp_path / "plain.gpkg")
    ogr.GetDriverByName("GPKG").CreateDataSource(plain).FlushCache()
    with pytest.raises(StoreError, match="plain.gpkg is a GeoPackage but not a SIT store"):
        store.open_store(plain)


def _old_store(backend, tmp_path, request):
    """(location, plain connection) of a store created at schema version 1."""
    if backend == "postgres":
        location = store.create_store(request.getfixturevalue("pg_location"), version=1)
        return location, db.pg_connect(location)
    location = store.create_store(str(tmp_path / "v1.gpkg"), version=1)
    return location, sqlite3.connect(location, isolation_level=None)


def test_migrates_an_older_store_in_one_go(backend, tmp_path, request):
    location, plain = _old_store(backend, tmp_path, request)
    assert not db.dialect(plain).table_exists(plain, "time_entry")
    conn = store.open_store(location)
    assert store.schema_version(conn) == SCHEMA_VERSION
    assert db.dialect(conn).table_exists(conn, "time_entry")


def test_failed_migration_leaves_store_unchanged(backend, tmp_path, request, monkeypatch):
    location, plain = _old_store(backend, tmp_path, request)
    from sit_chartreuse.core.storage import migrations
    # A broken step in the last migration: the earlier steps must roll back too.
    broken = ["SELECT * FROM no_such_table"]
    monkeypatch.setitem(migrations.EXTRA_SQL, SCHEMA_VERSION, broken)
    monkeypatch.setitem(migrations.EXTRA_POSTGRES, SCHEMA_VERSION, lambda schema: broken)
    with pytest.raises(StoreError, match="v1.gpkg" if backend == "gpkg" else "schema t_"):
        store.open_store(location)
    assert plain.execute("SELECT value FROM sit_meta WHERE key='schema_version'"
                         ).fetchone() == ("1",)
    assert not db.dialect(plain).table_exists(plain, "ticket")


def test_refuses_a_newer_store(store_location):
    plain = (db.pg_connect(store_location) if db.is_postgres(store_location)
             else sqlite3.connect(store_location, isolation_level=None))
    plain.execute("UPDATE sit_meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer than this plugin"):
        store.open_store(store_location)


@pytest.mark.parametrize("name", ["sit#1.gpkg", "sit?v=2.gpkg", "sit%20.gpkg", "a#b/sit.gpkg"])
def test_a_path_with_uri_characters_is_refused_at_creation_and_opening(tmp_path, name):
    # SQLite and QGIS read # ? % as URI syntax: such a store was created but
    # could not be opened, and "#" left an empty file of the path's first part.
    path = str(tmp_path / name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with pytest.raises(StoreError, match="contains [#?%].*without # \\? %"):
        store.create_store(path)
    with pytest.raises(StoreError, match="URI syntax"):
        store.open_store(path)
    from sit_chartreuse.core.storage import transfer
    with pytest.raises(StoreError, match="URI syntax"):
        transfer.copy_store(store.create_store(str(tmp_path / "sit.gpkg")), path)
    assert sorted(p.name for p in tmp_path.rglob("*")) == sorted(
        ["sit.gpkg"] + (["a#b"] if "/" in name else []))


@pytest.mark.parametrize("text", [
    "host=localhost dbname=sit_test schema=sit", "service=sit", "dbname=sit_test",
    "PG:dbname=sit_test", "postgresql://sit_admin@localhost/sit_test"])
def test_postgresql_text_without_the_prefix_is_refused(tmp_path, monkeypatch, text):
    # It used to become a GeoPackage of that name in the current folder.
    monkeypatch.chdir(tmp_path)
    for attempt in (store.create_store, store.open_store):
        with pytest.raises(StoreError, match="lacks the postgres: prefix: write postgres: "):
            attempt(text)
    assert os.listdir(str(tmp_path)) == []


def test_a_nul_character_in_a_location_is_refused(tmp_path):
    for text in (str(tmp_path / "sit\0.gpkg"), "postgres: dbname='sit\0' schema='sit'"):
        for attempt in (store.create_store, store.open_store):
            with pytest.raises(StoreError, match="contains a NUL character"):
                attempt(text)
    assert os.listdir(str(tmp_path)) == []



def test_a_v4_store_with_an_issued_year_migrates_to_the_v5_rules(backend, tmp_path, request):
    from test_settlement import Ledger, at_provisional
    from sit_chartreuse.core.agreement import settlement
    location = store.create_store(request.getfixturevalue("pg_location") if backend == "postgres"
                                  else str(tmp_path / "v4.gpkg"), version=4)
    # A year issued by a release of schema v4 (opening the store would migrate it).
    old = Ledger(location, db.pg_connect(location) if backend == "postgres"
                 else store.connect(location))
    at_provisional(old)
    issued = settlement.issue(old.conn, old.conv, 2026)
    old.conn.close()
    conn = store.open_store(location)
    assert store.schema_version(conn) == SCHEMA_VERSION >= 5
    dry = settlement.compute(conn, old.conv, 2026)
    assert dry.issued_digest == issued.digest and not dry.inputs_changed
    plain = (db.pg_connect(location) if backend == "postgres"
             else sqlite3.connect(location, isolation_level=None))
    fid = plain.execute("SELECT min(fid) FROM settlement_line").fetchone()[0]
    for sql in ("UPDATE convention_line SET unit_price_cents = 1",
                "INSERT OR REPLACE INTO settlement_line (fid, settlement_uuid, line_code) VALUES "
                "(%d, 'x', 'x')" % fid if backend == "gpkg" else
                "INSERT INTO settlement_line (settlement_uuid, line_code) VALUES ('%s', 'x')"
                % issued.uuid):
        with pytest.raises(sqlite3.IntegrityError, match="settled year|settlement"):
            plain.execute(sql)
