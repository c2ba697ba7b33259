"""The work ledger in the store: rules held by the database for every client
(plain SQL here), the domain API, and deleting features that have tickets."""
import json
import re
import sqlite3
from decimal import Decimal

import pytest

from ledger_helpers import ZONE, sample_features
from sit_chartreuse.core.errors import SitError
from sit_chartreuse.core.ledger import ledger
from sit_chartreuse.core.storage import db, store





def test_log_time_on_a_feature_opens_a_ticket_on_a_point_of_it(ledger_store):
    conn, uuids = ledger_store
    ticket, entry = ledger.log_time(conn, "2026-03-02", "1,5", layer="zone_urba",
                                    feature_uuid=uuids["zone_urba"], category="hotline",
                                    title="Zone à corriger", agent="m.girard", note="appel")
    row = conn.execute("SELECT application, layer_name, feature_uuid, status, opened_on, "
                       "ST_Within(geom, (SELECT geom FROM zone_urba)) FROM ticket "
                       "WHERE uuid = ?", (ticket,)).fetchone()
    assert row == ("plui", "zone_urba", uuids["zone_urba"], "ouvert", "2026-03-02", 1)
    assert conn.execute("SELECT ticket_uuid, work_date, agent, minutes, note, recorded_by "
                        "IS NOT NULL, recorded_at IS NOT NULL FROM time_entry WHERE uuid = ?",
                        (entry,)).fetchone() == (ticket, "2026-03-02", "m.girard", 90, "appel",
                                                 1, 1)
    # more time on the same ticket, another year
    ledger.log_time(conn, "2027-01-05", "2", ticket_uuid=ticket)
    assert ledger.feature_hours(conn, "zone_urba", uuids["zone_urba"]) == Decimal("3.50")
    assert ledger.feature_hours(conn, "zone_urba", uuids["zone_urba"], 2026) == Decimal("1.50")
    assert ledger.feature_days(conn, "zone_urba", uuids["zone_urba"], 2027) == Decimal("0.29")
    assert [t["uuid"] for t in ledger.feature_tickets(conn, "zone_urba",
                                                       uuids["zone_urba"])] == [ticket]


def test_log_time_on_the_application_as_a_whole(ledger_store):
    conn, _ = ledger_store
    ticket, _ = ledger.log_time(conn, "2026-05-04", "7", application="ads",
                                category="formation", title="Formation niveau 2")
    assert conn.execute("SELECT layer_name, feature_uuid, geom FROM ticket WHERE uuid = ?",
                        (ticket,)).fetchone() == (None, None, None)
    found = ledger.search_tickets(conn, application="ads", year=2026)
    assert [(t["uuid"], t["minutes"]) for t in found] == [(ticket, 420)]
    assert ledger.search_tickets(conn, application="ads", year=2025) == []


def test_a_refused_entry_leaves_no_new_ticket(ledger_store):
    conn, uuids = ledger_store
    with pytest.raises(ledger.LedgerError, match="out of range"):
        ledger.log_time(conn, "2026-03-02", "25", layer="pav", feature_uuid=uuids["pav"],
                        category="hotline", title="Trop long")
    with pytest.raises(ledger.LedgerError, match="no feature with uuid"):
        ledger.log_time(conn, "2026-03-02", "1", layer="pav", feature_uuid="nope",
                        category="hotline", title="Absent")
    with pytest.raises(ledger.LedgerError, match="belongs to the application pav"):
        ledger.log_time(conn, "2026-03-02", "1", layer="pav", feature_uuid=uuids["pav"],
                        application="ads", category="hotline", title="Mauvaise application")
    assert conn.execute("SELECT count(*) FROM ticket").fetchone()[0] == 0


def _ticket(conn, uuids):
    ticket, _ = ledger.log_time(conn, "2026-03-02", "1", layer="pav", feature_uuid=uuids["pav"],
                                category="maintenance_corrective", title="Conteneur cassé")
    return ticket


BAD_TICKETS = [
    ("'pav', 'hotline', 'x', 'pav', NULL", "go together"),
    ("'pav', 'hotline', 'x', NULL, '{pav}'", "go together"),
    ("'pav', 'hotline', 'x', 'ticket', '{pav}'", "not a catalogued layer"),
    ("'pav', 'hotline', 'x', 'pav', 'no-such-uuid'", "no feature with this uuid"),
    ("'reseaux', 'hotline', 'x', 'pav', '{pav}'", "application of the feature's layer"),
    ("'pav', 'cafe', 'x', NULL, NULL", "unknown code"),
    ("'bureau', 'hotline', 'x', NULL, NULL", "unknown code"),
]


@pytest.mark.parametrize("values, message", BAD_TICKETS)
def test_plain_sql_bad_tickets_are_refused(ledger_store, values, message):
    conn, uuids = ledger_store
    with pytest.raises(sqlite3.DatabaseError, match=message):
        conn.execute("INSERT INTO ticket (application, category, title, layer_name, "
                     "feature_uuid) VALUES (%s)" % values.format(**uuids))


# The database's own words where PostgreSQL's column types check the value.
BAD_DATE = "date/time field value out of range|invalid input syntax for type date"
PG_MESSAGES = {"opened_on is not a valid date": BAD_DATE,
               "closed_on is not a valid date": BAD_DATE,
               "work_date is not a valid date": BAD_DATE,
               "CHECK constraint failed": "violates check constraint",
               "NOT NULL constraint failed": "violates not-null constraint"}


def _expected(conn, message):
    return PG_MESSAGES.get(message, message) if db.dialect(conn) is db.POSTGRES else message


def test_plain_sql_ticket_dates_and_status(ledger_store):
    conn, uuids = ledger_store
    insert = ("INSERT INTO ticket (application, category, title, opened_on, closed_on, status) "
              "VALUES ('pav', 'hotline', 'x', ?, ?, ?)")
    for opened, closed, status, message in (
            ("2026-02-30", None, "ouvert", "opened_on is not a valid date"),
            ("2026-03-01", "2026-02-01", "clos", "closed_on is before opened_on"),
            ("2026-03-01", "01/04/2026", "clos", "closed_on is not a valid date"),
            ("2026-03-01", None, "ferme", "unknown code")):
        with pytest.raises(sqlite3.DatabaseError, match=_expected(conn, message)):
            conn.execute(insert, (opened, closed, status))
    conn.execute("INSERT INTO ticket (application, category, title) VALUES ('pav', 'hotline', 'x')")
    assert conn.execute("SELECT status, opened_on = %s, uuid IS NOT NULL FROM ticket"
                        % db.dialect(conn).today).fetchone() in (("ouvert", 1, 1),
                                                                  ("ouvert", True, True))
    ticket = _ticket(conn, uuids)
    with pytest.raises(sqlite3.DatabaseError, match="no feature with this uuid"):
        conn.execute("UPDATE ticket SET feature_uuid = 'other' WHERE uuid = ?", (ticket,))
    conn.execute("UPDATE ticket SET status = 'clos', closed_on = '2026-04-01' WHERE uuid = ?",
                 (ticket,))


@pytest.mark.parametrize("values, message", [
    ("'no-such-ticket', '2026-03-02', 'a', 60", "no ticket with this uuid"),
    ("'{t}', '2026-02-29', 'a', 60", "work_date is not a valid date"),
    ("'{t}', '02/03/2026', 'a', 60", "work_date is not a valid date"),
    ("'{t}', '2026-03-02', 'a', 0", "CHECK constraint failed"),
    ("'{t}', '2026-03-02', 'a', 1441", "CHECK constraint failed"),
    ("'{t}', '2026-03-02', NULL, 60", "NOT NULL constraint failed"),
])
def test_plain_sql_bad_time_entries_are_refused(ledger_store, values, message):
    conn, uuids = ledger_store
    ticket = _ticket(conn, uuids)
    with pytest.raises(sqlite3.DatabaseError, match=_expected(conn, message)):
        conn.execute("INSERT INTO time_entry (ticket_uuid, work_date, agent, minutes) "
                     "VALUES (%s)" % values.format(t=ticket))


def test_minutes_are_whole_in_the_database(ledger_store):
    """SQLite refuses 1.5 minutes; PostgreSQL's integer column rounds any value
    given (its assignment rule): either way no fraction of a minute is stored."""
    conn, uuids = ledger_store
    ticket = _ticket(conn, uuids)
    insert = ("INSERT INTO time_entry (ticket_uuid, work_date, agent, minutes) "
              "VALUES (?, '2026-03-02', 'a', 1.5)")
    if db.dialect(conn) is db.SQLITE:
        with pytest.raises(sqlite3.DatabaseError, match="whole number of minutes"):
            conn.execute(insert, (ticket,))
    else:
        conn.execute(insert, (ticket,))
        assert conn.execute("SELECT minutes FROM time_entry WHERE agent = 'a'"
                            ).fetchall() == [(2,)]


def test_plain_sql_entry_gets_who_and_when_and_ticket_keeps_its_time(ledger_store):
    conn, uuids = ledger_store
    ticket = _ticket(conn, uuids)
    conn.execute("INSERT INTO time_entry (ticket_uuid, work_date, agent, minutes) "
                 "VALUES (?, '2026-03-03', 's.rey', 30)", (ticket,))
    by, at = conn.execute("SELECT recorded_by, recorded_at FROM time_entry "
                          "WHERE agent = 's.rey'").fetchone()
    assert by == "s.rey" and re.fullmatch(r"20\d\d-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)", at)
    with pytest.raises(sqlite3.DatabaseError, match="has time entries"):
        conn.execute("DELETE FROM ticket WHERE uuid = ?", (ticket,))
    with pytest.raises(sqlite3.DatabaseError, match="no ticket with this uuid"):
        conn.execute("UPDATE time_entry SET ticket_uuid = 'x'")


def test_deleting_a_feature_with_tickets_loses_no_time(ledger_store):
    conn, uuids = ledger_store
    ticket, _ = ledger.log_time(conn, "2026-03-02", "2,5", layer="zone_urba",
                                feature_uuid=uuids["zone_urba"], category="maintenance_evolutive",
                                title="Zone supprimée ensuite")
    point = conn.execute("SELECT ST_AsText(geom) FROM ticket").fetchone()[0]
    conn.execute("DELETE FROM zone_urba")
    # the ticket keeps the feature's identity, its own point and all its time
    assert conn.execute("SELECT layer_name, feature_uuid, ST_AsText(geom), feature_deleted_on = "
                        "%s FROM ticket WHERE uuid = ?" % db.dialect(conn).today,
                        (ticket,)).fetchone() == ("zone_urba", uuids["zone_urba"], point, 1)
    assert ledger.feature_hours(conn, "zone_urba", uuids["zone_urba"]) == Decimal("2.50")
    # the feature's last geometry and attributes are kept
    layer, attributes, envelope = conn.execute(
        "SELECT layer_name, attributes, ST_AsText(ST_Envelope(geom)) FROM deleted_feature "
        "WHERE feature_uuid = ?", (uuids["zone_urba"],)).fetchone()
    assert (layer, json.loads(attributes)["libelle"]) == ("zone_urba", "Ua")
    corners = {tuple(float(v) for v in xy.split()) for xy in
               envelope[len("POLYGON(("):-2].split(",")}
    assert corners == {(ZONE[0], ZONE[1]), (ZONE[2], ZONE[1]), (ZONE[2], ZONE[3]),
                       (ZONE[0], ZONE[3])}
    # more time can still be logged on it, and its history cannot be dropped
    ledger.log_time(conn, "2026-03-03", "1", ticket_uuid=ticket)
    with pytest.raises(sqlite3.DatabaseError, match="tickets still refer"):
        conn.execute("DELETE FROM deleted_feature")
    # a feature without tickets leaves nothing behind
    conn.execute("DELETE FROM pav")
    assert conn.execute("SELECT count(*) FROM deleted_feature").fetchone()[0] == 1


def test_a_feature_put_back_with_its_uuid_is_live_again(ledger_store):
    conn, uuids = ledger_store
    ticket = _ticket(conn, uuids)
    conn.execute("DELETE FROM pav")
    assert conn.execute("SELECT feature_deleted_on IS NOT NULL FROM ticket").fetchone() == (1,)
    conn.execute("INSERT INTO pav (uuid, flux) VALUES (?, 'verre')", (uuids["pav"],))
    assert conn.execute("SELECT feature_deleted_on FROM ticket WHERE uuid = ?",
                        (ticket,)).fetchone() == (None,)


def test_time_entries_are_read_by_index(ledger_store):
    conn, _ = ledger_store
    query = ("SELECT sum(e.minutes) FROM ticket t JOIN time_entry e "
             "ON e.ticket_uuid = t.uuid WHERE t.layer_name = 'pav' AND t.feature_uuid = 'x'")
    if db.dialect(conn) is db.POSTGRES:   # tiny tables: ask for the plan a big one gets
        conn.execute("SET enable_seqscan = off")
        plan = " ".join(r[0] for r in conn.execute("EXPLAIN " + query))
    else:
        plan = " ".join(r[-1] for r in conn.execute("EXPLAIN QUERY PLAN " + query))
    assert "time_entry_ticket" in plan and "ticket_feature" in plan


def test_demo_ledger_is_one_transaction_and_falls_back_on_the_applications(new_store):
    """demo/ledger.py writes its years in one transaction: a settled 2026
    refuses its time and nothing of 2023-2025 stays. On a store holding few
    features, the tickets meant for a missing layer go to the application
    as a whole; a second run is refused."""
    from sit_chartreuse.core.agreement import convention, settlement
    from sit_chartreuse.demo import ledger as demo_ledger
    uuids = sample_features(new_store)
    conn = store.open_store(new_store)
    try:
        conv = convention.find_convention(conn)
        settlement.issue(conn, conv, 2026)
        with pytest.raises(SitError, match="settled"):
            demo_ledger.generate(conn)
        assert conn.execute("SELECT (SELECT count(*) FROM ticket), "
                            "(SELECT count(*) FROM time_entry)").fetchone() == (0, 0)
        settlement.reopen_year(conn, conv, 2026, "démonstration")
        demo_ledger.generate(conn)
        on_features = conn.execute("SELECT DISTINCT layer_name, feature_uuid FROM ticket "
                                   "WHERE layer_name IS NOT NULL").fetchall()
        assert on_features and all(uuids.get(layer) == uuid for layer, uuid in on_features)
        meant = sorted({title for pool in demo_ledger.TICKETS.values()
                        for _app, table, title in pool if table and table not in uuids})
        assert conn.execute("SELECT count(*) FROM ticket WHERE layer_name IS NULL AND title IN "
                            "(%s)" % ", ".join("?" * len(meant)), meant).fetchone()[0]
        with pytest.raises(SitError, match="already holds"):
            demo_ledger.generate(conn)
    finally:
        conn.close()
