"""Where a SIT store lives, and one connection interface for both backends.

A store location is either a GeoPackage path or a PostgreSQL location
written ``postgres: key='value' ...`` with the libpq keys (``service``,
``host``, ``port``, ``dbname``, ``user``, ``sslmode``...) plus:

- ``schema``: the PostgreSQL schema holding the SIT (required);
- ``connection``: the name of a PostgreSQL connection saved in QGIS, which
  then alone says where to connect (a location cannot send its credentials
  to another server: see PgLocation);
- ``authcfg``: a QGIS authentication configuration holding the credentials.

Credentials therefore stay in QGIS's authentication database (or a libpq
service/pgpass file), never in a project or a store location.

The domain code is written once against the DB-API surface sqlite3 offers
(``conn.execute(sql, params)`` with ``?`` placeholders, explicit
transactions). :class:`PgConnection` offers the same surface over psycopg2 and
raises sqlite3's exception classes (subclassed), so that one ``except`` and
one test serve both backends. What differs in SQL between the two is in
:class:`Dialect`.
"""
import datetime
import os
import re
import sqlite3
import urllib.parse
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..errors import SitError, StoreError
from ..i18n import tr
from ..schema import BY_NAME, SRID
from .sqlite_ddl import quote

PREFIX = "postgres:"
_PAIR = re.compile(r"\s*(\w+)\s*=\s*('(?:[^'\\]|\\.)*'|[^\s']+)")


# The keys saying which server and database to reach. A location naming a
# saved connection may not set them: they would send the connection's user and
# password (or authentication configuration) to a server of the location's
# choosing, and locations are read from project files.
WHERE_KEYS = ("host", "hostaddr", "port", "dbname", "service")


# The QGIS project every store keeps inside itself (QGIS's project storage:
# table qgis_projects, in the GeoPackage or in the PostgreSQL schema).
PROJECT_NAME = "sit"


class Location:
    """Where a SIT store is, and everything that differs with its backend
    besides SQL (which is its `dialect`): how to connect to it, the QGIS data
    source of a layer of a table and the URI of the QGIS project kept inside
    it. Written as text with str() and read back with parse_location();
    `public_text()` and `label` never hold credentials. Opening (and
    migrating) a store for writing is core/storage/store.py's open_store()."""
    file = None   # the store's file, for stores that are one

    @property
    def dialect(self) -> "Dialect":
        """The SQL dialect of the store's backend."""
        raise NotImplementedError

    @property
    def label(self):
        """Where the store is, for messages (no credentials)."""
        raise NotImplementedError

    def public_text(self):
        """The location as text without credentials (projects, dialogs and
        Processing's history show it)."""
        raise NotImplementedError

    def connect_read_only(self, check_same_thread=True):
        """A connection that cannot write (searches, expression functions)."""
        raise NotImplementedError

    def is_open(self, conn):
        """Whether `conn`, a connection to this store, still works (a database
        server may have closed it)."""
        return True

    def resolved(self):
        """The location with its saved connection or authentication
        configuration resolved through QGIS: for a connection opened off the
        main thread (QGIS's settings and authentication manager are not
        thread-safe)."""
        return self

    def layer_source(self, table, subset=""):
        """(data source, provider key) of a QGIS layer on `table`, filtered
        by the expression `subset` if given."""
        raise NotImplementedError

    def repoint(self, layer, table, subset=""):
        """Point `layer` (on `table`, filtered by `subset`) at this store if it
        reads another place: the store may have been moved or copied since its
        project was saved, or be reached with other credentials."""
        raise NotImplementedError

    def project_uri(self):
        """The URI of the QGIS project kept inside the store."""
        raise NotImplementedError

    def may_write_project(self):
        """Whether the QGIS project may be saved into the store."""
        raise NotImplementedError


class GpkgLocation(str, Location):
    """A GeoPackage: its absolute path, and a str (callers pass, compare and
    show paths as they always did)."""
    @property
    def dialect(self) -> "Dialect":
        return SQLITE

    file = property(str)

    def __new__(cls, path):
        return super().__new__(cls, os.path.abspath(path))

    @property
    def label(self):
        return str(self)

    def public_text(self):
        return str(self)

    def connect_read_only(self, check_same_thread=True):
        return gpkg_read_only(self, check_same_thread)

    def layer_source(self, table, subset=""):
        # The filter goes in the URI: with QGIS 3.22, setSubsetString() on a layer
        # sharing its GeoPackage with other layers breaks those layers' connection.
        return ("%s|layername=%s" % (self, table) + ("|subset=" + subset if subset else ""),
                "ogr")

    def repoint(self, layer, table, subset=""):
        from qgis.core import QgsProviderRegistry
        registry = QgsProviderRegistry.instance()
        parts = registry.decodeUri("ogr", layer.source())
        if os.path.abspath(parts.get("path", "")) != self:
            parts["path"] = str(self)
            layer.setDataSource(registry.encodeUri("ogr", parts), layer.name(), "ogr")

    def project_uri(self):
        return "geopackage:%s?projectName=%s" % (self, PROJECT_NAME)

    def may_write_project(self):
        # A store marked read-only (readers' copies) is refused even to root.
        return (os.access(self, os.W_OK) and os.stat(self).st_mode & 0o222 != 0
                and os.access(os.path.dirname(self), os.W_OK))


@dataclass(frozen=True)
class PgLocation(Location):
    """A schema of a PostgreSQL/PostGIS database."""
    schema: str
    params: dict = field(default_factory=dict)   # libpq keys, connection, authcfg

    def __post_init__(self):
        overrides = [k for k in WHERE_KEYS if k in self.params]
        if self.params.get("connection") and overrides:
            raise StoreError(tr(
                "The PostgreSQL location of the saved connection {name} may not set {keys}: "
                "the connection alone says where its credentials go. Write postgres: "
                "connection='{name}' schema='…', or name the server without a saved "
                "connection.").format(name=self.params["connection"],
                                      keys=", ".join(overrides)))

    def __str__(self):
        items = dict(self.params, schema=self.schema)
        return PREFIX + " " + " ".join("%s=%s" % (k, quote_value(v)) for k, v in items.items())

    @property
    def dialect(self) -> "Dialect":
        return POSTGRES

    @property
    def label(self):
        where = self.params.get("connection") or self.params.get("service") or \
            self.params.get("dbname") or ""
        return "PostgreSQL %s, schema %s" % (where, self.schema)

    def public_text(self):
        return str(without_password(self))

    def connect_read_only(self, check_same_thread=True):
        conn = pg_connect(self)
        conn.execute("SET default_transaction_read_only = on")
        return conn

    def is_open(self, conn):
        return not conn.raw.closed

    def resolved(self):
        return PgLocation(self.schema, resolve_pg_params(self))

    def qgis_uri(self):
        """The connection part of a QGIS data source URI on the store: server,
        database, authentication configuration, never a password."""
        from qgis.core import QgsDataSourceUri
        params = dict(self.params)
        if params.get("connection"):
            params = dict(saved_connection_params(params.pop("connection")), **params)
        params.pop("password", None)
        if params.get("authcfg"):
            params.pop("user", None)   # the configuration says who
        return QgsDataSourceUri(" ".join("%s=%s" % (k, quote_value(v))
                                         for k, v in params.items()))

    def layer_source(self, table, subset=""):
        uri = self.qgis_uri()
        # A generic GEOMETRY column (archives) has no single type for QGIS to
        # draw: shown as a table, as QGIS shows it from a GeoPackage.
        spatial = table in BY_NAME and BY_NAME[table].geometry not in (None, "GEOMETRY")
        uri.setDataSource(self.schema, table, "geom" if spatial else "",
                          self._qualified(subset), "fid")
        if spatial:
            uri.setSrid(str(SRID))
        return uri.uri(False), "postgres"

    def _qualified(self, subset):
        """`subset` with the tables its subqueries read named in the schema:
        QGIS's PostgreSQL layers run filters in their own session (any
        search_path)."""
        return re.sub(r"\bFROM (\w+)",
                      lambda m: "FROM %s.%s" % (quote(self.schema), m.group(1)), subset)

    def repoint(self, layer, table, subset=""):
        source, provider = self.layer_source(table, subset)
        if layer.source() != source:
            layer.setDataSource(source, layer.name(), provider)

    def project_uri(self):
        from qgis.PyQt.QtCore import QUrl, QUrlQuery
        uri = self.qgis_uri()
        url = QUrl()
        url.setScheme("postgresql")
        url.setHost(uri.host())
        if uri.port():
            url.setPort(int(uri.port()))
        query = QUrlQuery()
        for key, value in (("service", uri.service()), ("authcfg", uri.authConfigId()),
                           ("dbname", uri.database()), ("schema", self.schema),
                           ("project", PROJECT_NAME)):
            if value:
                query.addQueryItem(key, value)
        if uri.username() and not uri.authConfigId():
            url.setUserName(uri.username())
        url.setQuery(query)
        return url.toString()

    def may_write_project(self):
        # QGIS creates the table qgis_projects on the first save.
        conn = pg_connect(self)
        try:
            return conn.execute(
                "SELECT CASE WHEN to_regclass('qgis_projects') IS NULL "
                "THEN has_schema_privilege(current_schema(), 'CREATE') "
                "ELSE has_table_privilege('qgis_projects', 'INSERT, UPDATE') END").fetchone()[0]
        finally:
            conn.close()


def _sqlite_uri(path, mode):
    return "file:%s?mode=%s" % (urllib.parse.quote(path), mode)


def gpkg_read_only(path, check_same_thread=True):
    """A read-only SQLite connection on the GeoPackage at `path`.

    A write cut short (kill -9, crash, full disk) leaves a hot rollback
    journal, which the next reader must play back: a write, which a
    read-only connection cannot make ("attempt to write a readonly
    database"). When the file may be written, a writable connection reads it
    first, which rolls the interrupted write back. (In WAL mode a read-only
    reader skips the unfinished transaction itself.)"""
    if os.path.exists(path + "-journal") and os.access(path, os.W_OK):
        conn = sqlite3.connect(_sqlite_uri(path, "rw"), uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    return sqlite3.connect(_sqlite_uri(path, "ro"), uri=True, check_same_thread=check_same_thread)


def quote_value(value):
    """A value in libpq / QGIS data source URI syntax."""
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


def without_password(location):
    return PgLocation(location.schema, {k: v for k, v in location.params.items()
                                        if k != "password"})


def location_of_layer(layer):
    """The store a QGIS layer reads when its data source names it whole: a
    GeoPackage layer's file (which QGIS follows when a project moves with its
    files); else None (a PostgreSQL layer's URI lacks the saved connection or
    service the store was named by)."""
    if layer.providerType() != "ogr":
        return None
    from qgis.core import QgsProviderRegistry
    return GpkgLocation(QgsProviderRegistry.instance().decodeUri("ogr", layer.source())["path"])


def is_postgres(location):
    return isinstance(location, PgLocation) or (
        isinstance(location, str) and location.strip().startswith(PREFIX))


# Text meant for PostgreSQL but written without the prefix: it would become a
# GeoPackage of that name in the current folder.
_PG_LOOKALIKE = re.compile(r"(?i)^\s*(pg:|postgresql://)"
                           r"|(^|\s)(host|hostaddr|dbname|service)\s*=")
# Characters SQLite and QGIS read as URI syntax in a GeoPackage's path.
URI_CHARACTERS = "#?%"


def parse_location(text):
    """The Location named by `text`: a PgLocation from ``postgres: ...``
    text, else a GpkgLocation (a GeoPackage path); a StoreError for text that
    cannot name a store."""
    if isinstance(text, Location):
        return text
    text = os.fspath(text)
    if "\0" in text:
        raise StoreError(tr("The store location {location} contains a NUL character.")
                         .format(location=repr(text)))
    if not is_postgres(text):
        if _PG_LOOKALIKE.search(text):
            raise StoreError(tr("{location} looks like a PostgreSQL connection but lacks the "
                                "postgres: prefix: write postgres: connection='…' schema='…' "
                                "(a connection saved in QGIS) or postgres: host='…' "
                                "dbname='…' schema='…'.").format(location=text))
        found = sorted(set(URI_CHARACTERS) & set(text))
        if found:
            raise StoreError(tr("The GeoPackage path {path} contains {chars}, which QGIS and "
                                "SQLite read as URI syntax: choose a file name and folders "
                                "without # ? %.").format(path=text, chars=" ".join(found)))
        return GpkgLocation(text)
    body = text.strip()[len(PREFIX):]
    params, pos = {}, 0
    while body[pos:].strip():
        m = _PAIR.match(body, pos)
        if not m:
            raise StoreError(tr("Cannot read the PostgreSQL location {location}: expected "
                                "key='value' pairs").format(location=text))
        value = m.group(2)
        if value.startswith("'"):
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        params[m.group(1)] = value
        pos = m.end()
    schema = params.pop("schema", "")
    if not schema:
        raise StoreError(tr("The PostgreSQL location {location} names no schema (schema='...')")
                         .format(location=text))
    return PgLocation(schema, params)


# -- Dialects -----------------------------------------------------------------

class Dialect:
    """SQL that differs between SQLite (GeoPackage) and PostgreSQL."""
    name = ""

    quote = staticmethod(quote)   # an identifier, embedded quotes doubled: safe for any name


class SQLiteDialect(Dialect):
    name = "gpkg"
    now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
    today = "date('now')"
    local_now = "strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')"
    temp = "temp"              # schema of temporary tables
    geom_from_wkb = "AsGPB(GeomFromWKB(?, 2154))"
    multipolygon_union = "AsGPB(CastToMultiPolygon(ST_Union({})))"
    point_on_surface = "AsGPB(ST_PointOnSurface({}))"
    geom_param = "?"   # a geometry value read from the store, passed back as a parameter
    json_list = "SELECT value FROM json_each(?)"   # the items of a JSON array parameter
    json_object = "json_object"   # json_object('key', value, ...)
    hausdorff_wkb = "HausdorffDistance(GeomFromWKB(?), GeomFromWKB(?))"   # two WKB parameters

    @staticmethod
    def insert_many(conn, insert, values, rows):
        """`insert` ("INSERT INTO t (a, b)") with `values` ("(?, ?)") for each of `rows`."""
        conn.executemany("%s VALUES %s" % (insert, values), rows)

    @staticmethod
    def in_box(table):
        """Condition on the rows of `table` (unaliased) whose bounding box meets
        the box of four parameters xmin, ymin, xmax, ymax: the R-tree."""
        return ("fid IN (SELECT id FROM %s WHERE maxx >= ? AND maxy >= ? AND minx <= ? "
                "AND miny <= ?)" % Dialect.quote("rtree_%s_geom" % table))

    @staticmethod
    def box(table, alias):
        """(JOIN clause, "xmin, ymin, xmax, ymax" columns) of the bounding box
        of `alias`.geom, a row of `table`: its R-tree entry (NULL without
        geometry), read without SpatiaLite."""
        return ("LEFT JOIN %s r ON r.id = %s.fid" % (Dialect.quote("rtree_%s_geom" % table),
                                                      alias),
                "r.minx, r.miny, r.maxx, r.maxy")

    @classmethod
    def in_json(cls, expr):
        """`expr` is one of the items of a JSON array parameter."""
        return "%s IN (%s)" % (expr, cls.json_list)

    @staticmethod
    def year(expr):
        return "CAST(substr(%s, 1, 4) AS INTEGER)" % expr

    @staticmethod
    def string_agg(expr, sep, order=None):
        # SQLite concatenates in the order rows come: callers order a subquery.
        return "group_concat(%s, %s)" % (expr, sep)

    @staticmethod
    def sum_int(expr):
        return "SUM(%s)" % expr

    @staticmethod
    def table_exists(conn, name):
        return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                            (name,)).fetchone() is not None


class PostgresDialect(Dialect):
    name = "postgres"
    now = "now()"   # timestamptz columns; read back as ISO text (_iso_text)
    today = "CURRENT_DATE"
    local_now = "now()"
    temp = "pg_temp"
    geom_from_wkb = "ST_GeomFromWKB(?, 2154)"
    multipolygon_union = "ST_Multi(ST_Union({}))"
    point_on_surface = "ST_PointOnSurface({})"
    geom_param = "CAST(? AS geometry)"   # geometries come back as hex EWKB text
    json_list = "SELECT value FROM json_array_elements_text(CAST(? AS json))"
    json_object = "json_build_object"
    hausdorff_wkb = "ST_HausdorffDistance(ST_GeomFromWKB(?), ST_GeomFromWKB(?))"

    @staticmethod
    def insert_many(conn, insert, values, rows):
        # A thousand rows per statement: executemany sends one per row (a
        # round trip each), ten times slower on tens of thousands of parcels.
        from psycopg2.extras import execute_values
        with _pg_errors():
            execute_values(conn.raw.cursor(), _pg_sql(insert) + " VALUES %s", rows,
                           template=_pg_sql(values), page_size=1000)

    @staticmethod
    def in_box(table):
        return "geom && ST_MakeEnvelope(?, ?, ?, ?, 2154)"   # the GiST index

    @staticmethod
    def box(table, alias):
        return "", ", ".join("%s(%s.geom)" % (f, alias)
                             for f in ("ST_XMin", "ST_YMin", "ST_XMax", "ST_YMax"))

    @classmethod
    def in_json(cls, expr):
        # As an array, not IN (subquery): PostgreSQL then looks the items up in
        # the index (a subquery is estimated at 100 rows: a whole-table scan).
        return "%s = ANY(ARRAY(%s))" % (expr, cls.json_list)

    @staticmethod
    def year(expr):
        return "CAST(EXTRACT(YEAR FROM %s) AS INTEGER)" % expr

    @staticmethod
    def string_agg(expr, sep, order=None):
        return "string_agg(%s, %s%s)" % (expr, sep, " ORDER BY " + order if order else "")

    @staticmethod
    def sum_int(expr):
        # A sum of bigint is numeric in PostgreSQL: keep whole numbers ints.
        return "CAST(SUM(%s) AS bigint)" % expr

    @staticmethod
    def table_exists(conn, name):
        return conn.execute("SELECT 1 FROM information_schema.tables WHERE table_schema = "
                            "current_schema() AND table_name = ?", (name,)).fetchone() is not None


SQLITE, POSTGRES = SQLiteDialect(), PostgresDialect()


def dialect(conn):
    return POSTGRES if isinstance(conn, PgConnection) else SQLITE


# -- PostgreSQL connection with the sqlite3 surface ------------------------------

class PgError(sqlite3.OperationalError):
    """An error PostgreSQL reported (message without the PL/pgSQL context)."""


class PgIntegrityError(sqlite3.IntegrityError):
    """A rule of the store refused the write (constraint or trigger)."""


class ReadOnlyError(sqlite3.OperationalError, SitError):
    """The database refused a write this role may not make (a SitError too:
    its message is for the user as it stands)."""


_PLACEHOLDER = re.compile(r"('(?:[^']|'')*'|\"(?:[^\"]|\"\")*\")|(\?)|(%)")


def _pg_sql(sql, _cache={}):  # noqa: B006 (the cache is meant to be shared)
    """``?`` placeholders outside quotes become ``%s``; literal ``%`` doubles."""
    out = _cache.get(sql)
    if out is None:
        def sub(m):
            if m.group(1):
                return m.group(1).replace("%", "%%")
            return "%s" if m.group(2) else "%%"
        out = _cache[sql] = _PLACEHOLDER.sub(sub, sql)
    return out


def _translate(error):
    import psycopg2
    from psycopg2 import errors
    primary = error.diag.message_primary if getattr(error, "diag", None) else None
    message = primary or str(error).strip()
    if isinstance(error, errors.InsufficientPrivilege):
        return ReadOnlyError(tr("The database refused this change: your PostgreSQL role "
                                "may read this SIT but not write it ({error})")
                             .format(error=message))
    if isinstance(error, (psycopg2.IntegrityError, errors.RaiseException)):
        return PgIntegrityError(message)
    return PgError(message)


class PgCursor:
    def __init__(self, cursor):
        self._cursor = cursor

    def fetchone(self):
        return self._cursor.fetchone() if self._cursor.description else None

    def fetchall(self):
        return self._cursor.fetchall() if self._cursor.description else []

    def __iter__(self):
        return iter(self.fetchall())

    @property
    def rowcount(self):
        return self._cursor.rowcount

    @property
    def description(self):
        return self._cursor.description


class PgConnection:
    """A psycopg2 connection in autocommit mode, used like sqlite3's.

    ``search_path`` is the SIT's schema (then ``public`` for PostGIS), so the
    domain's SQL names tables without a schema. Dates and times come back as
    ISO text and binary values as bytes, as from SQLite.
    """

    def __init__(self, raw, location):
        self.raw = raw
        self.location = location

    def execute(self, sql, params=()):
        cursor = self.raw.cursor()
        with _pg_errors():
            cursor.execute(_pg_sql(sql), tuple(params))
        return PgCursor(cursor)

    def executemany(self, sql, rows):
        cursor = self.raw.cursor()
        with _pg_errors():
            cursor.executemany(_pg_sql(sql), [tuple(r) for r in rows])
        return PgCursor(cursor)

    def close(self):
        self.raw.close()

    @property
    def in_transaction(self):
        import psycopg2.extensions as ext
        return self.raw.get_transaction_status() != ext.TRANSACTION_STATUS_IDLE

    @property
    def in_failed_transaction(self):
        """An error aborted the transaction: only ROLLBACK is accepted now."""
        import psycopg2.extensions as ext
        return self.raw.get_transaction_status() == ext.TRANSACTION_STATUS_INERROR


@contextmanager
def _pg_errors():
    """PostgreSQL's errors raised as the sqlite3-based classes above."""
    import psycopg2
    try:
        yield
    except psycopg2.Error as e:
        raise _translate(e) from None


def _register_types(raw):
    import psycopg2.extensions as ext
    as_text = ext.new_type((1082, 1114, 1184), "SIT_ISO_TEXT", _iso_text)  # date, timestamp(tz)
    as_bytes = ext.new_type((17,), "SIT_BYTES", _bytes)
    ext.register_type(as_text, raw)
    ext.register_type(as_bytes, raw)


def _iso_text(value, cursor):
    """Dates as YYYY-MM-DD; timestamps as ISO 8601 in local time with the
    offset (reports show the hour the user lived), to the microsecond (two
    writes in one second stay ordered)."""
    if value is None or len(value) == 10:
        return value
    moment = datetime.datetime.fromisoformat(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.isoformat(timespec="microseconds")


def _bytes(value, cursor):
    import psycopg2
    return None if value is None else bytes(psycopg2.BINARY(value, cursor))


def pg_connect(location):
    """Open a PgConnection on `location` (a PgLocation), search_path set."""
    import psycopg2
    from psycopg2 import sql
    params = resolve_pg_params(location)
    try:
        raw = psycopg2.connect(**params)
    except psycopg2.Error as e:
        raise StoreError(tr("Cannot connect to {where}: {error}")
                         .format(where=location.label, error=str(e).strip()))
    raw.autocommit = True
    _register_types(raw)
    with raw.cursor() as cur:
        cur.execute("SET TIME ZONE 'UTC'")
        # Dates are read as YYYY-MM-DD only: 01/04/2026 is refused, not guessed.
        cur.execute("SET DateStyle = 'ISO, YMD'")
        cur.execute(sql.SQL("SET search_path TO {}, public").format(
            sql.Identifier(location.schema)))
    return PgConnection(raw, location)


def saved_connection_params(name):
    """The libpq keys (and authcfg) that the saved QGIS PostgreSQL connection
    `name` gives, those it leaves empty left out."""
    uri = qgis_connection_uri(name)
    values = {"service": uri.service(), "host": uri.host(), "port": uri.port(),
              "dbname": uri.database(), "user": uri.username(), "password": uri.password(),
              "sslmode": uri.param("sslmode"), "authcfg": uri.authConfigId()}
    return {k: v for k, v in values.items() if v}


def resolve_pg_params(location):
    """libpq keyword arguments for `location`: a saved QGIS connection and an
    authentication configuration are resolved through QGIS (what the location
    says itself comes first)."""
    params = {k: v for k, v in location.params.items() if k not in ("connection", "authcfg")}
    authcfg = location.params.get("authcfg", "")
    name = location.params.get("connection")
    if name:
        saved = saved_connection_params(name)
        authcfg = authcfg or saved.pop("authcfg", "")
        params = dict({k: v for k, v in saved.items() if k != "authcfg"}, **params)
    elif authcfg:
        _check_authcfg_server(authcfg, params, location)
    if authcfg:
        params.update(_auth_credentials(authcfg, location))
    return params


def _server(host, port, dbname):
    return (host or "", str(port or "5432"), dbname or "")


def _check_authcfg_server(authcfg, params, location):
    """An authentication configuration that QGIS ties to servers (the saved
    connections using it, or the resource URL of the configuration) is sent
    to no other server: a location from a project file could name any."""
    from qgis.core import (QgsApplication, QgsAuthMethodConfig, QgsDataSourceUri,
                           QgsProviderRegistry)
    from qgis.PyQt.QtCore import QUrl
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    servers = set()
    for connection in metadata.connections().values():
        uri = QgsDataSourceUri(connection.uri())
        if uri.authConfigId() == authcfg:
            servers.add(_server(uri.host(), uri.port(), uri.database()))
    config = QgsAuthMethodConfig()
    QgsApplication.authManager().loadAuthenticationConfig(authcfg, config, False)
    resource = QUrl(config.uri())
    if resource.host():
        servers.add(_server(resource.host(), resource.port(5432),
                            resource.path().strip("/") or params.get("dbname")))
    wanted = _server(params.get("hostaddr") or params.get("host"), params.get("port"),
                     params.get("dbname"))
    if servers and wanted not in servers:
        raise StoreError(tr(
            "The authentication configuration {authcfg} is used for {servers}: {where} may not "
            "send it to {server}. Name the saved connection instead, or that server.").format(
                authcfg=authcfg, where=location.label, server="%s:%s/%s" % wanted,
                servers=", ".join(sorted("%s:%s/%s" % s for s in servers))))


def qgis_connection_uri(name):
    """The QgsDataSourceUri of the PostgreSQL connection `name` saved in QGIS."""
    from qgis.core import QgsDataSourceUri, QgsProviderRegistry
    from qgis.core import QgsProviderConnectionException
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    try:
        connection = metadata.findConnection(name)
    except QgsProviderConnectionException:
        connection = None
    if connection is None:
        raise StoreError(tr("There is no PostgreSQL connection named {name} in QGIS")
                         .format(name=name))
    return QgsDataSourceUri(connection.uri())


def _auth_credentials(authcfg, location):
    from qgis.core import QgsApplication
    ok, items = QgsApplication.authManager().updateDataSourceUriItems(
        ["authcfg='%s'" % authcfg], authcfg, "postgres")
    found = {}
    for item in items:
        key, _, value = item.partition("=")
        if key in ("user", "password"):
            found[key] = value.strip("'").replace("\\'", "'").replace("\\\\", "\\")
    if not ok or not found:
        raise StoreError(tr("The authentication configuration {authcfg} of {where} cannot be "
                            "read (unknown id or QGIS master password not set)")
                         .format(authcfg=authcfg, where=location.label))
    return found
