"""The forecast of a year's provisional quantities, and the agreement's term.

Forecast of year Y, per line of the agreement:

- history: the complete calendar years before Y (ended before today), from
  the first year in which the line shows anything: time on its ticket
  categories (days lines, read by `consumption.minutes_by_line`, the
  settlement's own SQL pass; before the agreement too) or a hosting cost of
  its kinds (costs lines, recorded per year). After that first year, a year
  without anything counts as 0;
- actuals: days = minutes ÷ (hours per day × 60), costs in cents HT, exact
  (Fraction); their mean, min and max (the range), and from 3 years the
  least-squares line through (year, actual): its slope and value at Y;
- proposal: the mean below 3 years ("mean"), the trend's value at Y from 3
  ("trend"), never below 0. Days are rounded to the hundredth, half up, and
  priced at the unit price in effect on 1 January Y (amount rounded once,
  half up, as the agreement's); costs are rounded to the cent, half up;
- a line without history says so ("no_history") and keeps the provisional
  quantity in effect on 1 January Y: a new line, or a ledger with no
  complete year yet, still gets a figure for the budget.

Term summary: every year of the agreement's term (extensions by amendment
included), its provisional figures in effect on its first day (the
settlement's rule) against its actual ones: a past year's settlement; the
current year's settlement up to today ("to date"); nothing for a future
year; per year and cumulated.
"""
import datetime
import math
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import List, Optional, Tuple

from ..storage import db
from . import settlement
from .consumption import ledger_first_year, minutes_by_line
from .convention import COSTS

MEAN, TREND, NO_HISTORY = "mean", "trend", "no_history"
TREND_FROM = 3   # years of history from which the proposal follows the trend
PAST, TO_DATE, FUTURE = "past", "to_date", "future"


def half_up(value: Fraction) -> int:
    """The integer nearest to an exact value, halves away from zero (as
    Decimal's ROUND_HALF_UP)."""
    nearest = math.floor(abs(value) + Fraction(1, 2))
    return -nearest if value < 0 else nearest


def _mean(actuals):
    return sum(v for _y, v in actuals) / len(actuals) if actuals else None


@dataclass
class LineForecast:
    position: int
    code: str
    label: str
    kind: str
    current: object                         # the Line in effect on 1 January Y
    actuals: Tuple[Tuple[int, Fraction], ...]   # (year, days; costs: cents HT)
    method: str
    proposed_quantity_hundredths: Optional[int]   # costs lines: None (amount only)
    proposed_amount_cents: int
    slope: Optional[Fraction] = None        # per year, from TREND_FROM years
    trend_value: Optional[Fraction] = None  # the line's value at Y, before the floor at 0

    @property
    def years(self):
        return len(self.actuals)

    @property
    def mean(self):
        return _mean(self.actuals)

    @property
    def minimum(self):
        return min(v for _y, v in self.actuals) if self.actuals else None

    @property
    def maximum(self):
        return max(v for _y, v in self.actuals) if self.actuals else None


@dataclass
class Forecast:
    convention: object
    year: int
    today: datetime.date
    lines: List[LineForecast]

    @property
    def provisional_ht_cents(self):
        return sum(l.current.provisional_amount_cents for l in self.lines)

    @property
    def proposed_ht_cents(self):
        return sum(l.proposed_amount_cents for l in self.lines)


def _yearly_actuals(conn, conv, last_year):
    """{line code: {year: actual}} up to `last_year` (days lines in days,
    costs lines in cents), years with nothing left out."""
    actuals = {line.code: {} for line in conv.lines}
    first_year = ledger_first_year(conn)
    for year in range(first_year or last_year + 1, last_year + 1):
        minutes = minutes_by_line(conn, conv, datetime.date(year, 1, 1),
                                  datetime.date(year, 12, 31))
        for code, total in minutes.items():
            if total:
                actuals[code][year] = Fraction(total, conv.hours_per_day * 60)
    costs = conn.execute("SELECT year, kind, %s FROM hosting_cost WHERE year <= ? "
                         "GROUP BY year, kind" % db.dialect(conn).sum_int("amount_ht_cents"),
                         (last_year,)).fetchall()
    for line in conv.lines:
        if line.kind == COSTS:
            for year, kind, cents in costs:
                if kind in line.categories and cents:
                    actuals[line.code][year] = actuals[line.code].get(year, 0) + Fraction(cents)
    return actuals


def _trend(actuals, year):
    """(slope, value at `year`) of the least-squares line through the actuals."""
    n = len(actuals)
    mean_x = Fraction(sum(x for x, _v in actuals), n)
    mean_y = _mean(actuals)
    slope = (sum((x - mean_x) * (v - mean_y) for x, v in actuals)
             / sum((x - mean_x) ** 2 for x, _v in actuals))
    return slope, mean_y + slope * (year - mean_x)


def compute(conn, conv, year, today=None):
    """The proposed provisional quantity of each line for `year`."""
    today = today or datetime.date.today()
    last_year = min(year, today.year) - 1   # the last complete year before `year`
    by_line = _yearly_actuals(conn, conv, last_year)
    result = Forecast(conv, year, today, [])
    for position, base in enumerate(conv.lines, 1):
        current = conv.line_on(base.code, datetime.date(year, 1, 1))
        recorded = by_line[base.code]
        start = min(recorded, default=last_year + 1)
        actuals = tuple((y, recorded.get(y, Fraction(0))) for y in range(start, last_year + 1))
        slope = trend_value = None
        if not actuals:
            method = NO_HISTORY
            value = (Fraction(current.provisional_quantity_hundredths, 100)
                     if base.kind != COSTS else Fraction(current.provisional_amount_cents))
        elif len(actuals) < TREND_FROM:
            method = MEAN
            value = _mean(actuals)
        else:
            method = TREND
            slope, trend_value = _trend(actuals, year)
            value = max(trend_value, Fraction(0))
        if base.kind == COSTS:
            quantity, amount = None, half_up(value)
        else:
            quantity = half_up(value * 100)
            amount = replace(current, provisional_quantity_hundredths=quantity) \
                .provisional_amount_cents
        result.lines.append(LineForecast(position, base.code, current.label, base.kind,
                                         current, actuals, method, quantity, amount, slope,
                                         trend_value))
    return result


# --- the term ------------------------------------------------------------

@dataclass
class TermLine:
    code: str
    label: str
    kind: str
    provisional_quantity_hundredths: int
    provisional_amount_cents: int
    actual_minutes: Optional[int] = None     # None: a future year
    actual_ht_cents: Optional[int] = None


@dataclass
class TermYear:
    year: int
    first: datetime.date
    last: datetime.date
    status: str                              # PAST, TO_DATE or FUTURE
    lines: List[TermLine]
    settled_version: Optional[int] = None    # the live settlement of a past year
    cumulated_provisional_ht_cents: int = 0
    cumulated_actual_ht_cents: Optional[int] = None

    @property
    def provisional_days_hundredths(self):
        return sum(l.provisional_quantity_hundredths for l in self.lines if l.kind != COSTS)

    @property
    def provisional_ht_cents(self):
        return sum(l.provisional_amount_cents for l in self.lines)

    @property
    def actual_minutes(self):
        return None if self.status == FUTURE else sum(
            l.actual_minutes for l in self.lines if l.kind != COSTS)

    @property
    def actual_ht_cents(self):
        return None if self.status == FUTURE else sum(l.actual_ht_cents for l in self.lines)


@dataclass
class Term:
    convention: object
    today: datetime.date
    years: List[TermYear] = field(default_factory=list)


def term_summary(conn, conv, today=None):
    """Provisional against actual for every year of the agreement's term."""
    today = today or datetime.date.today()
    term = Term(conv, today)
    provisional = actual = 0
    for year in conv.years():
        first, last = conv.term_of_year(year)
        status = PAST if last < today else TO_DATE if first <= today else FUTURE
        lines = [TermLine(l.code, l.label, l.kind, l.provisional_quantity_hundredths,
                          l.provisional_amount_cents)
                 for l in (conv.line_on(base.code, first) for base in conv.lines)]
        entry = TermYear(year, first, last, status, lines)
        if status != FUTURE:
            result = settlement.compute(conn, conv, year, breakdowns=False,
                                        until=None if status == PAST else today)
            for line, r in zip(lines, result.lines):
                line.actual_minutes, line.actual_ht_cents = r.actual_minutes, r.actual_ht_cents
            entry.settled_version = result.locked_by_version
            actual += entry.actual_ht_cents
            entry.cumulated_actual_ht_cents = actual
        provisional += entry.provisional_ht_cents
        entry.cumulated_provisional_ht_cents = provisional
        term.years.append(entry)
    return term
