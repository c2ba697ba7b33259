"""Forward migrations: version N creates what the schema marks `since=N`,
then runs the version's own statements (rules and triggers)."""
from ...schema import TABLES
from .. import pg_ddl, sqlite_ddl
from ..db import PgConnection
from . import v2_ledger, v3_money, v4_imports, v5_locks, v6_deliveries

# Statements specific to a version, beyond tables and columns.
EXTRA_SQL = {2: v2_ledger.SQLITE, 3: v3_money.SQLITE, 4: v4_imports.SQLITE,
             5: v5_locks.SQLITE, 6: v6_deliveries.SQLITE}
EXTRA_POSTGRES = {2: v2_ledger.postgres, 3: v3_money.postgres,
                  4: lambda schema: v4_imports.SQLITE,   # v4 is indexes only: portable SQL
                  5: v5_locks.postgres}


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
    return out + list(EXTRA_POSTGRES[version](schema) if schema and version in EXTRA_POSTGRES
                      else EXTRA_SQL.get(version, ()))


def apply(conn, version):
    schema = conn.location.schema if isinstance(conn, PgConnection) else None
    for sql in statements(version, schema):
        conn.execute(sql)
