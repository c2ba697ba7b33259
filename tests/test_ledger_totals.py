"""The time per day and category (time_day_total, schema v9) that the store's
triggers keep, against the entries themselves: random writes, every write
path of both backends, migrated stores, copies between backends; and the
settlement's lines read from it (settlement.per_category_sql) equal to
those computed per ticket."""
import datetime
import random
import sqlite3

import pytest

from sit_chartreuse.core.agreement import convention, settlement
from sit_chartreuse.core.agreement.convention import Amendment
from sit_chartreuse.core.ledger import ledger as journal
from sit_chartreuse.core.storage import db, roles, store, transfer
from test_migrations import old_store
from test_roles import cleanup, privileges, sit  # noqa: F401 (fixtures)
from test_settlement import Ledger, ledger  # noqa: F401 (fixture)

CATEGORIES = ("maintenance_corrective", "maintenance_evolutive", "formation", "hotline",
              "developpement")
ENTRY = "INSERT INTO time_entry (%s) VALUES (%s)"


def totals(conn):
    return sorted((str(d), c, m) for d, c, m in conn.execute(
        "SELECT work_date, category, minutes FROM time_day_total"))


def truth(conn):
    """The entries grouped by day and their ticket's category."""
    return sorted((str(d), c, int(m)) for d, c, m in conn.execute(
        "SELECT te.work_date, t.category, SUM(te.minutes) FROM time_entry te "
        "JOIN ticket t ON t.uuid = te.ticket_uuid GROUP BY te.work_date, t.category"))


def entry(conn, where, args=()):
    return conn.execute("SELECT fid, uuid FROM time_entry WHERE %s ORDER BY fid" % where,
                        args).fetchone()


def figures(result):
    return [(l.code, l.actual_minutes, l.actual_ht_cents) for l in result.lines]


def test_random_writes_keep_the_totals_and_the_settlement(ledger):
    """Inserts, edits of each column, deletes and category changes at random
    over 2025-2027, with an amendment changing a price on 1 July 2026: the
    totals stay the entries' GROUP BY, and the lines read from them stay the
    per-ticket pass's, to the minute and the cent, to any date."""
    convention.add_amendment(ledger.conn, ledger.conv.uuid, Amendment(
        1, datetime.date(2026, 7, 1), "Avenant n° 1", "maintenance",
        new_unit_price_cents=70001))
    conv = convention.find_convention(ledger.conn)
    rng = random.Random(15)
    tickets = [ledger.ticket(rng.choice(CATEGORIES)) for _ in range(6)]

    def day():
        return (datetime.date(2025, 12, 1) + datetime.timedelta(rng.randrange(420))).isoformat()
    conn = ledger.conn
    for step in range(1, 401):
        fids = [f for (f,) in conn.execute("SELECT fid FROM time_entry")]
        op = rng.random()
        if op < 0.45 or not fids:
            ledger.time(rng.choice(tickets), day(), rng.randrange(1, 600))
        elif op < 0.75:
            column, value = rng.choice([("minutes", rng.randrange(1, 600)), ("work_date", day()),
                                        ("ticket_uuid", rng.choice(tickets))])
            conn.execute("UPDATE time_entry SET %s = ? WHERE fid = ?" % column,
                         (value, rng.choice(fids)))
        elif op < 0.9:
            conn.execute("DELETE FROM time_entry WHERE fid = ?", (rng.choice(fids),))
        else:
            conn.execute("UPDATE ticket SET category = ? WHERE uuid = ?",
                         (rng.choice(CATEGORIES), rng.choice(tickets)))
        if step % 50 == 0:
            assert totals(conn) == truth(conn) != []
            until = datetime.date(2026, 1, 1) + datetime.timedelta(rng.randrange(365))
            for at in (until, None):
                per_ticket = settlement.compute(conn, conv, 2026, until=at)
                assert figures(settlement.compute(conn, conv, 2026, breakdowns=False, until=at)
                               ) == figures(per_ticket)
                assert per_ticket.total_minutes > 0


def sample(ledger):
    """Two tickets, four entries on two days; returns the tickets."""
    a, b = ledger.ticket("hotline"), ledger.ticket("developpement")
    for ticket, day, minutes in ((a, "2026-03-02", 60), (a, "2026-03-03", 30),
                                 (b, "2026-03-02", 45), (b, "2026-03-04", 15)):
        ledger.time(ticket, day, minutes)
    return a, b


def test_writes_of_both_backends_keep_the_totals(ledger):
    """Updates of each column, upserts, deletes, a ticket's category."""
    conn = ledger.conn
    a, b = sample(ledger)
    assert totals(conn) == [("2026-03-02", "developpement", 45), ("2026-03-02", "hotline", 60),
                            ("2026-03-03", "hotline", 30), ("2026-03-04", "developpement", 15)]
    columns = "uuid, ticket_uuid, work_date, agent, minutes"
    fid, uuid = entry(conn, "minutes = 60")
    writes = [
        ("UPDATE time_entry SET minutes = 90 WHERE fid = ?", (fid,)),
        ("UPDATE time_entry SET work_date = '2026-05-01', ticket_uuid = ? WHERE fid = ?",
         (b, fid)),
        # Upserts: the update of the row in place, nothing, and a new row.
        (ENTRY % (columns, "?, ?, '2026-03-03', 'x', 10") + " ON CONFLICT (uuid) DO UPDATE "
         "SET minutes = excluded.minutes + 1, work_date = excluded.work_date", (uuid, a)),
        (ENTRY % (columns, "?, ?, '2026-06-01', 'x', 10") + " ON CONFLICT DO NOTHING",
         (uuid, a)),
        (ENTRY % (columns, "'8e0b2f5a-0000-4000-8000-000000000001', ?, '2026-06-01', 'x', 5")
         + " ON CONFLICT (uuid) DO UPDATE SET minutes = 1", (a,)),
        ("UPDATE ticket SET category = 'formation' WHERE uuid = ?", (a,)),
        ("DELETE FROM time_entry WHERE minutes = 15", ()),
        ("UPDATE ticket SET category = 'developpement' WHERE uuid = ?", (a,)),
    ]
    for sql, args in writes:
        before = totals(conn)
        conn.execute(sql, args)
        assert totals(conn) == truth(conn), sql
        assert totals(conn) != before or "DO NOTHING" in sql, sql
    assert totals(conn) == [("2026-03-02", "developpement", 45), ("2026-03-03", "developpement",
                                                                    41),
                            ("2026-06-01", "developpement", 5)]
    conn.execute("DELETE FROM time_entry")
    assert totals(conn) == []


@pytest.mark.parametrize("recursive_triggers", [0, 1])
def test_replace_paths_on_a_geopackage_keep_the_totals(new_store, recursive_triggers):
    """SQLite's REPLACE deletes the rows it replaces without their DELETE
    triggers unless PRAGMA recursive_triggers (GDAL sets it, Python's sqlite3
    does not): each path is counted right either way, and a refused insert
    changes nothing."""
    ledger = Ledger(new_store)
    a, b = sample(ledger)
    conn = store.connect(new_store)   # SpatiaLite for the tickets' R-tree triggers
    conn.execute("PRAGMA recursive_triggers = %d" % recursive_triggers)
    columns = "fid, uuid, ticket_uuid, work_date, agent, minutes"
    first, second = entry(conn, "minutes = 60"), entry(conn, "minutes = 30")
    third = entry(conn, "minutes = 45")
    writes = [
        # The same fid and uuid: the entry moves day and category.
        ("INSERT OR REPLACE INTO time_entry (%s) VALUES (?, ?, ?, '2026-04-01', 'x', 20)"
         % columns, first + (b,)),
        # By its uuid alone, into a new fid.
        ("REPLACE INTO time_entry (uuid, ticket_uuid, work_date, agent, minutes) "
         "VALUES (?, ?, '2026-03-02', 'x', 10)", (second[1], a)),
        # Two rows replaced at once: one by its fid, one by its uuid.
        ("INSERT OR REPLACE INTO time_entry (%s) VALUES (?, ?, ?, '2026-03-09', 'x', 7)"
         % columns, (first[0], third[1], a)),
        # OR IGNORE leaves the row, the upsert updates it.
        ("INSERT OR IGNORE INTO time_entry (%s) VALUES (?, ?, ?, '2026-08-01', 'x', 5)"
         % columns, (first[0], None, b)),
        ("INSERT INTO time_entry (%s) VALUES (?, NULL, ?, '2026-08-02', 'x', 6) "
         "ON CONFLICT (fid) DO UPDATE SET minutes = excluded.minutes" % columns, (first[0], b)),
        # The entry of 15 min takes that fid: the one holding it goes.
        ("UPDATE OR REPLACE time_entry SET fid = ? WHERE minutes = 15", first[:1]),
    ]
    for sql, args in writes:
        before = totals(conn)
        conn.execute(sql, args)
        assert totals(conn) == truth(conn), sql
        assert totals(conn) != before or "IGNORE" in sql, sql
    assert totals(conn) == [("2026-03-02", "hotline", 10), ("2026-03-04", "developpement", 15)]
    before = totals(conn)
    fid, uuid = entry(conn, "minutes = 10")
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        conn.execute("INSERT INTO time_entry (%s) VALUES (?, ?, ?, '2026-09-01', 'x', 1)"
                     % columns, (fid, uuid, b))
    assert totals(conn) == before
    conn.close()
    ledger.conn.close()


def test_on_postgresql_the_writer_keeps_the_totals_but_cannot_write_them(sit):
    """The triggers write the totals as the owner of the SIT, for the writer
    role's time; the role itself cannot change them (nor the reader)."""
    writer = store.open_store(sit.writer)
    ticket = "8e0b2f5a-0000-4000-8000-000000000009"
    writer.execute("INSERT INTO ticket (uuid, application, category, title) "
                   "VALUES (?, 'pav', 'hotline', 'Demande')", (ticket,))
    writer.execute(ENTRY % ("ticket_uuid, work_date, agent, minutes", "?, '2026-03-02', 'x', 50"),
                   (ticket,))
    writer.execute("UPDATE ticket SET category = 'formation' WHERE uuid = ?", (ticket,))
    assert totals(writer) == truth(writer) == [("2026-03-02", "formation", 50)]
    for sql in ("UPDATE time_day_total SET minutes = 1", "DELETE FROM time_day_total",
                "INSERT INTO time_day_total VALUES ('2026-03-03', 'hotline', 5)"):
        with pytest.raises(sqlite3.Error, match="permission denied"):
            writer.execute(sql)
    writer.execute("DELETE FROM time_entry")
    assert totals(writer) == []
    writer.close()
    reader = store.open_store(sit.reader)
    assert totals(reader) == []
    with pytest.raises(sqlite3.Error, match="permission denied"):
        reader.execute("DELETE FROM time_day_total")
    reader.close()


def test_roles_granted_before_v9_only_read_the_totals(pg_location, pg_admin, cleanup):
    """A SIT whose roles were granted at schema v8: its migration does not
    leave the writer the writes that default privileges give a new table."""
    schemas, names = cleanup
    location = db.parse_location(pg_location)
    schemas.append(location.schema)
    store.create_store(location, version=8)
    owner = db.pg_connect(location)
    writer, reader = roles.grant_roles(owner)
    names += [writer, reader]
    owner.close()
    store.open_store(location).close()
    assert privileges(pg_admin, location.schema, writer)["time_day_total"] == {"SELECT"}
    assert privileges(pg_admin, location.schema, writer)["time_entry"] == {
        "SELECT", "INSERT", "UPDATE", "DELETE"}
    assert privileges(pg_admin, location.schema, reader)["time_day_total"] == {"SELECT"}


def test_truncate_on_postgresql_empties_the_totals(pg_location):
    ledger = Ledger(store.create_store(pg_location))
    sample(ledger)
    assert len(totals(ledger.conn)) == 4
    ledger.conn.execute("TRUNCATE time_entry")
    assert totals(ledger.conn) == truth(ledger.conn) == []


@pytest.mark.parametrize("version", [2, 3, 4])
def test_old_stores_migrate_with_their_totals(backend, version, tmp_path, request):
    """The fixtures' 3 h of 2026 on a maintenance ticket (make_fixtures.py)."""
    location, plain = old_store(backend, version, tmp_path, request)
    plain.close()
    conn = store.open_store(location)
    assert totals(conn) == truth(conn)
    assert [m for _d, _c, m in totals(conn)] == [180]
    conn.close()


def test_a_v8_store_migrates_with_its_totals(store_location, tmp_path, request):
    """A store of schema v8 (the last before the totals) with time on two
    tickets, written without today's triggers, then opened."""
    location = db.parse_location(store_location)
    if isinstance(location, db.PgLocation):
        plain = db.pg_connect(location)
        plain.execute("DROP SCHEMA %s CASCADE" % db.Dialect.quote(location.schema))
    else:
        location = str(tmp_path / "v8.gpkg")
    store.create_store(location, version=8)
    plain = store.connect(location) if isinstance(location, str) else db.pg_connect(location)
    for n, category in enumerate(("hotline", "developpement")):
        ticket = "8e0b2f5a-0000-4000-8000-00000000000%d" % n
        plain.execute("INSERT INTO ticket (uuid, application, category, title) "
                      "VALUES (?, 'pav', ?, 'Demande')", (ticket, category))
        for day, minutes in (("2026-03-02", 60), ("2026-03-02", 30), ("2027-01-04", 45)):
            plain.execute("INSERT INTO time_entry (ticket_uuid, work_date, agent, minutes) "
                          "VALUES (?, ?, 'x', ?)", (ticket, day, minutes))
    if db.dialect(plain) is db.SQLITE:
        plain.commit()
    plain.close()
    conn = store.open_store(location)
    assert totals(conn) == truth(conn) == [
        ("2026-03-02", "developpement", 90), ("2026-03-02", "hotline", 90),
        ("2027-01-04", "developpement", 45), ("2027-01-04", "hotline", 45)]
    conn.close()


def test_copies_between_backends_rebuild_the_totals(tmp_path, pg_location):
    """The totals are not copied: the target's triggers count the entries
    as they arrive, so each copy holds the source's."""
    source = Ledger(store.create_store(str(tmp_path / "source.gpkg")))
    a, b = sample(source)
    source.conn.execute("UPDATE ticket SET category = 'formation' WHERE uuid = ?", (a,))
    expected = totals(source.conn)
    source.conn.close()
    transfer.copy_store(str(tmp_path / "source.gpkg"), pg_location)
    transfer.copy_store(pg_location, str(tmp_path / "back.gpkg"))
    for location in (pg_location, str(tmp_path / "back.gpkg")):
        conn = store.open_store(location)
        assert totals(conn) == truth(conn) == expected
        # the triggers the copy into PostgreSQL turned off for its batches are on again
        journal.log_time(conn, datetime.date(2026, 5, 4), "1:30", application="pav",
                         category="hotline", title="After the copy")
        assert totals(conn) == truth(conn) != expected
        conn.close()
