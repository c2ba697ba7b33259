"""Forward migrations, frozen: version N creates the tables and columns the
schema marks `since=N`, then runs its own step (indexes, data) as it was
written, never changed afterwards. The rules are no step's: once a store
reaches today's version, every trigger (but the GeoPackage's R-tree ones) is
dropped and generated again from today's declaration (core/schema), so a
table or column added later reaches the rules and `deleted_feature`."""
from ...schema import SCHEMA_VERSION, TABLES
from .. import pg_ddl, sqlite_ddl
from ..db import PgConnection
from . import v2_ledger, v3_money, v4_imports, v5_locks, v8_sup, v9_day_totals


def nothing(schema=None):
    """A step with no statement of its own."""
    return []


# Each version's own statements, for PostgreSQL when `schema` is given.
STEPS = {1: nothing, 2: lambda schema: v2_ledger.INDEXES, 3: v3_money.step,
         4: lambda schema: v4_imports.SQLITE, 5: v5_locks.step,
         6: nothing,   # v6: the parent references, rules only
         7: nothing,   # v7: the CNIG 2022 and 2025 fields, columns only
         8: lambda schema: v8_sup.INDEXES,   # v8: the servitudes (SUP) tables
         9: v9_day_totals.step}   # v9: the time per day and category


def statements(version, schema=None):
    """SQL bringing a store from `version` - 1 to `version`: the GeoPackage's,
    or PostgreSQL's when `schema` (the SIT's PostgreSQL schema) is given."""
    out = []
    for table in TABLES:
        if table.since == version:
            out += (pg_ddl.create_table(table, version, schema) if schema
                    else sqlite_ddl.create_table(table, version))
        elif table.since < version:
            out += [s for f in table.fields if f.since == version
                    for s in (pg_ddl.add_column(table, f, version, schema) if schema
                              else sqlite_ddl.add_column(table, f))]
    return out + list(STEPS[version](schema))


def upgrade(conn, start, version):
    """Bring the store from `start` to `version` (inside the caller's
    transaction); at today's version, its rules generated again."""
    schema = conn.location.schema if isinstance(conn, PgConnection) else None
    for v in range(start + 1, version + 1):
        for sql in statements(v, schema):
            conn.execute(sql)
    if version == SCHEMA_VERSION:
        for sql in drop_rules(conn, schema) + rules(schema):
            conn.execute(sql)


def rules(schema=None):
    return (pg_ddl.rule_triggers(TABLES, schema) + pg_ddl.day_total_triggers(schema) if schema
            else sqlite_ddl.rule_triggers(TABLES) + sqlite_ddl.day_total_triggers())


def drop_rules(conn, schema):
    if schema:
        return ["DROP FUNCTION %s() CASCADE" % pg_ddl.quote(name) for (name,) in conn.execute(
            "SELECT proname FROM pg_proc WHERE pronamespace = ?::regnamespace "
            "AND prorettype = 'trigger'::regtype", (pg_ddl.quote(schema),))]
    names = ", ".join(sqlite_ddl.literal(t.name) for t in TABLES)
    return ["DROP TRIGGER %s" % sqlite_ddl.quote(name) for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (%s) "
        "AND name NOT LIKE 'rtree\\_%%' ESCAPE '\\'" % names)]
