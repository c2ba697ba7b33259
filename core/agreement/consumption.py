"""The agreement during the year: what is used of each line to a date, what
is left, and a projection to the year's end.

The figures to the date are the settlement's own (settlement.compute up to
that day: the same tariff and rounding, its lines read from the time per
day and category that the store's triggers keep, time_day_total), so that
on 31 December the consumption is the settlement. Rules:

- a line's provisional quantity, amount and unit price are those in effect
  on the date (an amendment applies from its effective date);
- the share used is days used ÷ provisional days (costs lines: amount ÷
  provisional amount); state: over 100 % above it, 80 % reached from 80 %
  (inclusive), on track below;
- projection: used ÷ the share of the year expected by the date. Linear: the
  elapsed days of the year's term (29 February counts) ÷ its days. Seasonal,
  for a days line whose past years (any year before, in the ledger) show
  time on its categories: the time of those years up to the same date
  (28 February for a 29th) ÷ their whole time, pooled. Hosting costs carry a
  year but no date: their projection is linear;
- the remaining time is priced at the unit price in effect on the date, the
  projected amount rounded once, half up.
"""
import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import List, Optional, Tuple

from ..errors import SitError
from ..i18n import tr
from ..storage import db
from . import settlement
from .convention import COSTS, round_cents

ON_TRACK, REACHED_80, OVER_100 = "on_track", "reached_80", "over_100"
LINEAR, SEASONAL = "linear", "seasonal"
ALERT_SHARE, FULL_SHARE = Decimal("0.8"), Decimal(1)


class ConsumptionError(SitError):
    """The consumption cannot be computed for that date."""


@dataclass
class LineConsumption:
    position: int
    code: str
    label: str
    kind: str
    provisional_quantity_hundredths: int    # in effect on the date
    provisional_amount_cents: int
    unit_price_cents: int
    used_minutes: int                        # days lines
    used_ht_cents: int
    share: Optional[Decimal]                 # None: nothing provisional
    projected_minutes: int
    projected_ht_cents: int
    method: str
    past_years: Tuple[int, ...] = ()         # those the seasonal projection read

    @property
    def state(self):
        if self.share is not None and self.share > FULL_SHARE:
            return OVER_100
        if self.share is not None and self.share >= ALERT_SHARE:
            return REACHED_80
        return ON_TRACK

    @property
    def left_ht_cents(self):
        return self.provisional_amount_cents - self.used_ht_cents


@dataclass
class Consumption:
    convention: object
    year: int
    at: datetime.date
    first: datetime.date
    last: datetime.date
    lines: List[LineConsumption]

    @property
    def elapsed_share(self):
        """Elapsed days of the year's term, the date included, ÷ its days."""
        return Decimal((self.at - self.first).days + 1) / ((self.last - self.first).days + 1)

    @property
    def used_ht_cents(self):
        return sum(l.used_ht_cents for l in self.lines)

    @property
    def provisional_ht_cents(self):
        return sum(l.provisional_amount_cents for l in self.lines)

    @property
    def projected_ht_cents(self):
        return sum(l.projected_ht_cents for l in self.lines)


def minutes_by_line(conn, conv, first, last):
    """{days line code: minutes} dated first..last, any year (before the
    agreement too), by the settlement's SQL pass over the time per day."""
    tariff = settlement._Tariff(conv, first, last, months=False)
    sql, args = settlement.per_category_sql(tariff, db.dialect(conn))
    totals = dict.fromkeys(tariff.line_of.values(), 0)
    for category, minutes in conn.execute(
            "SELECT category, %s FROM (%s) p GROUP BY category"
            % (db.dialect(conn).sum_int("minutes"), sql), args):
        totals[tariff.line_of[category]] += minutes
    return totals


def ledger_first_year(conn):
    """The year of the ledger's first time entry, or None."""
    (first,) = conn.execute("SELECT MIN(work_date) FROM time_entry").fetchone()
    return int(str(first)[:4]) if first else None


def same_day(day, year):
    """`day` in another year (28 February for a 29th)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def _seasonal_shares(conn, conv, at):
    """{line code: (share of the year reached by the date, years read)} from
    the years before `at`'s whose time on the line is not nil: one pass over
    them, each year cut at the day after its same date."""
    first_year = ledger_first_year(conn)
    years = range(first_year or at.year, at.year)
    if not years:
        return {}
    after = {year: same_day(at, year) + datetime.timedelta(days=1) for year in years}
    tariff = settlement._Tariff(
        conv, datetime.date(years[0], 1, 1), datetime.date(years[-1], 12, 31), months=False,
        extra_cuts=[datetime.date(year, 1, 1) for year in years] + list(after.values()))
    sql_dialect = db.dialect(conn)
    sql, args = settlement.per_category_sql(tariff, sql_dialect)
    to_date, whole = {}, {}   # (line code, year) -> minutes
    for category, *minutes in conn.execute("SELECT category, %s FROM (%s) p GROUP BY category" % (
            ", ".join(sql_dialect.sum_int("s%d" % i) for i in range(len(tariff.segments))), sql),
            args):
        code = tariff.line_of[category]
        for (start, _end), m in zip(tariff.segments, minutes):
            key = (code, start.year)
            whole[key] = whole.get(key, 0) + m
            to_date[key] = to_date.get(key, 0) + (m if start < after[start.year] else 0)
    shares = {}
    for code in dict.fromkeys(code for code, _ in whole):
        read = [year for year in years if whole.get((code, year))]
        reached = sum(to_date[code, year] for year in read)
        if reached:
            shares[code] = (Decimal(reached) / sum(whole[code, year] for year in read),
                            tuple(read))
    return shares


def compute(conn, conv, year, at=None):
    """The consumption of `year` on the date `at` (today by default; a date
    after the year's term is its last day)."""
    first, last = conv.term_of_year(year)
    at = min(at or datetime.date.today(), last)
    if at < first:
        raise ConsumptionError(tr(
            "The date {at} is before the year {year} of agreement {ref} begins ({first}): "
            "nothing can be used yet.").format(at=at.strftime("%d/%m/%Y"), year=year,
                                               ref=conv.reference,
                                               first=first.strftime("%d/%m/%Y")))
    used = settlement.compute(conn, conv, year, breakdowns=False, until=at)
    hpd_minutes = conv.hours_per_day * 60
    result = Consumption(conv, year, at, first, last, [])
    seasonal = _seasonal_shares(conn, conv, at)
    for r in used.lines:
        line = conv.line_on(r.code, at)
        if r.kind == COSTS:
            provisional = Decimal(line.provisional_amount_cents)
            used_measure = Decimal(r.actual_ht_cents)
        else:
            provisional = Decimal(line.provisional_quantity_hundredths) * hpd_minutes / 100
            used_measure = Decimal(r.actual_minutes)
        expected, method, years = _projection_basis(seasonal, r.code, result.elapsed_share)
        projected = used_measure / expected
        if r.kind == COSTS:
            projected_minutes, projected_ht = 0, round_cents(projected)
        else:
            projected_minutes = round_cents(projected)
            projected_ht = r.actual_ht_cents + round_cents(
                (projected - used_measure) * line.unit_price_cents / hpd_minutes)
        result.lines.append(LineConsumption(
            r.position, r.code, line.label, r.kind, line.provisional_quantity_hundredths,
            line.provisional_amount_cents, line.unit_price_cents, r.actual_minutes,
            r.actual_ht_cents, used_measure / provisional if provisional else None,
            projected_minutes, projected_ht, method, years))
    return result


def _projection_basis(seasonal, code, elapsed):
    """(expected share of the year by the date, method, past years read)."""
    if code in seasonal:
        share, years = seasonal[code]
        return share, SEASONAL, years
    return elapsed, LINEAR, ()
