"""Money without a store (core/agreement): amounts in euros read exactly,
cents rounded half up, the seed's tariffs, amendments by date, VAT per line."""
import datetime
from dataclasses import replace
from decimal import Decimal

import pytest

from sit_chartreuse.core.agreement import convention, settlement
from sit_chartreuse.core.agreement.convention import Amendment, ConventionError


def test_default_agreement_is_the_seed():
    conv = convention.default_convention()
    assert (conv.start_date, conv.end_date) == (datetime.date(2026, 1, 1),
                                                datetime.date(2028, 12, 31))
    assert conv.hours_per_day == 7
    provisional = {l.code: l.provisional_amount_cents for l in conv.lines}
    assert provisional == {"hebergement": 100000, "maintenance": 900000, "formation": 120000,
                           "developpement": 600000}
    assert sum(provisional.values()) == 1720000          # 17 200 € HT
    hosting = conv.line("hebergement")
    assert (hosting.kind, hosting.vat_rate_bp) == ("costs", 2000)   # 1 200 € TTC
    assert {l.vat_rate_bp for l in conv.lines if l.kind == "days"} == {0}



@pytest.mark.parametrize("cents, whole", [
    (Decimal("0.5"), 1), (Decimal("1.49"), 1), (Decimal("2.5"), 3), (Decimal("-0.5"), -1),
    ("12.5", 13), (7, 7)])
def test_cents_round_half_up_away_from_zero(cents, whole):
    assert convention.round_cents(cents) == whole


@pytest.mark.parametrize("text, cents", [
    ("1 000,50 €", 100050), ("1000.50", 100050), ("1\u202f000,5", 100050), ("1.000,00", 100000),
    ("0,01", 1), (Decimal("12.3"), 1230), (12, 1200), ("-5", -500)])
def test_amounts_in_euros_are_read_exactly(text, cents):
    assert convention.parse_amount(text) == cents


@pytest.mark.parametrize("text", ["12,345", "douze", "", "NaN", "Infinity", "1e400"])
def test_an_amount_that_is_not_to_the_cent_is_named(text):
    with pytest.raises(ConventionError, match="'%s' is not an amount in euros" % text):
        convention.parse_amount(text)


def test_a_provisional_amount_is_rounded_once_half_up():
    line = convention.Line("x", "x", convention.DAYS, 333, 1234)   # 3.33 d × 12.34 €
    assert line.provisional_amount_cents == 4109                   # 4109.22 cents
    assert replace(line, provisional_quantity_hundredths=250,
                   unit_price_cents=1).provisional_amount_cents == 3   # 2.5 cents


def test_an_amendment_applies_from_its_date_and_extends_the_term():
    conv = convention.default_convention()
    conv.amendments = [Amendment(1, datetime.date(2027, 7, 1), "tarif", "maintenance",
                                 new_unit_price_cents=65000, extension_years=1)]
    assert conv.end_date == datetime.date(2029, 12, 31) and conv.years()[-1] == 2029
    assert conv.line_on("maintenance", datetime.date(2027, 6, 30)).unit_price_cents == 60000
    assert conv.line_on("maintenance", datetime.date(2027, 7, 1)).unit_price_cents == 65000
    assert conv.line_on("formation", datetime.date(2027, 7, 1)).unit_price_cents == 60000
    assert conv.price_periods("maintenance", datetime.date(2027, 1, 1),
                              datetime.date(2027, 12, 31)) == [
        (datetime.date(2027, 1, 1), datetime.date(2027, 6, 30), 60000),
        (datetime.date(2027, 7, 1), datetime.date(2027, 12, 31), 65000)]


def test_an_agreement_from_29_february_ends_on_28_february():
    conv = replace(convention.default_convention(), start_date=datetime.date(2028, 2, 29),
                   duration_years=1)
    assert conv.end_date == datetime.date(2029, 2, 27)
    assert conv.term_of_year(2029) == (datetime.date(2029, 1, 1), datetime.date(2029, 2, 27))
    with pytest.raises(ConventionError, match="Year 2030 is outside the term"):
        conv.term_of_year(2030)


def test_vat_is_per_line_on_its_own_costs_rounded_half_up():
    conv = convention.default_convention()
    conv.lines[0] = replace(conv.lines[0], vat_rate_bp=550)           # hosting at 5.5 %
    lines = [settlement.LineResult(n, l.code, l.label, l.kind, l.provisional_quantity_hundredths,
                                   l.unit_price_cents, l.provisional_amount_cents, l.vat_rate_bp,
                                   actual_ht_cents=0 if l.kind == convention.COSTS else 90000)
             for n, l in enumerate(conv.lines, 1)]
    costs = [("stockage", "Disques", 1010, "F1", ""), ("sauvegarde", "Bandes", 500, "F2", ""),
             ("licence", "not a hosting kind of the line", 99999, "F3", "")]
    result = settlement.Result(conv, 2026, datetime.date(2026, 1, 1),
                               datetime.date(2026, 12, 31), lines, costs)
    settlement._cost_lines(result)
    hosting = result.lines[0]
    assert (hosting.actual_ht_cents, hosting.vat_cents, hosting.actual_ttc_cents) == (
        1510, 83, 1593)                                                 # 83.05 cents
    assert {(l.vat_cents, l.actual_ttc_cents) for l in result.lines[1:]} == {(0, 90000)}
    assert (result.total_ht_cents, result.total_vat_cents) == (1510 + 3 * 90000, 83)
