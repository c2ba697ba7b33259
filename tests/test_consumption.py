"""The agreement during the year (consumption to a date, projection):
figures computed by hand, both backends.

Default agreement (seed, Article 3): hosting 1 000 € HT; maintenance 15 d ×
600 €; training and hotline 2 d × 600 €; development 10 d × 600 €; one day
= 7 h = 420 min; from 2026 for three years.
"""
import datetime
from decimal import Decimal

import pytest

from sit_chartreuse.core.agreement import consumption, convention
from sit_chartreuse.core.agreement.convention import Amendment
from test_settlement import DAY, Ledger


@pytest.fixture
def ledger(store_location):
    return Ledger(store_location)


def by_code(result):
    return {l.code: l for l in result.lines}


def test_a_line_exactly_at_80_percent_and_one_over_100(ledger):
    """30 June 2026 is day 181 of 365: the linear projection is used × 365 / 181."""
    ledger.time(ledger.ticket("maintenance_corrective"), "2026-03-02", 8 * DAY)
    ledger.time(ledger.ticket("maintenance_evolutive"), "2026-06-30", 4 * DAY)
    ledger.time(ledger.ticket("hotline"), "2026-05-12", 2 * DAY + 1)
    ledger.time(ledger.ticket("developpement"), "2026-07-01", DAY)   # after the date
    ledger.cost(2026, "600,00")
    result = consumption.compute(ledger.conn, ledger.conv, 2026, datetime.date(2026, 6, 30))
    assert result.elapsed_share == Decimal(181) / 365
    lines = by_code(result)
    m = lines["maintenance"]
    # 12 of 15 days: 80 % exactly, which is the alert.
    assert (m.used_minutes, m.used_ht_cents, m.share) == (12 * DAY, 720000, Decimal("0.8"))
    assert (m.state, m.method, m.left_ht_cents) == (consumption.REACHED_80,
                                                    consumption.LINEAR, 180000)
    # 5 040 × 365 / 181 = 10 163.54 min; + 5 123.54 min × 600 € / 420 = 7 319,34 €.
    assert (m.projected_minutes, m.projected_ht_cents) == (10164, 1451934)
    f = lines["formation"]
    assert f.share == Decimal(2 * DAY + 1) / (2 * DAY) and f.state == consumption.OVER_100
    assert f.used_ht_cents == 120143             # 841 min × 600 € / 420 = 1 201,43 €
    d = lines["developpement"]
    assert (d.used_minutes, d.share, d.state) == (0, 0, consumption.ON_TRACK)
    h = lines["hebergement"]
    # 600 € of 1 000 €; 600 € × 365 / 181 = 1 209,94 €.
    assert (h.share, h.projected_ht_cents, h.state) == (Decimal("0.6"), 120994,
                                                        consumption.ON_TRACK)


def test_a_year_with_no_entry_yet(ledger):
    """1 January 2027, last year's time all after that date: nothing used,
    nothing projected, the seasonal basis is nil so the projection is linear."""
    ledger.time(ledger.ticket("maintenance_corrective"), "2026-05-04", 3 * DAY)
    result = consumption.compute(ledger.conn, ledger.conv, 2027, datetime.date(2027, 1, 1))
    assert result.elapsed_share == Decimal(1) / 365
    for line in result.lines:
        assert (line.used_minutes, line.used_ht_cents, line.share) == (0, 0, 0)
        assert (line.projected_ht_cents, line.state, line.method) == (
            0, consumption.ON_TRACK, consumption.LINEAR)
    assert result.provisional_ht_cents == 1720000
    with pytest.raises(consumption.ConsumptionError, match="before the year"):
        ledger.conv.start_date = datetime.date(2027, 3, 1)
        consumption.compute(ledger.conn, ledger.conv, 2027, datetime.date(2027, 2, 1))


def test_an_amendment_during_the_year(ledger):
    """From 1 July 2026 maintenance is 20 days at 700 €: it applies from that
    date, to the provisional figures, the price of the time and of the rest."""
    convention.add_amendment(ledger.conn, ledger.conv.uuid, Amendment(
        1, datetime.date(2026, 7, 1), "Avenant n° 1", "maintenance",
        new_unit_price_cents=70000, new_provisional_quantity_hundredths=2000))
    conv = convention.find_convention(ledger.conn)
    ticket = ledger.ticket("maintenance_corrective")
    ledger.time(ticket, "2026-03-02", 6 * DAY)
    ledger.time(ticket, "2026-07-15", 6 * DAY)
    june = by_code(consumption.compute(ledger.conn, conv, 2026, datetime.date(2026, 6, 30)))
    m = june["maintenance"]
    assert (m.provisional_quantity_hundredths, m.provisional_amount_cents) == (1500, 900000)
    assert (m.used_ht_cents, m.share) == (360000, Decimal("0.4"))
    july = by_code(consumption.compute(ledger.conn, conv, 2026, datetime.date(2026, 7, 31)))
    m = july["maintenance"]
    assert (m.provisional_quantity_hundredths, m.provisional_amount_cents) == (2000, 1400000)
    # 6 d × 600 € + 6 d × 700 € = 7 800 €; 12 of 20 days.
    assert (m.used_ht_cents, m.share, m.unit_price_cents) == (780000, Decimal("0.6"), 70000)
    # Day 212 of 365: 5 040 × 365 / 212 = 8 677.36 min; the rest at 700 €:
    # 3 637.36 min × 700 € / 420 = 6 062,26 €, so 13 862,26 €.
    assert (m.projected_minutes, m.projected_ht_cents) == (8677, 1386226)


def test_29_february_and_the_seasonal_projection(ledger):
    """On 29 February 2028 (day 60 of 366). Development has a history: 2026
    and 2027 reached 2 of their 8 days by that date (28 February 2026
    counted, 1 March not), a quarter: 1 day used projects to 4 days.
    Maintenance has no history: linear."""
    dev = ledger.ticket("developpement")
    for day, days in (("2026-02-28", 1), ("2026-03-01", 1), ("2026-10-05", 2),
                      ("2027-01-10", 1), ("2027-11-02", 3), ("2028-02-29", 1)):
        ledger.time(dev, day, days * DAY)
    ledger.time(ledger.ticket("maintenance_corrective"), "2028-02-29", DAY)
    result = consumption.compute(ledger.conn, ledger.conv, 2028, datetime.date(2028, 2, 29))
    assert result.elapsed_share == Decimal(60) / 366
    lines = by_code(result)
    d = lines["developpement"]
    assert (d.method, d.past_years) == (consumption.SEASONAL, (2026, 2027))
    assert (d.projected_minutes, d.projected_ht_cents) == (4 * DAY, 240000)
    m = lines["maintenance"]
    # 420 × 366 / 60 = 2 562 min = 6,1 days = 3 660 €.
    assert (m.method, m.projected_minutes, m.projected_ht_cents) == (
        consumption.LINEAR, 2562, 366000)


def test_consumption_algorithm(run_algorithm, store_location, tmp_path):
    """The table has one row per line with the domain's figures; the page
    shows them in French with a chart of SVG bars; a bad date names itself."""
    from qgis.core import QgsProcessingException, QgsVectorLayer
    ledger = Ledger(store_location)
    ledger.time(ledger.ticket("maintenance_corrective"), "2026-03-02", 12 * DAY)
    ledger.cost(2026, "1 250,00")
    ledger.conn.close()
    page = str(tmp_path / "consommation.html")
    outputs = run_algorithm("consumption", {
        "STORE": str(store_location), "YEAR": 2026, "AT": "2026-06-30",
        "OUTPUT_TABLE": str(tmp_path / "lignes.gpkg"), "OUTPUT_HTML": page})
    table = QgsVectorLayer(outputs["OUTPUT_TABLE"], "t", "ogr")
    rows = {r["code"]: r for r in table.getFeatures()}
    assert list(rows) == ["hebergement", "maintenance", "formation", "developpement"]
    m = rows["maintenance"]
    assert (m["minutes"], m["montant_ht_centimes"], m["part_utilisee"]) == (12 * DAY, 720000, 0.8)
    assert (m["projection_ht_centimes"], m["date"].toString("yyyy-MM-dd")) == (1451934,
                                                                                "2026-06-30")
    assert rows["hebergement"]["part_utilisee"] == 1.25
    with open(page, encoding="utf-8") as f:
        text = f.read()
    assert text.count('<rect class="used"') == 4 and "<script" not in text
    assert "30/06/2026" in text and "7\u202f200,00\u00a0€" in text and "80,0\u00a0%" in text
    with pytest.raises(QgsProcessingException, match="'30/06/2026' is not a date"):
        run_algorithm("consumption", {"STORE": str(store_location), "YEAR": 2026,
                                      "AT": "30/06/2026",
                                      "OUTPUT_TABLE": str(tmp_path / "x.gpkg")})
