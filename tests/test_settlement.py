"""The yearly settlement: figures computed by hand, the year lock, history.

Default agreement (seed, Article 3): hosting 1 000 € HT at 20 % VAT (kind
costs); maintenance 15 d × 600 €; training and hotline 2 d × 600 €;
development 10 d × 600 €; one day = 7 h = 420 min. Provisional: 17 200 € HT,
17 400 € TTC (only the hosting line bears VAT).
"""
import datetime
import sqlite3
import uuid
from dataclasses import replace

import pytest

from helpers import with_authcfg
from ledger_helpers import box, wkb
from sit_chartreuse.core.agreement import convention, settlement
from sit_chartreuse.core.agreement.convention import Amendment, ConventionError
from sit_chartreuse.core.agreement.settlement import SettlementError
from sit_chartreuse.core.i18n import tr
from sit_chartreuse.core.reports import report
from sit_chartreuse.core.storage import db, store

DAY = 420  # minutes in a 7-hour day

# Two square communes side by side (Lambert-93).
COMMUNES = (("38442", "Saint-Laurent-du-Pont", 910000, 6470000),
            ("73274", "Saint-Pierre-d'Entremont", 920000, 6470000))


class Ledger:
    """Plain-SQL ledger rows on a fresh store (what any client could write)."""

    def __init__(self, location, conn=None):
        self.path = location
        self.conn = conn or store.open_store(location)
        self.geom = db.dialect(self.conn).geom_from_wkb
        for insee, nom, x, y in COMMUNES:
            self.conn.execute(
                "INSERT INTO commune (insee, nom, epci_siren, geom) VALUES (?, ?, '200040111', "
                "%s)" % self.geom, (insee, nom, box(x, y, x + 10000, y + 10000)))
        self.conv = convention.find_convention(self.conn)   # the default agreement

    def feature(self, x, y, table="pav"):
        new = str(uuid.uuid4())
        self.conn.execute("INSERT INTO %s (uuid, flux, geom) VALUES (?, 'verre', %s)"
                          % (table, self.geom), (new, wkb("POINT (%s %s)" % (x, y))))
        return new

    def ticket(self, category, feature=None, xy=None, application="pav"):
        new = str(uuid.uuid4())
        self.conn.execute(
            "INSERT INTO ticket (uuid, application, layer_name, feature_uuid, category, title, "
            "opened_on, geom) VALUES (?, ?, ?, ?, ?, 'Demande', '2026-01-01', %s)"
            % (self.geom if xy else "?"),
            (new, application, "pav" if feature else None, feature, category,
             wkb("POINT (%s %s)" % xy) if xy else None))
        return new

    def time(self, ticket, work_date, minutes):
        """Enter `minutes` on `work_date`, split in entries of at most a day."""
        while minutes > 0:
            chunk = min(minutes, DAY)
            self.conn.execute("INSERT INTO time_entry (ticket_uuid, work_date, agent, minutes) "
                              "VALUES (?, ?, 'agent.sit', ?)", (ticket, work_date, chunk))
            minutes -= chunk

    def cost(self, year, amount, kind="hebergement"):
        return convention.record_hosting_cost(self.conn, year, kind, "Hébergement", amount,
                                              "F-%d" % year)

    def compute(self, year=2026):
        return settlement.compute(self.conn, self.conv, year)


@pytest.fixture
def ledger(store_location):
    """A Ledger on each backend."""
    return Ledger(store_location)


def lines(result):
    return {l.code: l for l in result.lines}


def at_provisional(ledger):
    """The ledger exactly at Article 3's provisional figures for 2026."""
    feature = ledger.feature(915000, 6475000)
    ledger.time(ledger.ticket("maintenance_corrective", feature, (915000, 6475000)),
                "2026-03-02", 10 * DAY)
    ledger.time(ledger.ticket("maintenance_evolutive", feature, (915000, 6475000)),
                "2026-04-01", 5 * DAY)
    ledger.time(ledger.ticket("formation"), "2026-05-12", DAY)
    ledger.time(ledger.ticket("hotline", application="reseaux"), "2026-06-15", DAY)
    ledger.time(ledger.ticket("developpement", application="ads"), "2026-09-01", 10 * DAY)
    ledger.cost(2026, "600,00", "hebergement")
    ledger.cost(2026, "400,00", "sauvegarde")


def test_the_seed_schema_v3_inserts_is_the_whole_default_agreement(store_location):
    """Schema v3 holds its own frozen copy of the seed's agreement: every term,
    line and stored provisional amount of it is the agreement the plugin
    proposes (default_convention), on both backends."""
    conn = store.open_store(store_location)
    stored = convention.find_convention(conn)
    seed = convention.default_convention()
    assert stored.uuid and replace(stored, uuid=None) == seed
    amounts = dict(conn.execute("SELECT code, provisional_amount_cents FROM convention_line"))
    assert amounts == {l.code: l.provisional_amount_cents for l in seed.lines}


def test_a_new_store_holds_the_seed_agreement_and_a_dry_run_writes_nothing(new_store):
    import hashlib
    conn = store.open_store(new_store)
    conv = convention.find_convention(conn)
    seed = convention.default_convention()
    assert (conv.reference, conv.lines, conv.start_date) == (
        seed.reference, seed.lines, seed.start_date)

    def digest():
        with open(new_store, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()
    before = digest()
    settlement.compute(conn, conv, 2026)
    assert digest() == before


def test_ledger_exactly_at_the_provisional(ledger, tmp_path):
    at_provisional(ledger)
    r = ledger.compute()
    by = lines(r)
    assert [by[c].actual_minutes for c in ("maintenance", "formation", "developpement")] == [
        15 * DAY, 2 * DAY, 10 * DAY]
    assert {c: l.difference_ht_cents for c, l in by.items()} == dict.fromkeys(by, 0)
    # 17 200,00 € HT + 200,00 € VAT (20 % of the 1 000 € HT hosting) = 17 400,00 € TTC.
    assert (r.total_ht_cents, r.total_vat_cents, r.total_ttc_cents) == (
        1720000, 20000, 1740000)
    assert by["hebergement"].actual_ttc_cents == 120000
    assert report.euros(r.total_ttc_cents) == "17\u202f400,00\u00a0€"
    assert "17\u202f400,00\u00a0€ TTC" in report.total_due_text(r)


def test_overruns_and_underruns_per_line(ledger):
    feature = ledger.feature(915000, 6475000)
    ledger.time(ledger.ticket("maintenance_corrective", feature, (915000, 6475000)),
                "2026-02-10", 20 * DAY)                     # 20 d: +5 d, +3 000 €
    ledger.time(ledger.ticket("hotline"), "2026-02-11", DAY)  # 1 d: -1 d, -600 €
    ledger.cost(2026, "1 250,50")                          # costs above the 1 000 € HT
    by = lines(ledger.compute())
    assert (by["maintenance"].actual_ht_cents, by["maintenance"].difference_ht_cents) == (
        1200000, 300000)
    assert (by["formation"].actual_ht_cents, by["formation"].difference_ht_cents) == (
        60000, -60000)
    assert (by["developpement"].actual_ht_cents, by["developpement"].difference_ht_cents) == (
        0, -600000)
    # 1 250,50 € HT; VAT 20 % = 250,10 €; TTC 1 500,60 €.
    h = by["hebergement"]
    assert (h.actual_ht_cents, h.vat_cents, h.actual_ttc_cents, h.difference_ht_cents) == (
        125050, 25010, 150060, 25050)
    assert sum(l.actual_ttc_cents for l in by.values()) == 1200000 + 60000 + 150060


def test_a_year_with_no_entry(ledger):
    at_provisional(ledger)                  # all in 2026
    r = ledger.compute(2027)
    assert r.total_ttc_cents == 0 and r.total_minutes == 0
    assert r.provisional_ht_cents == 1720000
    assert [l.difference_ht_cents for l in r.lines] == [-100000, -900000, -120000, -600000]
    assert r.by_month == [] and r.by_feature == [] and r.by_commune == []
    assert report.html_report(r).count(tr("No time spent.")) == 4   # the four breakdowns


def test_entries_on_year_boundaries(ledger):
    t = ledger.ticket("maintenance_corrective")
    ledger.time(t, "2025-12-31", 60)     # before the agreement: in no settlement
    ledger.time(t, "2026-01-01", 30)
    ledger.time(t, "2026-12-31", 45)
    ledger.time(t, "2027-01-01", 420)
    assert lines(ledger.compute(2026))["maintenance"].actual_minutes == 75
    assert lines(ledger.compute(2027))["maintenance"].actual_minutes == 420
    months = {s.key: s.minutes for s in ledger.compute(2026).by_month}
    assert months == {"2026-01": 30, "2026-12": 45}


def test_application_level_tickets_are_transversal(ledger):
    feature = ledger.feature(925000, 6475000)             # in 73274
    ledger.time(ledger.ticket("maintenance_corrective", feature, (925000, 6475000)),
                "2026-05-05", DAY)
    ledger.time(ledger.ticket("hotline", application="plui"), "2026-05-06", 2 * DAY)
    r = ledger.compute()
    communes = {s.key: (s.label, s.minutes, s.amount_ht_cents) for s in r.by_commune}
    assert communes == {"73274": ("Saint-Pierre-d'Entremont", DAY, 60000),
                        "transversal": (communes["transversal"][0], 2 * DAY, 120000)}
    assert {s.key: s.minutes for s in r.by_application} == {"pav": DAY, "plui": 2 * DAY}
    assert [(s.layer, s.key, s.minutes) for s in r.by_feature] == [("pav", feature, DAY)]
    assert (r.by_feature[0].x, r.by_feature[0].y) == (925000, 6475000)


def test_hours_not_dividing_into_days_are_rounded_once_per_line(ledger):
    t = ledger.ticket("developpement")
    for day in ("2026-03-01", "2026-03-02", "2026-03-03"):
        ledger.time(t, day, 100)
    dev = lines(ledger.compute())["developpement"]
    # 300 min = 300/420 d = 0,714… d; 300 × 600 € / 420 = 428,5714… € → 428,57 €
    # (rounding each 100-min entry first would give 3 × 142,86 = 428,58 €).
    assert dev.actual_minutes == 300
    assert dev.actual_ht_cents == 42857
    assert dev.actual_quantity_hundredths(7) == 71
    assert report.days(300, 7) == "0,71"


def test_half_cent_rounds_up(ledger):
    conv = ledger.conv
    conv.line("hebergement").vat_rate_bp = 550               # 5,5 %
    convention.save_convention(ledger.conn, conv)
    ledger.cost(2026, "3,00")                                # VAT 16,5 cents → 17
    h = lines(ledger.compute())["hebergement"]
    assert (h.vat_cents, h.actual_ttc_cents) == (17, 317)
    assert report.rate(550) == "5,5\u00a0%"


def test_year_outside_the_term_is_refused(ledger):
    for year in (2025, 2029):
        with pytest.raises(ConventionError, match="Year %d is outside the term of agreement "
                           "PNRC-CCCC-SIT-2026 \\(01/01/2026 to 31/12/2028\\)" % year):
            ledger.compute(year)
    # An amendment extending the agreement by a year makes 2029 settleable.
    convention.add_amendment(ledger.conn, ledger.conv.uuid, Amendment(
        1, datetime.date(2028, 12, 1), "Prolongation d'un an", extension_years=1))
    ledger.conv = convention.find_convention(ledger.conn)
    assert ledger.compute(2029).year == 2029


def test_amendment_changes_a_unit_price_from_its_date(ledger):
    convention.add_amendment(ledger.conn, ledger.conv.uuid, Amendment(
        1, datetime.date(2026, 7, 1), "Revalorisation du prix de journée", "maintenance",
        new_unit_price_cents=65000))
    ledger.conv = convention.find_convention(ledger.conn)
    t = ledger.ticket("maintenance_evolutive")
    ledger.time(t, "2026-06-30", DAY)       # 600 €
    ledger.time(t, "2026-07-01", DAY)       # 650 €
    m = lines(ledger.compute())["maintenance"]
    assert m.actual_ht_cents == 60000 + 65000
    assert m.provisional_amount_cents == 900000          # in effect on 1 January 2026
    assert lines(ledger.compute(2027))["maintenance"].provisional_amount_cents == 975000
    assert {s.key: s.amount_ht_cents for s in ledger.compute().by_month} == {
        "2026-06": 60000, "2026-07": 65000}
    with pytest.raises(ConventionError, match="no line 'nope'"):
        convention.add_amendment(ledger.conn, ledger.conv.uuid, Amendment(
            2, datetime.date(2026, 9, 1), "?", "nope", new_unit_price_cents=1))


def test_an_agreement_with_costs_only(ledger):
    conv = ledger.conv
    conv.lines = [conv.line("hebergement")]
    convention.save_convention(ledger.conn, conv)
    ledger.time(ledger.ticket("hotline"), "2026-02-02", DAY)   # covered by no line
    ledger.cost(2026, "100,00")
    r = ledger.compute()
    assert [(l.code, l.actual_ttc_cents) for l in r.lines] == [("hebergement", 12000)]
    assert r.total_minutes == 0 and r.by_application == []


def test_which_agreement(ledger):
    second = convention.default_convention()
    second.reference = "PNRC-CCCC-SIT-2029"
    convention.save_convention(ledger.conn, second)
    with pytest.raises(ConventionError, match="holds 2 agreements"):
        convention.find_convention(ledger.conn)
    assert convention.find_convention(ledger.conn, "PNRC-CCCC-SIT-2029").uuid == second.uuid
    with pytest.raises(ConventionError, match="No agreement 'X'"):
        convention.find_convention(ledger.conn, "X")
    ledger.conn.execute("DELETE FROM convention")
    with pytest.raises(ConventionError, match="holds no agreement"):
        convention.find_convention(ledger.conn)


def test_agreement_validation(ledger):
    conv = ledger.conv
    conv.line("developpement").categories = ("developpement", "hotline")
    with pytest.raises(ConventionError, match="'hotline' is already covered by line formation"):
        convention.save_convention(ledger.conn, conv)
    conv = convention.default_convention()
    conv.beneficiary_siren = "12345"
    with pytest.raises(ConventionError, match="9 digits"):
        convention.save_convention(ledger.conn, conv)
    with pytest.raises(ConventionError, match="not an amount in euros to the cent"):
        convention.parse_amount("12,345")
    assert convention.parse_amount("1 000,50 €") == 100050
    assert convention.parse_amount("1000.50") == 100050


def _plain(location):
    """Another client's plain connection: sqlite3 without SpatiaLite nor
    plugin code, or a PostgreSQL session of its own."""
    if db.is_postgres(location):
        return db.pg_connect(db.parse_location(location))
    return sqlite3.connect(location, isolation_level=None)


def test_issue_locks_the_year_for_plain_sql(ledger):
    at_provisional(ledger)
    t = ledger.conn.execute("SELECT uuid FROM ticket WHERE category = 'hotline'").fetchone()[0]
    ledger.time(t, "2027-02-01", 60)
    r = settlement.issue(ledger.conn, ledger.conv, 2026)
    assert (r.version, r.total_ttc_cents) == (1, 1740000)
    sql = _plain(ledger.path)
    entry_2026 = sql.execute("SELECT fid FROM time_entry WHERE work_date < '2027-01-01'"
                             ).fetchone()[0]
    entry_2027 = sql.execute("SELECT fid FROM time_entry WHERE work_date >= '2027-01-01'"
                             ).fetchone()[0]
    attempts = [
        ("INSERT INTO time_entry (ticket_uuid, work_date, agent, minutes) "
         "VALUES (?, '2026-11-30', 'x', 60)", (t,)),
        ("UPDATE time_entry SET minutes = 1 WHERE fid = ?", (entry_2026,)),
        ("UPDATE time_entry SET work_date = '2027-01-05' WHERE fid = ?", (entry_2026,)),
        ("UPDATE time_entry SET work_date = '2026-12-05' WHERE fid = ?", (entry_2027,)),
        ("DELETE FROM time_entry WHERE fid = ?", (entry_2026,)),
        ("INSERT INTO hosting_cost (year, kind, label, amount_ht_cents) "
         "VALUES (2026, 'autre', 'x', 1)", ()),
        ("UPDATE hosting_cost SET amount_ht_cents = 1", ()),
        ("DELETE FROM hosting_cost", ()),
        ("UPDATE settlement SET total_ttc_cents = 0", ()),
        ("DELETE FROM settlement", ()),
        ("UPDATE settlement_line SET actual_ht_cents = 0", ()),
        ("DELETE FROM settlement_line", ()),
    ]
    for statement, args in attempts:
        with pytest.raises(sqlite3.IntegrityError, match="settled|cannot be|settlement"):
            sql.execute(statement, args)
    # The GeoPackage's ticket table has R-tree triggers: only clients with the
    # GeoPackage functions can write it at all.
    writer = _plain(ledger.path) if db.is_postgres(ledger.path) else store.connect(ledger.path)
    with pytest.raises(sqlite3.IntegrityError, match="settled year"):
        writer.execute(
            "UPDATE ticket SET category = 'developpement' WHERE uuid = ?", (t,))
    # Another year stays open.
    sql.execute("UPDATE time_entry SET minutes = 90 WHERE fid = ?", (entry_2027,))
    with pytest.raises(SettlementError, match="already issued \\(version 1"):
        settlement.issue(ledger.conn, ledger.conv, 2026)
    with pytest.raises(ConventionError, match="refused"):
        ledger.cost(2026, "10,00")


def test_reopen_unlocks_and_history_keeps_both_versions(ledger):
    at_provisional(ledger)
    v1 = settlement.issue(ledger.conn, ledger.conv, 2026)
    with pytest.raises(SettlementError, match="needs a reason"):
        settlement.reopen_year(ledger.conn, ledger.conv, 2026, "  ")
    with pytest.raises(sqlite3.IntegrityError, match="needs a reason"):
        _plain(ledger.path).execute("UPDATE settlement SET reopened_at = '2027-01-10'")
    assert settlement.reopen_year(ledger.conn, ledger.conv, 2026,
                                  "Oubli d'une journée de formation") == 1
    t = ledger.conn.execute("SELECT uuid FROM ticket WHERE category = 'formation'").fetchone()[0]
    ledger.time(t, "2026-12-15", DAY)                         # now accepted
    v2 = settlement.issue(ledger.conn, ledger.conv, 2026)
    assert (v2.version, v2.total_ttc_cents) == (2, 1740000 + 60000)
    history = settlement.history(ledger.conn, ledger.conv.uuid, 2026)
    assert [(h["version"], h["total_ttc_cents"], h["reopen_reason"]) for h in history] == [
        (1, 1740000, "Oubli d'une journée de formation"), (2, 1800000, None)]
    assert history[0]["inputs_digest"] == v1.digest != v2.digest
    assert history[0]["reopened_at"] and history[1]["reopened_at"] is None
    with pytest.raises(sqlite3.IntegrityError, match="already reopened"):
        _plain(ledger.path).execute("UPDATE settlement SET reopen_reason = 'autre' "
                                    "WHERE version = 1")
    lines_v1 = ledger.conn.execute("SELECT count(*) FROM settlement_line WHERE "
                                   "settlement_uuid = ?", (v1.uuid,)).fetchone()[0]
    assert lines_v1 == 4


def test_lock_holds_in_a_qgis_edit_session(qgis_app, ledger, pg_authcfg):
    from qgis.core import QgsFeature, QgsVectorLayer
    at_provisional(ledger)
    ledger.conn.close()
    # QGIS reaches PostgreSQL through its authentication configuration.
    source, provider = with_authcfg(ledger.path, pg_authcfg).layer_source("time_entry")
    layer = QgsVectorLayer(source, "time_entry", provider)
    assert layer.isValid()
    settlement_conn = store.open_store(ledger.path)
    conv = convention.find_convention(settlement_conn)
    settlement.issue(settlement_conn, conv, 2026)
    minutes = layer.fields().indexOf("minutes")

    def edit(action):
        layer.startEditing()
        action()
        ok = layer.commitChanges()
        if not ok:
            layer.rollBack()
        return ok

    fid = next(layer.getFeatures()).id()
    assert not edit(lambda: layer.changeAttributeValue(fid, minutes, 1))
    assert not edit(lambda: layer.deleteFeature(fid))
    new = QgsFeature(layer.fields())
    new["ticket_uuid"] = next(layer.getFeatures())["ticket_uuid"]
    new["work_date"] = "2026-10-10"
    new["agent"] = "qgis"
    new["minutes"] = 30
    assert not edit(lambda: layer.addFeature(new))
    total = settlement_conn.execute("SELECT sum(minutes), count(*) FROM time_entry").fetchone()
    assert total == (27 * DAY, 27)   # unchanged: at_provisional wrote 27 one-day entries
    settlement.reopen_year(settlement_conn, conv, 2026, "Correction d'une saisie")
    assert edit(lambda: layer.changeAttributeValue(fid, minutes, 1))
    assert settlement_conn.execute("SELECT minutes FROM time_entry WHERE fid = ?",
                                   (fid,)).fetchone()[0] == 1


def test_dry_run_and_cancellation_record_nothing(ledger):
    at_provisional(ledger)
    r = ledger.compute()
    assert r.version is None and r.total_ttc_cents == 1740000
    calls = []

    def cancel_midway(percent):
        calls.append(percent)
        return len(calls) < 3

    with pytest.raises(settlement.Cancelled):
        settlement.issue(ledger.conn, ledger.conv, 2026, progress=cancel_midway)

    def fail(_result):
        raise OSError("disk full")

    with pytest.raises(OSError):
        settlement.issue(ledger.conn, ledger.conv, 2026, before_commit=fail)
    assert ledger.conn.execute("SELECT count(*) FROM settlement").fetchone()[0] == 0
    assert ledger.conn.execute("SELECT count(*) FROM settlement_line").fetchone()[0] == 0
    ledger.time(ledger.ticket("formation"), "2026-12-01", 10)   # the year is still open


def test_csv_for_the_accountant(ledger, tmp_path):
    at_provisional(ledger)
    r = ledger.compute()
    path = report.write_csv(r, str(tmp_path / "decompte.csv"))
    raw = open(path, "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = [line.split(";") for line in raw.decode("utf-8-sig").splitlines()]
    header, body, total = rows[0], rows[1:-1], rows[-1]
    assert len(body) == 4 and total[2] == "TOTAL"
    assert total[3] == tr("Simulation, not a titre de recettes ({year})").format(year=2026)
    ttc = header.index("montant_ttc")
    assert [row[ttc] for row in body] == ["1200,00", "9000,00", "1200,00", "6000,00"]
    assert total[ttc] == "17400,00"
    cents = sum(int(row[ttc].replace(",", "")) for row in body)
    assert cents == int(total[ttc].replace(",", "")) == r.total_ttc_cents
