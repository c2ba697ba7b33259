"""Declarative description of the SIT tables: the one source of truth.

DDL for each backend, lookup tables, QGIS aliases and form widgets are all
generated from these descriptions, so a field is described exactly once.
"""
from dataclasses import dataclass
from typing import Optional, Tuple

# Storage types. Money is kept in integer cents and time in integer minutes:
# exact, summable in SQL, identical on GeoPackage and PostgreSQL.
TEXT, INTEGER, REAL, DATE, DATETIME, BOOLEAN = (
    "text", "integer", "real", "date", "datetime", "boolean")


@dataclass(frozen=True)
class Field:
    name: str
    type: str = TEXT
    alias: str = ""                    # French label shown in forms
    codelist: Optional[str] = None     # list name in the `codelist` table
    not_null: bool = False
    unique: bool = False
    check: Optional[str] = None        # SQL boolean expression on the column
    default: Optional[str] = None      # SQL literal
    since: int = 1                     # schema version that added the field


@dataclass(frozen=True)
class Table:
    name: str
    application: str                   # ref, pav, reseaux, plui, ads, ledger, money
    title: str                         # French layer title
    fields: Tuple[Field, ...]
    geometry: Optional[str] = None     # POINT, LINESTRING, MULTIPOLYGON...
    catalogued: bool = True            # a map feature tickets can point at
    since: int = 1
    rules: tuple = ()                  # Refuse, Lock, Immutable, References... (below)
    keys: tuple = ()                   # Key: more unique keys, for SQLite's REPLACE guards

    def field(self, name):
        return next(f for f in self.fields if f.name == name)

    def fields_at(self, version):
        return [f for f in self.fields if f.since <= version]


SRID = 2154
UUID_FIELD = Field("uuid", TEXT, "Identifiant unique (uuid)", unique=True)
# Every table carries `uuid`: stable across copies between backends, and the
# only key other rows use to point at a row.


# --- Rules: what the store refuses to every client (the plugin, QGIS edit
# sessions, plain SQL). Declared on the tables (ledger.py, money.py); core/storage
# generates the SQLite triggers and the PL/pgSQL from them, after every
# migration, so a rule always covers today's tables and columns.
#
# Conditions are SQL on NEW (insert, update) and OLD (update, delete), portable
# but for a few words each backend spells its own way:
#   {year:EXPR}   the year of a date (or of a year column)
#   {is_not}      IS NOT / IS DISTINCT FROM (NULL-safe difference)
#   {instr}       instr / strpos (both take the haystack first)
#   {catalogued}  the names of the catalogued tables, quoted and comma-separated
#   {feature_exists} / {feature_application}  CASE branches over them: the
#                 feature NULLIF(NEW.feature_uuid, '') exists / its application

@dataclass(frozen=True)
class Refuse:
    """A write refused with `message` when its event's condition holds."""
    name: str
    message: str
    insert: Optional[str] = None
    update: Optional[str] = None
    delete: Optional[str] = None
    columns: Tuple[str, ...] = ()   # the update rule fires on writes of these only
    sqlite_only: bool = False       # PostgreSQL's column types or constraints hold it
    postgres_name: str = ""         # the PostgreSQL trigger's, when not `name` (kept from v3)

    def refusals(self, table):
        return [(table.name, self)]


def settled(year_sql):
    """The year `year_sql` has an issued settlement that is not reopened."""
    return ("EXISTS (SELECT 1 FROM settlement s WHERE s.year = %s "
            "AND s.reopened_at IS NULL)" % year_sql)


@dataclass(frozen=True)
class Lock:
    """Rows whose year (`year`, SQL with %s for the row) is settled are locked:
    no insert into, update from or into, or delete of that year."""
    year: str
    message: str

    def refusals(self, table):
        old, new = (settled(self.year % row) for row in ("OLD", "NEW"))
        return [(table.name, Refuse("%s_settled" % table.name, self.message, insert=new,
                                    update="%s OR %s" % (old, new), delete=old,
                                    postgres_name="%s_year_lock" % table.name))]


@dataclass(frozen=True)
class Immutable:
    """Rows cannot change once inserted: `fields` (all when empty) keep their
    values. (OLD.uuid is NULL only while the store sets the uuid on insert.)"""
    name: str
    message: str
    fields: Tuple[str, ...] = ()

    def refusals(self, table):
        changed = " OR ".join("NEW.%s {is_not} OLD.%s" % (f, f) for f in self.fields)
        return [(table.name, Refuse(self.name, self.message, update="OLD.uuid IS NOT NULL" + (
            " AND (%s)" % changed if changed else "")))]


@dataclass(frozen=True)
class References:
    """`column` holds the uuid of a row of `parent`: a row without its parent
    is refused (on PostgreSQL at commit when `deferred`: the parent is written
    after it; SQLite cannot defer a trigger). A parent with rows is not
    deleted (`parent_message`), or takes them with it (`cascade`); with
    neither, another rule keeps the parent. PostgreSQL: a FOREIGN KEY too."""
    column: str
    parent: str
    message: str
    parent_message: str = ""
    cascade: bool = False
    deferred: bool = False

    def refusals(self, table):
        out = []
        if not self.deferred:
            missing = ("NOT EXISTS (SELECT 1 FROM %s WHERE uuid = NEW.%s)"
                       % (self.parent, self.column))
            out.append((table.name, Refuse("%s_%s_parent" % (table.name, self.column),
                                           self.message, insert=missing, update=missing,
                                           columns=(self.column,))))
        if self.parent_message:
            out.append((self.parent, Refuse(
                "%s_%s_children" % (self.parent, table.name), self.parent_message,
                delete="EXISTS (SELECT 1 FROM %s WHERE %s = OLD.uuid)" % (table.name,
                                                                           self.column))))
        return out


@dataclass(frozen=True)
class FillOnInsert:
    """`column` takes `value` (SQL on NEW; {now} the current time) when a row
    is inserted without it."""
    column: str
    value: str

    def refusals(self, table):
        return []


@dataclass(frozen=True)
class Key:
    """A unique key beyond fid, uuid and the unique fields (its index is made
    by a migration), unique only among the rows meeting `where` if given
    (SQL with %s for the row)."""
    columns: Tuple[str, ...]
    where: Optional[str] = None
