"""Forward migrations: version N creates what the schema marks `since=N`,
then runs the version's own statements (rules and triggers)."""
from .. import sqlite_ddl
from ..schema import TABLES
from . import v2_ledger, v3_money, v4_imports

# Statements specific to a version, beyond tables and columns.
EXTRA_SQL = {2: v2_ledger.SQLITE, 3: v3_money.SQLITE, 4: v4_imports.SQLITE}


def apply(conn, version):
    for table in TABLES:
        if table.since == version:
            statements = sqlite_ddl.create_table(table, version)
        elif table.since < version:
            statements = [s for f in table.fields if f.since == version
                          for s in sqlite_ddl.add_column(table, f)]
        else:
            continue
        for sql in statements:
            conn.execute(sql)
    for sql in EXTRA_SQL.get(version, ()):
        conn.execute(sql)
