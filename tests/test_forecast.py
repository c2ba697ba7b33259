"""The forecast of a year's provisional quantities and the agreement's term:
figures computed by hand, both backends.

Default agreement (seed, Article 3): hosting 1 000 € HT; maintenance 15 d ×
600 €; training and hotline 2 d × 600 €; development 10 d × 600 €; one day
= 7 h = 420 min; from 2026 for three years.
"""
import datetime
from fractions import Fraction

import pytest

from sit_chartreuse.core.agreement import convention, forecast, settlement
from sit_chartreuse.core.agreement.convention import Amendment
from test_consumption import by_code, ledger  # noqa: F401 (fixture)
from test_settlement import DAY, Ledger


def history(ledger):
    """Maintenance: 10, 12, 15 and 17 days in 2022-2025 (4 years); training
    and hotline: 4, 2 and 0.5 days in 2023-2025 (3 years); development:
    nothing; hosting: 900,01 € in 2024, 600 € + 500 € in 2025 (2 years).
    2026 has begun (5 maintenance days in February): it is not complete."""
    corrective, evolutive = (ledger.ticket("maintenance_corrective"),
                             ledger.ticket("maintenance_evolutive"))
    for year, days in ((2022, 10), (2023, 12), (2024, 15), (2025, 17)):
        ledger.time(corrective, "%d-03-01" % year, (days - 2) * DAY)
        ledger.time(evolutive, "%d-11-30" % year, 2 * DAY)
    training, hotline = ledger.ticket("formation"), ledger.ticket("hotline")
    ledger.time(training, "2023-05-10", 3 * DAY)
    ledger.time(hotline, "2023-12-31", DAY)
    ledger.time(training, "2024-01-01", 2 * DAY)
    ledger.time(hotline, "2025-06-15", DAY // 2)
    ledger.time(corrective, "2026-02-02", 5 * DAY)
    ledger.cost(2024, "900,01", "stockage")
    ledger.cost(2025, "600,00")
    ledger.cost(2025, "500,00", "sauvegarde")


def test_forecast_from_three_and_four_years(ledger):
    history(ledger)
    result = forecast.compute(ledger.conn, ledger.conv, 2026, datetime.date(2026, 3, 1))
    lines = by_code(result)
    m = lines["maintenance"]
    assert m.actuals == ((2022, 10), (2023, 12), (2024, 15), (2025, 17))
    # Mean 54 / 4 = 13.5, range 10 to 17. Least squares: years' deviations
    # from 2023.5 are -1.5, -0.5, 0.5, 1.5 (squares: 5), days' from 13.5 are
    # -3.5, -1.5, 1.5, 3.5; products 5.25 + 0.75 + 0.75 + 5.25 = 12; slope
    # 12 / 5 = 2.4 d a year; at 2026: 13.5 + 2.4 × 2.5 = 19.5 d × 600 €.
    assert (m.years, m.mean, m.minimum, m.maximum) == (4, Fraction(27, 2), 10, 17)
    assert (m.method, m.slope, m.trend_value) == (forecast.TREND, Fraction(12, 5),
                                                  Fraction(39, 2))
    assert (m.proposed_quantity_hundredths, m.proposed_amount_cents) == (1950, 1170000)
    f = lines["formation"]
    # 4, 2, 0.5 days in 2023-2025: mean 6.5 / 3, range 0.5 to 4; deviations
    # -1, 0, 1 (squares: 2), products -1 × (4 - 13/6) + 1 × (0.5 - 13/6) =
    # -3.5, slope -1.75; at 2026: 13/6 - 1.75 × 2 = -4/3 d, floored at 0.
    assert f.actuals == ((2023, 4), (2024, 2), (2025, Fraction(1, 2)))
    assert (f.mean, f.minimum, f.maximum) == (Fraction(13, 6), Fraction(1, 2), 4)
    assert (f.method, f.slope, f.trend_value) == (forecast.TREND, Fraction(-7, 4),
                                                  Fraction(-4, 3))
    assert (f.proposed_quantity_hundredths, f.proposed_amount_cents) == (0, 0)
    d = lines["developpement"]
    # No history: the 10 days in effect are kept.
    assert (d.method, d.years, d.mean, d.slope) == (forecast.NO_HISTORY, 0, None, None)
    assert (d.proposed_quantity_hundredths, d.proposed_amount_cents) == (1000, 600000)
    h = lines["hebergement"]
    # Two years, the mean: (90 001 + 110 000) / 2 = 100 000.5 cents, half up.
    assert h.actuals == ((2024, 90001), (2025, 110000))
    assert (h.method, h.slope, h.proposed_quantity_hundredths) == (forecast.MEAN, None, None)
    assert h.proposed_amount_cents == 100001
    assert (result.provisional_ht_cents, result.proposed_ht_cents) == (
        1720000, 1170000 + 600000 + 100001)


def test_forecast_of_a_later_year_at_its_price(ledger):
    """On 1 March 2026, 2027 is forecast from 2022-2025 too (2026 is not
    complete), at the price in effect on 1 January 2027 (an amendment: 700 €):
    maintenance 13.5 + 2.4 × 3.5 = 21.9 d × 700 € = 15 330 €."""
    history(ledger)
    convention.add_amendment(ledger.conn, ledger.conv.uuid, Amendment(
        1, datetime.date(2027, 1, 1), "Avenant n° 1", "maintenance",
        new_unit_price_cents=70000))
    conv = convention.find_convention(ledger.conn)
    m = by_code(forecast.compute(ledger.conn, conv, 2027, datetime.date(2026, 3, 1)))[
        "maintenance"]
    assert m.actuals[-1] == (2025, 17)
    assert (m.proposed_quantity_hundredths, m.proposed_amount_cents) == (2190, 1533000)
    # A year later 2026 is complete: 5 days, a fifth year for the trend.
    m = by_code(forecast.compute(ledger.conn, conv, 2027, datetime.date(2027, 3, 1)))[
        "maintenance"]
    assert m.actuals[-1] == (2026, 5) and m.years == 5


def test_no_recorded_year(ledger):
    """A ledger whose first year is not over: every line says so and keeps
    the provisional in effect."""
    ledger.time(ledger.ticket("developpement"), "2026-02-02", DAY)
    result = forecast.compute(ledger.conn, ledger.conv, 2026, datetime.date(2026, 3, 1))
    assert {l.method for l in result.lines} == {forecast.NO_HISTORY}
    assert result.proposed_ht_cents == result.provisional_ht_cents == 1720000


def test_term_summary_with_amendments(ledger):
    """Maintenance becomes 20 d at 700 € from 1 July 2027 and the agreement
    is extended by a year: the term is 2026-2029. On 30 September 2027:
    2026 is past (its settlement, issued), 2027 is to date, 2028-2029 future."""
    for amendment in (
            Amendment(1, datetime.date(2027, 7, 1), "Avenant n° 1", "maintenance",
                      new_unit_price_cents=70000, new_provisional_quantity_hundredths=2000),
            Amendment(2, datetime.date(2028, 1, 1), "Avenant n° 2", extension_years=1)):
        convention.add_amendment(ledger.conn, ledger.conv.uuid, amendment)
    conv = convention.find_convention(ledger.conn)
    maintenance = ledger.ticket("maintenance_corrective")
    ledger.time(maintenance, "2026-03-02", 12 * DAY)
    ledger.time(ledger.ticket("hotline"), "2026-04-01", DAY)
    ledger.cost(2026, "1 000,00")
    settlement.issue(ledger.conn, conv, 2026)
    ledger.time(maintenance, "2027-03-01", 2 * DAY)
    ledger.time(maintenance, "2027-08-02", 3 * DAY)
    ledger.time(maintenance, "2027-10-15", DAY)     # after the date
    ledger.cost(2027, "500,00")
    term = forecast.term_summary(ledger.conn, conv, datetime.date(2027, 9, 30))
    years = {y.year: y for y in term.years}
    assert list(years) == [2026, 2027, 2028, 2029]
    assert [y.status for y in term.years] == [forecast.PAST, forecast.TO_DATE,
                                              forecast.FUTURE, forecast.FUTURE]
    # 2026: 12 d × 600 € + 1 d × 600 € + 1 000 € = 8 800 €, settled (version 1).
    y = years[2026]
    assert (y.provisional_days_hundredths, y.provisional_ht_cents) == (2700, 1720000)
    assert (y.actual_minutes, y.actual_ht_cents, y.settled_version) == (13 * DAY, 880000, 1)
    # 2027: provisional in effect on 1 January (the amendment comes in July);
    # to date 2 d × 600 € + 3 d × 700 € + 500 € = 3 800 €.
    y = years[2027]
    assert (y.provisional_days_hundredths, y.provisional_ht_cents) == (2700, 1720000)
    assert (y.actual_minutes, y.actual_ht_cents, y.settled_version) == (5 * DAY, 380000, None)
    # 2028 and 2029: 1 000 + 20 × 700 + 2 × 600 + 10 × 600 = 22 200 €, 32 d.
    for year in (2028, 2029):
        y = years[year]
        assert (y.provisional_days_hundredths, y.provisional_ht_cents) == (3200, 2220000)
        assert (y.actual_minutes, y.actual_ht_cents) == (None, None)
        assert by_code(y)["maintenance"].provisional_amount_cents == 1400000
    assert [y.cumulated_provisional_ht_cents for y in term.years] == [
        1720000, 3440000, 5660000, 7880000]
    assert [y.cumulated_actual_ht_cents for y in term.years] == [880000, 1260000, None, None]


def past_term(ledger):
    """An agreement from 2021 for three years (all past whatever the day the
    test runs): maintenance 10, 12 and 17 days in 2021-2023, hosting 1 000 €
    in 2023, nothing on the other lines."""
    ledger.conv.start_date = datetime.date(2021, 1, 1)
    convention.save_convention(ledger.conn, ledger.conv)
    maintenance = ledger.ticket("maintenance_corrective")
    for year, days in ((2021, 10), (2022, 12), (2023, 17)):
        ledger.time(maintenance, "%d-06-01" % year, days * DAY)
    ledger.cost(2023, "1 000,00")


def test_forecast_algorithm(sit_processing, store_location, tmp_path):
    """processing.run: one row per line with the method and its spread; the
    page in French with the forecast, the term table and an SVG chart.
    Maintenance, 2024: mean 13, deviations -1, 0, 1 and -3, -1, 4: slope
    7 / 2 = 3.5, at 2024 13 + 3.5 × 2 = 20 d × 600 € = 12 000 €."""
    import processing
    from qgis.core import QgsProcessingException, QgsVectorLayer
    ledger = Ledger(store_location)
    past_term(ledger)
    ledger.conn.close()
    page = str(tmp_path / "prevision.html")
    outputs = processing.run("sitchartreuse:forecast", {
        "STORE": str(store_location), "YEAR": 2024,
        "OUTPUT_TABLE": str(tmp_path / "prevision.gpkg"), "OUTPUT_HTML": page})
    table = QgsVectorLayer(outputs["OUTPUT_TABLE"], "t", "ogr")
    rows = {r["code"]: r for r in table.getFeatures()}
    del table   # the error below keeps this frame alive: freeing GDAL at exit crashes
    assert list(rows) == ["hebergement", "maintenance", "formation", "developpement"]
    m = rows["maintenance"]
    assert (m["methode"], m["annees"], m["annees_lues"]) == (forecast.TREND, 3,
                                                           "2021, 2022, 2023")
    assert (m["moyenne"], m["minimum"], m["maximum"], m["pente_par_an"]) == (13, 10, 17, 3.5)
    assert (m["quantite_proposee"], m["montant_propose_ht_centimes"]) == (20, 1200000)
    h = rows["hebergement"]
    assert (h["methode"], h["unite"], h["moyenne"], h["montant_propose_ht_centimes"]) == (
        forecast.MEAN, "euro HT", 1000, 100000)
    d = rows["developpement"]
    assert (d["methode"], d["annees"], d["quantite_proposee"]) == (forecast.NO_HISTORY, 0, 10)
    with open(page, encoding="utf-8") as f:
        text = f.read()
    assert "<script" not in text and text.count('<rect class="actual"') == 3
    # Term: 17 200 € provisional a year; actual 6 000, 7 200 and 11 200 €,
    # cumulated 6 000, 13 200 and 24 400 € against 17 200, 34 400, 51 600 €.
    for figure in ("12\u202f000,00\u00a0€", "01/01/2021 – 31/12/2021", "24\u202f400,00\u00a0€",
                   "51\u202f600,00\u00a0€", "11\u202f200,00\u00a0€", "3,50\u00a0"):
        assert figure in text
    with pytest.raises(QgsProcessingException, match="No agreement 'AUTRE'"):
        processing.run("sitchartreuse:forecast", {
            "STORE": str(store_location), "CONVENTION": "AUTRE", "YEAR": 2024,
            "OUTPUT_TABLE": "TEMPORARY_OUTPUT"})


def test_settlement_pdf_has_the_term_page(ledger, tmp_path):
    """The settlement's PDF gains a fourth page: the term's table (figures of
    test_forecast_algorithm) and its chart. Written while the settlement is
    issued (as sitchartreuse:settlement does), it reads the version being
    recorded."""
    from qgis.core import QgsLayoutItemManualTable, QgsLayoutItemPicture
    from sit_chartreuse.core.reports import effort, forecast_report, report_layout
    from test_settlement_documents import pdf_text
    past_term(ledger)
    result = settlement.compute(ledger.conn, ledger.conv, 2023)
    term = forecast.term_summary(ledger.conn, ledger.conv)
    layout, _project = report_layout.build_layout(
        result, effort.effort_layers(ledger.conn, result), term)
    assert layout.pageCollection().pageCount() == 4
    on_last = [item for item in layout.items() if getattr(item, "page", None)
               and item.page() == 3]
    pictures = [item for item in on_last if isinstance(item, QgsLayoutItemPicture)]
    assert len(pictures) == 1 and not pictures[0].isMissingImage()
    (table,) = {id(t): t for t in (frame.multiFrame() for frame in on_last
                                   if hasattr(frame, "multiFrame"))
                if isinstance(t, QgsLayoutItemManualTable)
                and [c.heading() for c in t.headers()] == forecast_report.term_headers()
                }.values()
    years = [[cell.content() for cell in row] for row in table.tableContents()]
    assert [row[0] for row in years] == ["2021", "2022", "2023"]
    assert [row[6] for row in years] == [
        "6\u202f000,00\u00a0€", "7\u202f200,00\u00a0€", "11\u202f200,00\u00a0€"]
    assert years[2][8:] == ["51\u202f600,00\u00a0€", "24\u202f400,00\u00a0€"]
    path = str(tmp_path / "decompte.pdf")
    settlement.issue(ledger.conn, ledger.conv, 2023,
                     before_commit=lambda r: report_layout.write_pdf(r, ledger.conn, path))
    pages = pdf_text(path).split("\f")
    assert len([p for p in pages if p.strip()]) == 4
    assert "24 400,00 €" in pages[3] and "01/01/2021 – 31/12/2021" in pages[3]
    assert "settled (version 1)" in pages[3] and "not settled (simulation)" in pages[3]
