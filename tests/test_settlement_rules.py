"""The money rules hold against a careless or hostile client (issue 12):
values read from the store never become SQL, plain SQL cannot get round the
year lock or the settlement history (SQLite's REPLACE included), issued
settlements and the agreement's terms of a settled year are immutable, and
tampering is reported."""
import datetime
import sqlite3

import pytest

from sit_chartreuse.core.agreement import convention, settlement
from sit_chartreuse.core.agreement.convention import ConventionError
from sit_chartreuse.core.storage import db, store
from test_roles import cleanup, make_roles_sit  # noqa: F401 (fixture)
from test_settlement import Ledger, at_provisional, ledger  # noqa: F401 (fixture)

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


KEPT_TABLES = ("time_entry", "hosting_cost", "ticket", "deleted_feature", "settlement",
               "settlement_line", "convention", "convention_line", "convention_amendment")


def snapshot(conn):
    """Every row of the tables the year lock and the history keep."""
    return {t: conn.execute("SELECT * FROM %s ORDER BY fid" % t).fetchall()
            for t in KEPT_TABLES}


def settled_store(ledger):
    """2026 issued (with an amendment effective in 2026), 2027 open; a feature
    with a ticket deleted (archived in deleted_feature), another without any."""
    convention.add_amendment(ledger.conn, ledger.conv.uuid, convention.Amendment(
        1, datetime.date(2026, 7, 1), "Revalorisation", "maintenance",
        new_unit_price_cents=65000))
    ledger.conv = convention.find_convention(ledger.conn)
    at_provisional(ledger)
    hotline = ledger.conn.execute("SELECT uuid FROM ticket WHERE category = 'hotline'"
                                  ).fetchone()[0]
    ledger.time(hotline, "2027-02-01", 60)
    ledger.cost(2027, "50,00")
    gone = ledger.feature(915500, 6475500)
    ledger.ticket("maintenance_corrective", gone, (915500, 6475500))
    ledger.conn.execute("DELETE FROM pav WHERE uuid = ?", (gone,))
    ledger.feature(916000, 6476000)
    settlement.issue(ledger.conn, ledger.conv, 2026)


def row(conn, sql, args=()):
    return conn.execute(sql, args).fetchone()


def replace_attempts(conn):
    """Every REPLACE path onto a kept row (GeoPackage)."""
    entry = row(conn, "SELECT fid, uuid, ticket_uuid FROM time_entry "
                "WHERE work_date < '2027-01-01' ORDER BY fid")
    open_entry = row(conn, "SELECT fid FROM time_entry WHERE work_date >= '2027-01-01'")[0]
    cost = row(conn, "SELECT fid, uuid FROM hosting_cost WHERE year = 2026 ORDER BY fid")
    open_cost = row(conn, "SELECT fid FROM hosting_cost WHERE year = 2027")[0]
    issued = row(conn, "SELECT fid, uuid, convention_uuid, year, version, issued_at, "
                 "inputs_digest FROM settlement")
    line = row(conn, "SELECT fid, uuid, settlement_uuid FROM settlement_line ORDER BY fid")
    ticket = row(conn, "SELECT fid, uuid FROM ticket WHERE category = 'hotline'")
    archived = row(conn, "SELECT fid, uuid, layer_name, feature_uuid FROM deleted_feature")
    conv = row(conn, "SELECT fid, uuid, reference FROM convention")
    conv_line = row(conn, "SELECT fid, uuid FROM convention_line WHERE code = 'maintenance'")
    amendment = row(conn, "SELECT fid, uuid FROM convention_amendment")
    entry_columns = "(fid, uuid, ticket_uuid, work_date, agent, minutes)"
    cost_columns = "(fid, uuid, year, kind, label, amount_ht_cents)"
    settlement_columns = ("(fid, uuid, convention_uuid, year, version, issued_at, "
                          "total_ht_cents, total_vat_cents, total_ttc_cents, inputs_digest)")
    line_columns = ("(fid, uuid, settlement_uuid, position, line_code, actual_ht_cents)")
    ticket_columns = "(fid, uuid, application, category, title, opened_on)"
    conv_columns = ("(fid, uuid, reference, beneficiary_siren, start_date, duration_years, "
                    "hours_per_day)")
    conv_line_columns = ("(fid, uuid, convention_uuid, code, label, kind, "
                         "provisional_quantity_hundredths, unit_price_cents, "
                         "provisional_amount_cents, categories)")
    amendment_columns = ("(fid, uuid, convention_uuid, number, effective_date, description, "
                         "line_code, new_unit_price_cents)")
    attempts = []
    for verb in ("INSERT OR REPLACE INTO", "REPLACE INTO"):
        attempts += [
            # A settled entry moved out of its year, by its fid or by its uuid.
            ("%s time_entry %s VALUES (?, ?, ?, '2027-01-05', 'x', 1)" % (verb, entry_columns),
             (entry[0], entry[1], entry[2])),
            ("%s time_entry %s VALUES (NULL, ?, ?, '2027-01-05', 'x', 1)"
             % (verb, entry_columns), (entry[1], entry[2])),
            ("%s hosting_cost %s VALUES (?, ?, 2027, 'autre', 'x', 1)" % (verb, cost_columns),
             cost),
            # An issued settlement's totals and lines rewritten, or another
            # version put in place of the live one.
            ("%s settlement %s VALUES (?, ?, ?, ?, ?, ?, 1, 0, 1, ?)"
             % (verb, settlement_columns), issued),
            ("%s settlement %s VALUES (NULL, 'autre', ?, ?, ?, ?, 1, 0, 1, ?)"
             % (verb, settlement_columns), issued[2:]),
            ("%s settlement %s VALUES (NULL, 'autre', ?, ?, 7, ?, 1, 0, 1, ?)"
             % (verb, settlement_columns), issued[2:4] + issued[5:]),
            ("%s settlement_line %s VALUES (?, ?, 'autre', 1, 'maintenance', 1)"
             % (verb, line_columns), line[:2]),
            # A ticket holding settled time given another category.
            ("%s ticket %s VALUES (?, ?, 'reseaux', 'developpement', 'x', '2026-01-01')"
             % (verb, ticket_columns), ticket),
            ("%s deleted_feature (fid, uuid, layer_name, feature_uuid, deleted_at) "
             "VALUES (?, ?, 'pav', 'autre', '2026-01-01')" % verb, archived[:2]),
            ("%s convention %s VALUES (?, ?, ?, '200040111', '2026-01-01', 3, 8)"
             % (verb, conv_columns), conv),
            ("%s convention_line %s VALUES (NULL, NULL, ?, 'maintenance', 'x', 'days', 1500, "
             "1, 15, 'maintenance_corrective')" % (verb, conv_line_columns), (conv[1],)),
            ("%s convention_amendment %s VALUES (NULL, NULL, ?, 1, '2027-01-01', 'x', "
             "'maintenance', 1)" % (verb, amendment_columns), (conv[1],)),
        ]
    attempts += [
        # UPDATE OR REPLACE onto a kept row's key from an open row.
        ("UPDATE OR REPLACE time_entry SET fid = ? WHERE fid = ?", (entry[0], open_entry)),
        ("UPDATE OR REPLACE hosting_cost SET fid = ? WHERE fid = ?", (cost[0], open_cost)),
        # Upserts.
        ("INSERT INTO time_entry %s VALUES (?, ?, ?, '2027-01-05', 'x', 1) ON CONFLICT (fid) "
         "DO UPDATE SET work_date = '2027-01-05'" % entry_columns, entry),
        ("INSERT INTO settlement %s VALUES (?, ?, ?, ?, ?, ?, 1, 0, 1, ?) ON CONFLICT (fid) "
         "DO UPDATE SET total_ttc_cents = 1" % settlement_columns, issued),
        ("INSERT INTO convention_line %s VALUES (?, ?, ?, 'maintenance', 'x', 'days', 1500, "
         "1, 15, 'maintenance_corrective') ON CONFLICT (fid) DO UPDATE SET unit_price_cents = 1"
         % conv_line_columns, conv_line + (conv[1],)),
        ("INSERT INTO convention_amendment %s VALUES (?, ?, ?, 1, '2027-01-01', 'x', "
         "'maintenance', 1) ON CONFLICT (fid) DO UPDATE SET effective_date = '2027-01-01'"
         % amendment_columns, amendment + (conv[1],)),
    ]
    return attempts


def test_replace_cannot_get_round_the_lock_on_a_geopackage(new_store):
    ledger = Ledger(new_store)
    settled_store(ledger)
    before = snapshot(ledger.conn)
    # Python's sqlite3 with no pragma; SpatiaLite loaded (store.connect sets no
    # pragma either) for the tables with an R-tree, whose triggers call ST_*.
    plain_sql, spatial = plain(new_store), store.connect(new_store)
    assert spatial.execute("PRAGMA recursive_triggers").fetchone() == (0,)
    for sql, args in replace_attempts(ledger.conn):
        client = spatial if " ticket " in sql or "deleted_feature" in sql else plain_sql
        with pytest.raises(sqlite3.IntegrityError,
                           match="cannot be deleted|settled|issued|its lines"):
            client.execute(sql, args)
        assert snapshot(ledger.conn) == before, sql
    # Open rows are still the user's to replace.
    open_entry = row(plain_sql, "SELECT fid, uuid, ticket_uuid FROM time_entry "
                     "WHERE work_date >= '2027-01-01'")
    plain_sql.execute("INSERT OR REPLACE INTO time_entry (fid, uuid, ticket_uuid, work_date, "
                      "agent, minutes) VALUES (?, ?, ?, '2027-02-02', 'x', 30)", open_entry)
    assert row(plain_sql, "SELECT minutes FROM time_entry WHERE fid = ?",
               open_entry[:1]) == (30,)



def test_upserts_meet_the_update_rules_on_postgresql(pg_location):
    ledger = Ledger(store.create_store(pg_location))
    settled_store(ledger)
    before = snapshot(ledger.conn)
    sql = plain(ledger.path)
    for statement, args in replace_attempts(ledger.conn):
        if "ON CONFLICT" in statement:
            with pytest.raises(sqlite3.IntegrityError, match="settled|cannot be|issued|its lines"):
                sql.execute(statement, args)
    assert snapshot(ledger.conn) == before


def terms_attempts(conn):
    """Plain SQL writes to an issued settlement and to the terms of its year."""
    issued, conv = row(conn, "SELECT uuid, convention_uuid FROM settlement")
    ticket, feature = row(conn, "SELECT t.uuid, t.feature_uuid FROM ticket t JOIN time_entry "
                          "te ON te.ticket_uuid = t.uuid WHERE t.feature_uuid IS NOT NULL "
                          "AND te.work_date < '2027-01-01'")
    other = row(conn, "SELECT uuid FROM pav WHERE uuid <> ?", (feature,))[0]
    return [
        ("INSERT INTO settlement_line (settlement_uuid, position, line_code, actual_ht_cents) "
         "VALUES (?, 5, 'extra', 100000)", (issued,)),
        ("UPDATE settlement SET reopen_reason = 'autre motif'", ()),
        ("UPDATE settlement SET reopened_by = 'quelqu''un'", ()),
        # A settlement whose totals are not the sums of its lines (here: none).
        ("INSERT INTO settlement (convention_uuid, year, version, issued_at, total_ht_cents, "
         "total_vat_cents, total_ttc_cents, inputs_digest) VALUES (?, 2027, 1, '2028-01-05', "
         "1, 0, 1, 'x')", (conv,)),
        ("UPDATE convention SET hours_per_day = 8", ()),
        ("UPDATE convention SET title = 'Autre'", ()),
        ("DELETE FROM convention", ()),
        ("UPDATE convention_line SET unit_price_cents = 1 WHERE code = 'maintenance'", ()),
        ("DELETE FROM convention_line WHERE code = 'formation'", ()),
        ("INSERT INTO convention_line (convention_uuid, code, label, kind, "
         "provisional_quantity_hundredths, unit_price_cents, provisional_amount_cents, "
         "categories) VALUES (?, 'x', 'x', 'costs', 0, 0, 0, 'autre')", (conv,)),
        ("UPDATE convention_amendment SET new_unit_price_cents = 1", ()),
        ("UPDATE convention_amendment SET effective_date = '2027-01-01'", ()),
        ("DELETE FROM convention_amendment", ()),
        ("INSERT INTO convention_amendment (convention_uuid, number, effective_date, "
         "description, line_code, new_unit_price_cents) VALUES (?, 2, '2026-10-01', 'x', "
         "'formation', 1)", (conv,)),
        ("UPDATE ticket SET feature_uuid = ? WHERE uuid = ?", (other, ticket)),
    ]


def test_issued_settlements_and_the_terms_of_their_year_are_immutable(ledger):
    settled_store(ledger)
    before = snapshot(ledger.conn)
    # The ticket table has R-tree triggers: its plain client has SpatiaLite.
    sql = plain(ledger.path)
    spatial = sql if db.is_postgres(ledger.path) else store.connect(ledger.path)
    for statement, args in terms_attempts(ledger.conn):
        client = spatial if "ticket" in statement else sql
        with pytest.raises(sqlite3.IntegrityError, match="settle|agreement|amendment"):
            client.execute(statement, args)
        assert snapshot(ledger.conn) == before, statement
    conv = ledger.conv
    conv.line("maintenance").unit_price_cents = 1
    with pytest.raises(ConventionError, match="PNRC-CCCC-SIT-2026 cannot be saved: "
                       "convention_line: the agreement has a settled year"):
        convention.save_convention(ledger.conn, conv)
    # An amendment effective after the settled year is still the user's to add,
    # and leaves the settled year's inputs as they were.
    convention.add_amendment(ledger.conn, conv.uuid, convention.Amendment(
        2, datetime.date(2027, 3, 1), "Revalorisation 2027", "formation",
        new_unit_price_cents=62000))
    conv = convention.find_convention(ledger.conn)
    dry = settlement.compute(ledger.conn, conv, 2026)
    assert (dry.locked_by_version, dry.inputs_changed) == (1, False)
    assert dry.digest == dry.issued_digest
    assert settlement.compute(ledger.conn, conv, 2027).total_ht_cents > 0


def test_a_dry_run_says_when_the_store_was_changed_behind_the_lock(ledger):
    from sit_chartreuse.core.reports import report
    settled_store(ledger)
    sql = plain(ledger.path)
    # Whoever may remove the store's rule (the GeoPackage's writer, the
    # PostgreSQL schema's owner) can change settled time.
    if db.is_postgres(ledger.path):
        sql.execute("ALTER TABLE time_entry DISABLE TRIGGER time_entry_year_lock")
    else:
        sql.execute("DROP TRIGGER time_entry_settled_update")
    sql.execute("UPDATE time_entry SET minutes = minutes - 60 WHERE fid = "
                "(SELECT min(fid) FROM time_entry)")
    dry = settlement.compute(ledger.conn, ledger.conv, 2026)
    assert dry.inputs_changed and dry.digest != dry.issued_digest
    assert report.changed_inputs_text(dry) in report.status_text(dry)
    assert dry.issued_digest[:12] in report.html_report(dry)


def test_a_writer_role_cannot_rewrite_an_issued_year(pg_location, pg_admin, run_algorithm,
                                                     cleanup):  # noqa: F811
    sit = make_roles_sit(pg_location, pg_admin, run_algorithm, cleanup)
    ledger = Ledger(str(sit.location))
    settled_store(ledger)
    before = snapshot(ledger.conn)
    writer = store.open_store(sit.writer)
    try:
        for statement, args in terms_attempts(ledger.conn):
            with pytest.raises(sqlite3.IntegrityError, match="settle|agreement|amendment"):
                writer.execute(statement, args)
    finally:
        writer.close()
    assert snapshot(ledger.conn) == before


def test_a_negative_hosting_cost_is_refused(ledger, sit_processing):
    import processing
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException, match="Hébergement.*cannot be negative"):
        processing.run("sitchartreuse:hostingcost", {
            "STORE": str(ledger.path), "YEAR": 2026, "KIND": "hebergement", "LABEL": "Hébergement",
            "AMOUNT_HT": "-1 000,00"})
    sql = plain(ledger.path)
    with pytest.raises(sqlite3.IntegrityError, match="amount_ht_cents|not_negative"):
        sql.execute("INSERT INTO hosting_cost (year, kind, label, amount_ht_cents) "
                    "VALUES (2026, 'autre', 'Avoir', -100)")
    ledger.cost(2026, "0,00")
    with pytest.raises(sqlite3.IntegrityError, match="amount_ht_cents|not_negative"):
        sql.execute("UPDATE hosting_cost SET amount_ht_cents = -1")
    assert ledger.conn.execute("SELECT amount_ht_cents FROM hosting_cost").fetchall() == [(0,)]


def test_a_money_row_without_its_parent_is_refused_to_a_plain_client(store_location):
    # Python's sqlite3 sets no PRAGMA foreign_keys: triggers hold the references
    # there; PostgreSQL has FOREIGN KEY constraints (a settlement's lines at commit).
    sql, nowhere = plain(store_location), "00000000-0000-4000-8000-000000000000"
    for table, columns in (("convention_line", "convention_uuid, code, label, kind, "
                            "provisional_quantity_hundredths, unit_price_cents, "
                            "provisional_amount_cents, categories) VALUES (?, 'x', 'x', "
                            "'costs', 0, 0, 0, 'autre'"),
                           ("convention_amendment", "convention_uuid, number, effective_date, "
                            "description) VALUES (?, 9, '2027-01-01', 'x'"),
                           ("time_entry", "ticket_uuid, work_date, agent, minutes) VALUES "
                            "(?, '2027-01-04', 'x', 60")):
        with pytest.raises(sqlite3.IntegrityError, match="%s: no .* with this" % table):
            sql.execute("INSERT INTO %s (%s)" % (table, columns), (nowhere,))
    if db.is_postgres(store_location):
        with pytest.raises(sqlite3.IntegrityError, match="settlement_line_settlement_uuid_fkey"):
            sql.execute("INSERT INTO settlement_line (settlement_uuid, line_code) VALUES (?, 'x')",
                        (nowhere,))
    # An agreement takes its lines with it.
    conn = store.open_store(store_location)
    conv = convention.find_convention(conn)
    sql.execute("DELETE FROM convention")
    assert sql.execute("SELECT count(*) FROM convention_line WHERE convention_uuid = ?",
                       (conv.uuid,)).fetchone() == (0,)
