"""The money rules hold against a careless or hostile client (issue 12):
values read from the store never become SQL, plain SQL cannot get round the
year lock or the settlement history (SQLite's REPLACE included), issued
settlements and the agreement's terms of a settled year are immutable, and
tampering is reported."""
import sqlite3

import pytest

from sit_chartreuse.core import convention, db, settlement, store
from sit_chartreuse.core.convention import ConventionError
from test_roles import cleanup, make_roles_sit  # noqa: F401 (fixture)
from test_settlement import DAY, Ledger, at_provisional, ledger  # noqa: F401 (fixture)

quote = db.Dialect.quote


def payload(schema):
    """A category that, pasted into the settlement's SQL, ends its statement
    and disables the year lock (no comma: the categories are split on commas)."""
    return ("x' THEN 0 END) AS minute_cents FROM ticket CROSS JOIN (SELECT 0 AS minutes) z; "
            "ALTER TABLE %s.time_entry DISABLE TRIGGER time_entry_year_lock; --" % quote(schema))


def year_lock_enabled(conn):
    """PostgreSQL: the year lock trigger of time_entry is enabled."""
    return conn.execute("SELECT tgenabled FROM pg_trigger WHERE tgname = 'time_entry_year_lock' "
                        "AND tgrelid = 'time_entry'::regclass").fetchone() == ("O",)


def plain(location):
    """Another client's plain connection: Python's sqlite3 without any pragma
    nor SpatiaLite, or a PostgreSQL session of its own."""
    if db.is_postgres(location):
        return db.pg_connect(db.parse_location(location))
    return sqlite3.connect(location, isolation_level=None)


def schema_of(location):
    return db.parse_location(location).schema if db.is_postgres(location) else "main"


def test_categories_reach_the_settlement_sql_as_values(ledger):
    at_provisional(ledger)
    expected = ledger.compute().total_ttc_cents
    ledger.conv.line("developpement").categories = (
        "developpement", payload(schema_of(ledger.path)))
    r = ledger.compute()
    assert r.total_ttc_cents == expected    # the odd category counts nothing, runs nothing
    if db.is_postgres(ledger.path):
        assert year_lock_enabled(ledger.conn)


def test_the_store_refuses_categories_outside_the_code_lists(ledger):
    sql = plain(ledger.path)
    bad = ["developpement,nope", "formation,formation", "", "developpement,",
           "hebergement", payload(schema_of(ledger.path))]
    for value in bad:
        with pytest.raises(sqlite3.IntegrityError, match="convention_line: categories"):
            sql.execute("UPDATE convention_line SET categories = ? WHERE code = 'developpement'",
                        (value,))
    with pytest.raises(sqlite3.IntegrityError, match="convention_line: categories"):
        sql.execute("UPDATE convention_line SET kind = 'costs' WHERE code = 'developpement'")
    with pytest.raises(sqlite3.IntegrityError, match="convention_line: categories"):
        sql.execute("INSERT INTO convention_line (convention_uuid, code, label, kind, "
                    "provisional_quantity_hundredths, unit_price_cents, "
                    "provisional_amount_cents, categories) VALUES (?, 'x', 'x', 'costs', 0, 0, "
                    "0, 'stockage,developpement')", (ledger.conv.uuid,))
    sql.execute("UPDATE convention_line SET categories = 'hotline,formation' "
                "WHERE code = 'formation'")
    assert convention.find_convention(ledger.conn).line("formation").categories == (
        "hotline", "formation")
    # A value that got in all the same (a store's rule removed by hand) is
    # refused when the agreement is read, before any SQL uses it.
    if db.is_postgres(ledger.path):
        sql.execute("ALTER TABLE convention_line DISABLE TRIGGER convention_line_categories")
    else:
        sql.execute("DROP TRIGGER convention_line_categories_update")
    sql.execute("UPDATE convention_line SET categories = ? WHERE code = 'developpement'",
                (payload(schema_of(ledger.path)),))
    with pytest.raises(ConventionError, match="line developpement: unknown category 'x' THEN"):
        convention.find_convention(ledger.conn)


def test_a_writer_role_cannot_plant_sql_for_the_owner(pg_location, pg_admin, run_algorithm,
                                                      cleanup):  # noqa: F811
    sit = make_roles_sit(pg_location, pg_admin, run_algorithm, cleanup)
    owner = store.open_store(sit.location)
    writer = store.open_store(sit.writer)
    try:
        with pytest.raises(db.PgIntegrityError, match="convention_line: categories"):
            writer.execute("UPDATE convention_line SET categories = ? "
                           "WHERE code = 'developpement'",
                           ("developpement," + payload(sit.location.schema),))
        conv = convention.find_convention(owner)     # the owner's routine dry run
        settlement.compute(owner, conv, 2026)
        assert year_lock_enabled(owner)
        assert conv.line("developpement").categories == ("developpement",)
    finally:
        writer.close()
        owner.close()
