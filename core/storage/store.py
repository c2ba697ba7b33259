"""The SIT store: creation, opening, forward migrations, on a GeoPackage
(the embedded default) or in a PostgreSQL/PostGIS schema (core/storage/db.py).

A store is a GeoPackage or a schema holding the `sit_meta` table. Creation
runs in one transaction, in a partial file linked into place at the end
(GeoPackage) or in the database (PostgreSQL), so a failure or a kill leaves
nothing behind (what a killed creation left of a partial file is removed by
the next one); a migration runs in one transaction, so a failure leaves the
store as it was.
"""
import getpass
import os
import sqlite3
import time
from contextlib import contextmanager
from typing import Callable, List

from ..errors import StoreError
from ..i18n import tr
from ..schema import SCHEMA_VERSION, SRID, codelist_rows
from . import db, migrations, pg_ddl
from .db import gpkg_read_only as connect_read_only  # noqa: F401 (a name of this module)

GPKG_APPLICATION_ID = 0x47504B47  # "GPKG"
SQLITE_MAGIC = b"SQLite format 3\x00"


def connect(path):
    """An SQLite connection on the store, with the GeoPackage SQL functions.

    Transactions are explicit (``with transaction(conn)``). SpatiaLite in
    "amphibious" mode supplies the ST_* functions the R-tree triggers call.
    """
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT)
    conn.enable_load_extension(True)
    conn.load_extension("mod_spatialite")
    conn.enable_load_extension(False)
    conn.execute("SELECT EnableGpkgAmphibiousMode()")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


# Called with the connection after every successful commit, in the writer's
# thread: how the desktop learns that a store changed (core stays free of Qt).
COMMIT_LISTENERS: List[Callable[[object], None]] = []


@contextmanager
def transaction(conn):
    """All or nothing: commit if the block succeeds, roll back otherwise.

    On a GeoPackage, BEGIN IMMEDIATE takes the write lock at once, so writers
    queue rather than fail half-way. A full disk is said so (StoreError).
    The COMMIT_LISTENERS are told once the commit is done."""
    _begin(conn)
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as e:
        # SQLite has already rolled back after a full disk or an I/O error.
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(e, sqlite3.Error) and \
                (getattr(e, "sqlite_errorcode", None) or 0) & 0xFF == sqlite3.SQLITE_FULL:
            path = conn.execute("PRAGMA database_list").fetchone()[2]
            raise StoreError(tr("The disk holding {path} is full: nothing of this change was "
                                "written. Free some space and try again.").format(path=path)
                             ) from e
        raise
    for listener in list(COMMIT_LISTENERS):
        listener(conn)


BUSY_TIMEOUT = 30   # seconds a writer waits for another's transaction


def _begin(conn):
    """BEGIN, waiting for other writers. SQLite may answer BEGIN IMMEDIATE
    with "database is locked" at once, without waiting (another connection is
    between its commit's lock steps): it is tried again until BUSY_TIMEOUT."""
    if isinstance(conn, db.PgConnection):
        conn.execute("BEGIN")
        return
    deadline = time.monotonic() + BUSY_TIMEOUT
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def current_user():
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): still record something
        return "inconnu"


def schema_version(conn):
    return int(conn.execute(
        "SELECT value FROM sit_meta WHERE key = 'schema_version'").fetchone()[0])


def create_store(path, version=SCHEMA_VERSION, fill=None):
    """Create an empty SIT store at `path` (schema `version`, default newest):
    a GeoPackage path or a PostgreSQL location (core/storage/db.py).

    Refuses to overwrite anything. Older versions exist for migration tests
    and for stores written by earlier releases. `fill(conn)`, if given, runs
    in the creation's transaction, before the store appears (a copy fills
    it so). Returns the location.
    """
    path = db.parse_location(path)
    if isinstance(path, db.PgLocation):
        return _create_pg_store(path, version, fill)
    path = os.path.abspath(path)
    folder = os.path.dirname(path)
    if os.path.exists(path):
        raise StoreError(tr("{path} already exists: a SIT store is never overwritten.")
                         .format(path=path))
    if not os.path.isdir(folder):
        raise StoreError(tr("Cannot create {path}: the folder {folder} does not exist.")
                         .format(path=path, folder=folder))
    if not os.access(folder, os.W_OK):
        raise StoreError(tr("Cannot create {path}: the folder {folder} is read-only.")
                         .format(path=path, folder=folder))
    tmp = path + ".partial.gpkg"
    _remove_abandoned(tmp, path)
    try:
        from osgeo import gdal, ogr   # here, so the pure domain imports without GDAL
        gdal.UseExceptions()
        ogr.GetDriverByName("GPKG").CreateDataSource(tmp).FlushCache()
        conn = connect(tmp)
        try:
            with transaction(conn):
                _create_base(conn)
                migrations.upgrade(conn, 0, version)
                _set_version(conn, version)
                if fill is not None:
                    fill(conn)
        finally:
            conn.close()
        os.link(tmp, path)  # fails rather than overwrite a file created meanwhile
    except FileExistsError:
        raise StoreError(tr("{path} already exists: a SIT store is never overwritten.")
                         .format(path=path))
    except (OSError, sqlite3.Error, RuntimeError) as e:
        raise StoreError(tr("Cannot create the SIT store {path}: {error}")
                         .format(path=path, error=e))
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def _remove_abandoned(tmp, path):
    """Remove the partial file `tmp` (and its journal) a creation of `path`
    killed midway left; refuse if a creation is under way there (it holds
    the file's write lock all along)."""
    if not os.path.exists(tmp):
        return
    conn = sqlite3.connect(tmp, timeout=0)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.DatabaseError as e:
        if "locked" in str(e):
            raise StoreError(tr("{path} is being created by another process (its partial file "
                                "{tmp} is in use): wait for it to end.").format(path=path, tmp=tmp))
    finally:
        conn.close()
    for leftover in (tmp, tmp + "-journal", tmp + "-wal", tmp + "-shm"):
        if os.path.exists(leftover):
            os.unlink(leftover)


def _create_base(conn):
    from osgeo import osr
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(SRID)
    conn.execute(
        "INSERT OR IGNORE INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, "
        "organization_coordsys_id, definition, description) VALUES (?, ?, 'EPSG', ?, ?, ?)",
        ("RGF93 v1 / Lambert-93", SRID, SRID, srs.ExportToWkt(), "Lambert-93"))
    conn.execute("CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, "
                 "column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL, "
                 "scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE "
                 "(table_name, column_name, extension_name))")
    conn.execute("CREATE TABLE sit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("INSERT INTO sit_meta VALUES ('created_by', ?)", (current_user(),))
    conn.execute("INSERT INTO sit_meta VALUES ('created_at', "
                 "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))")
    conn.execute("CREATE TABLE codelist (list TEXT NOT NULL, code TEXT NOT NULL, "
                 "label TEXT NOT NULL, description TEXT, PRIMARY KEY (list, code))")
    conn.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, "
                 "description) VALUES ('codelist', 'attributes', 'Listes de codes', "
                 "'RAEPA, CNIG PLU, flux, catégories')")
    refresh_codelists(conn)


def _create_pg_store(location, version, fill):
    conn = db.pg_connect(location)
    try:
        with transaction(conn):
            exists = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = ?",
                                  (location.schema,)).fetchone()
            if exists and conn.execute("SELECT 1 FROM pg_class WHERE relnamespace = "
                                       "(SELECT oid FROM pg_namespace WHERE nspname = ?)",
                                       (location.schema,)).fetchone():
                raise StoreError(tr("{where} already exists and is not empty: a SIT store is "
                                    "never overwritten.").format(where=location.label))
            if not conn.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'"
                                ).fetchone():
                raise StoreError(tr("PostGIS is not installed in this database ({where}): "
                                    "ask its administrator for CREATE EXTENSION postgis.")
                                 .format(where=location.label))
            if not exists:
                conn.execute("CREATE SCHEMA %s" % pg_ddl.quote(location.schema))
            for sql in pg_ddl.base(location.schema):
                conn.execute(sql)
            conn.execute("INSERT INTO sit_meta VALUES ('created_by', ?)", (current_user(),))
            conn.execute("INSERT INTO sit_meta VALUES ('created_at', "
                         "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))")
            refresh_codelists(conn)
            migrations.upgrade(conn, 0, version)
            _set_version(conn, version)
            if fill is not None:
                fill(conn)
    except sqlite3.Error as e:  # PostgreSQL's errors too (core/storage/db.py)
        raise StoreError(tr("Cannot create the SIT store {path}: {error}")
                         .format(path=location.label, error=e))
    finally:
        conn.close()
    return location


def refresh_codelists(conn):
    """Bring the lookup table in line with the code lists shipped."""
    conn.executemany("INSERT INTO codelist VALUES (?, ?, ?, ?) ON CONFLICT (list, code) "
                     "DO UPDATE SET label = excluded.label, description = excluded.description",
                     codelist_rows())


def _set_version(conn, version):
    conn.execute("INSERT INTO sit_meta VALUES ('schema_version', ?) ON CONFLICT (key) "
                 "DO UPDATE SET value = excluded.value", (str(version),))


def check_is_store(path):
    """Raise a StoreError naming `path` unless it is a SIT store GeoPackage."""
    if not os.path.isfile(path):
        raise StoreError(tr("{path} does not exist.").format(path=path))
    with open(path, "rb") as f:
        header = f.read(72)
    if header[:16] != SQLITE_MAGIC or int.from_bytes(header[68:72], "big") != GPKG_APPLICATION_ID:
        raise StoreError(tr("{path} is not a GeoPackage.").format(path=path))
    try:
        conn = connect_read_only(path)
        try:
            has_meta = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                    "AND name = 'sit_meta'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        if os.path.exists(path + "-journal"):
            raise StoreError(tr("{path} holds a write cut short (crash, kill or full disk) that "
                                "only an opening with write access to the file and its folder "
                                "can roll back: {error}").format(path=path, error=e))
        raise StoreError(tr("{path} is not a readable GeoPackage: {error}")
                         .format(path=path, error=e))
    if not has_meta:
        raise StoreError(tr("{path} is a GeoPackage but not a SIT store (no sit_meta table).")
                         .format(path=path))


def connect_existing(location):
    """A connection to the existing store at `location`, neither created nor
    migrated (for reading what it holds); a StoreError if it is not one."""
    location = db.parse_location(location)
    if isinstance(location, db.PgLocation):
        conn = db.pg_connect(location)
        if not db.POSTGRES.table_exists(conn, "sit_meta"):
            conn.close()
            raise StoreError(tr("{where} is not a SIT store (no sit_meta table).")
                             .format(where=location.label))
        return conn
    check_is_store(location)
    return connect(location)


def stored_project_exists(location):
    """Whether the store at `location` keeps its QGIS project (db.PROJECT_NAME)."""
    location = db.parse_location(location)
    conn = location.connect_read_only()
    try:
        return location.dialect.table_exists(conn, "qgis_projects") and conn.execute(
            "SELECT 1 FROM qgis_projects WHERE name = ?",
            (db.PROJECT_NAME,)).fetchone() is not None
    finally:
        conn.close()


def open_store(path):
    """Open the store at `path` (GeoPackage path or PostgreSQL location),
    migrating it to the current schema if older.

    Returns a connection (sqlite3's, or core.storage.db.PgConnection). A store written
    by a newer release is refused.
    """
    path = db.parse_location(path)
    if isinstance(path, db.PgLocation):
        return _migrate(connect_existing(path), path.label, writable=True)
    path = os.path.abspath(path)
    check_is_store(path)
    return _migrate(connect(path), path, os.access(path, os.W_OK))


def _migrate(conn, path, writable):
    try:
        version = schema_version(conn)
        if version > SCHEMA_VERSION:
            raise StoreError(tr(
                "{path} uses schema version {found}, newer than this plugin knows "
                "({known}): update the SIT Chartreuse plugin.").format(
                    path=path, found=version, known=SCHEMA_VERSION))
        if version < SCHEMA_VERSION:
            if not writable:
                raise StoreError(tr("{path} needs a migration from schema version {found} "
                                    "but is read-only.").format(path=path, found=version))
            with transaction(conn):
                refresh_codelists(conn)
                migrations.upgrade(conn, version, SCHEMA_VERSION)
                _set_version(conn, SCHEMA_VERSION)
    except db.ReadOnlyError:
        conn.close()
        raise StoreError(tr("{path} needs a migration from schema version {found} to {known}, "
                            "which only the owner of its schema may run: ask them to open it "
                            "once with this version of the plugin.").format(
                                path=path, found=version, known=SCHEMA_VERSION))
    except sqlite3.Error as e:
        conn.close()
        raise StoreError(tr("Cannot open the SIT store {path}: {error}")
                         .format(path=path, error=e))
    except Exception:
        conn.close()
        raise
    return conn
