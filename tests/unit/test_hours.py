"""Hours as people write them (core/ledger/ledger.py) and as Kimai exports
them (core/ledger/timeimport.py): exact minutes, rounded half up."""
from decimal import Decimal

import pytest

from sit_chartreuse.core.ledger import ledger, timeimport


@pytest.mark.parametrize("hours, minutes", [
    ("1.5", 90), ("1,5", 90), (Decimal("0.25"), 15), ("1:30", 90), (2, 120), ("24", 1440),
    ("0.01", 1), ("0.0083", 0), ("0", 0), ("24.01", 1441), ("-1", -60)])
def test_hours_are_rounded_half_up_to_the_minute_and_bounded(hours, minutes):
    if 0 < minutes <= 1440:
        assert ledger.hours_to_minutes(hours) == minutes
    else:
        with pytest.raises(ledger.LedgerError, match="out of range"):
            ledger.hours_to_minutes(hours)


def test_hours_refuse_floats_and_text():
    with pytest.raises(ledger.LedgerError, match="exactly"):
        ledger.hours_to_minutes(1.5)
    with pytest.raises(ledger.LedgerError, match="not a number"):
        ledger.hours_to_minutes("une heure")



def test_minutes_give_exact_hours_to_the_hundredth():
    assert ledger.minutes_to_hours(90) == Decimal("1.50")
    assert ledger.minutes_to_hours(1) == Decimal("0.02")      # 0.01666... rounds up
    assert ledger.minutes_to_hours(None) == Decimal("0.00")


@pytest.mark.parametrize("value, iso", [
    ("2026-03-02", "2026-03-02"), (" 02/03/2026 ", "2026-03-02")])
def test_dates_in_iso_or_french_order(value, iso):
    assert ledger.parse_date(value) == iso


@pytest.mark.parametrize("value", ["2026-02-30", "03/02/26", "", "demain"])
def test_a_date_that_is_not_one_is_named(value):
    with pytest.raises(ledger.LedgerError, match="is not a date"):
        ledger.parse_date(value)


@pytest.mark.parametrize("row, minutes", [
    ({"hours": "1,25"}, 75),
    ({"duration": "1:30:29"}, 90), ({"duration": "1:30:30"}, 91),   # seconds, half up
    ({"duration": "0:45"}, 45), ({"duration": "0.5"}, 30),
    ({"begin": "08:30", "end": "12:00"}, 210),
    ({"begin": "2026-03-02 23:30", "end": "2026-03-03 00:15"}, 45),  # past midnight
])
def test_kimai_lines_give_minutes_from_a_duration_or_times_of_day(row, minutes):
    assert timeimport._hours(row) == minutes


def test_a_time_of_day_that_is_not_one_is_named():
    with pytest.raises(ledger.LedgerError, match="'25:00' is not a time of day"):
        timeimport._hours({"begin": "08:00", "end": "25:00"})
