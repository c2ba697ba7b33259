"""The forecast page: the proposed provisional quantities per line, the
agreement's term (provisional against actual per year and cumulated) as a
table and an inline-SVG chart, readable without JavaScript. French
formatting as in the settlement's documents; the term's rows and chart also
make a page of the settlement's PDF (report_layout)."""
import html
from decimal import Decimal

from ..agreement import forecast
from ..agreement.convention import COSTS
from ..agreement.forecast import half_up
from ..i18n import tr
from . import report
from .consumption_report import STYLE
from .report import _table, date_fr, euros, number


def value_text(line, value):
    """A line's actual or statistic: days to the hundredth, costs in euros."""
    if value is None:
        return ""
    if line.kind == COSTS:
        return euros(half_up(value))
    return number(Decimal(half_up(value * 100)) / 100) + "\u00a0" + tr("d")


def method_text(line):
    return {forecast.MEAN: tr("mean of {n} years"),
            forecast.TREND: tr("trend over {n} years"),
            forecast.NO_HISTORY: tr("no history: provisional kept")}[line.method].format(
        n=line.years)


def years_text(line):
    return ", ".join(str(y) for y, _v in line.actuals) or tr("no year")


def forecast_headers():
    return [tr("Line"), tr("Years read"), tr("Mean"), tr("Min"), tr("Max"),
            tr("Trend per year"), tr("Method"), tr("Provisional in effect"),
            tr("Provisional HT in effect"), tr("Proposed quantity"), tr("Proposed HT")]


def _days(hundredths):
    return number(Decimal(hundredths) / 100) + "\u00a0" + tr("d")


def _spent(minutes, hpd):
    return "" if minutes is None else report.days(minutes, hpd) + "\u00a0" + tr("d")


def quantity_text(line, hundredths):
    return tr("lump sum") if line.kind == COSTS else _days(hundredths)


def forecast_rows(result):
    rows = [[l.label, years_text(l), value_text(l, l.mean), value_text(l, l.minimum),
             value_text(l, l.maximum), value_text(l, l.slope), method_text(l),
             quantity_text(l, l.current.provisional_quantity_hundredths),
             euros(l.current.provisional_amount_cents),
             quantity_text(l, l.proposed_quantity_hundredths), euros(l.proposed_amount_cents)]
            for l in result.lines]
    rows.append([tr("Total"), "", "", "", "", "", "", "", euros(result.provisional_ht_cents),
                 "", euros(result.proposed_ht_cents)])
    return rows


def status_text(entry, today):
    if entry.status == forecast.FUTURE:
        return tr("to come")
    if entry.status == forecast.TO_DATE:
        return tr("to date ({date})").format(date=date_fr(today))
    if entry.settled_version:
        return tr("settled (version {version})").format(version=entry.settled_version)
    return tr("not settled (simulation)")


def _money(cents):
    return "" if cents is None else euros(cents)


def term_headers():
    return [tr("Year"), tr("Period"), tr("Status"), tr("Provisional days"),
            tr("Provisional HT"), tr("Actual days"), tr("Actual HT"), tr("Difference HT"),
            tr("Cumulated provisional HT"), tr("Cumulated actual HT")]


def term_rows(term):
    hpd = term.convention.hours_per_day
    return [[str(y.year), "%s – %s" % (date_fr(y.first), date_fr(y.last)),
             status_text(y, term.today), _days(y.provisional_days_hundredths),
             euros(y.provisional_ht_cents),
             _spent(y.actual_minutes, hpd),
             _money(y.actual_ht_cents),
             "" if y.actual_ht_cents is None else euros(y.actual_ht_cents
                                                        - y.provisional_ht_cents),
             euros(y.cumulated_provisional_ht_cents), _money(y.cumulated_actual_ht_cents)]
            for y in term.years]


def term_line_headers():
    return [tr("Year"), tr("Line"), tr("Provisional quantity"), tr("Provisional HT"),
            tr("Actual quantity"), tr("Actual HT")]


def term_line_rows(term):
    hpd = term.convention.hours_per_day
    return [[str(y.year), l.code, quantity_text(l, l.provisional_quantity_hundredths),
             euros(l.provisional_amount_cents),
             "" if l.actual_minutes is None else
             tr("costs borne") if l.kind == COSTS else _spent(l.actual_minutes, hpd),
             _money(l.actual_ht_cents)] for y in term.years for l in y.lines]


def term_chart(term, width=640, height=260):
    """Per year, the provisional (outlined) and the actual (filled; lighter
    to date) amounts HT as bars; the cumulated amounts as two lines."""
    e = html.escape
    years = term.years
    most = max([y.cumulated_provisional_ht_cents for y in years]
               + [y.cumulated_actual_ht_cents or 0 for y in years] + [1])
    left, top, bottom = 90, 20, height - 40
    step = (width - left - 10) / max(len(years), 1)
    y_of = lambda cents: bottom - (bottom - top) * cents / most   # noqa: E731
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" role="img" '
             'aria-label="%s" font-family="sans-serif" font-size="11">'
             % (width, height, e(tr("Provisional and actual amounts HT per year and "
                                    "cumulated")))]
    for fraction in (0, 0.5, 1):
        cents = round(most * fraction)
        parts.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>'
                     '<text x="%d" y="%.1f" text-anchor="end">%s</text>'
                     % (left, y_of(cents), width - 10, y_of(cents), left - 4,
                        y_of(cents) + 4, e(euros(cents))))
    bar = step / 4
    provisional_points, actual_points = [], []
    for i, y in enumerate(years):
        x = left + i * step + step / 4
        parts.append('<rect class="provisional" x="%.1f" y="%.1f" width="%.1f" height="%.1f" '
                     'fill="#fff" stroke="#555"><title>%s</title></rect>'
                     % (x, y_of(y.provisional_ht_cents), bar,
                        bottom - y_of(y.provisional_ht_cents),
                        e(tr("Provisional: {amount}").format(
                            amount=euros(y.provisional_ht_cents)))))
        if y.actual_ht_cents is not None:
            parts.append('<rect class="actual" x="%.1f" y="%.1f" width="%.1f" height="%.1f" '
                         'fill="%s"><title>%s</title></rect>'
                         % (x + bar, y_of(y.actual_ht_cents), bar,
                            bottom - y_of(y.actual_ht_cents),
                            "#90caf9" if y.status == forecast.TO_DATE else "#1565c0",
                            e(tr("Actual: {amount} ({status})").format(
                                amount=euros(y.actual_ht_cents),
                                status=status_text(y, term.today)))))
            actual_points.append((x + bar, y_of(y.cumulated_actual_ht_cents)))
        provisional_points.append((x + bar, y_of(y.cumulated_provisional_ht_cents)))
        parts.append('<text x="%.1f" y="%d" text-anchor="middle">%d</text>'
                     % (x + bar, bottom + 14, y.year))
    for points, colour, dash in ((provisional_points, "#555", "4 3"),
                                 (actual_points, "#1565c0", "")):
        if points:
            parts.append('<polyline fill="none" stroke="%s" stroke-width="2" '
                         'stroke-dasharray="%s" points="%s"/>'
                         % (colour, dash, " ".join("%.1f,%.1f" % p for p in points)))
    legend = ((tr("provisional"), "#fff"), (tr("actual"), "#1565c0"),
              (tr("actual to date"), "#90caf9"))
    for i, (text, colour) in enumerate(legend):
        x = left + i * 120
        parts.append('<rect x="%d" y="%d" width="10" height="10" fill="%s" stroke="#555"/>'
                     '<text x="%d" y="%d">%s</text>'
                     % (x, height - 12, colour, x + 14, height - 3, e(text)))
    parts.append('<text x="%d" y="%d">%s</text>' % (
        left + 360, height - 3, e(tr("lines: cumulated"))))
    parts.append("</svg>")
    return "".join(parts)


def rules(result):
    year = result.year
    return (
        tr("History: the complete calendar years before {year}, from the first year in "
           "which a line shows time on its ticket categories (as the settlement counts it) "
           "or a hosting cost of its kinds; after that year, a year without anything "
           "counts as 0.").format(year=year),
        tr("Proposal: the mean of the actuals below {n} years; from {n} years, the "
           "least-squares linear trend extrapolated to {year}, never below 0. A line "
           "without history keeps its provisional quantity in effect.").format(
            n=forecast.TREND_FROM, year=year),
        tr("Days are rounded to the hundredth, half up, and priced at the unit price in "
           "effect on 01/01/{year}; amounts HT are rounded once to the cent, half up.")
        .format(year=year),
        term_rule())


def term_rule():
    return tr("Term: provisional figures in effect on the first day of each year (the "
              "settlement's rule); actual figures: a past year's settlement, the current "
              "year's up to the day (to date), none for a year to come.")


def page(result, term):
    e = html.escape
    conv = result.convention
    title = tr("Forecast of agreement {ref} for {year}").format(ref=conv.reference,
                                                                year=result.year)
    return "\n".join([
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>%s</title>'
        "<style>%s</style></head><body>" % (e(title), STYLE),
        "<h1>%s</h1>" % e(title),
        "<p>%s</p>" % e(tr("Computed on {date}. Proposed provisional for {year}: {proposed} "
                           "HT (in effect: {provisional} HT).").format(
            date=date_fr(result.today), year=result.year,
            proposed=euros(result.proposed_ht_cents),
            provisional=euros(result.provisional_ht_cents))),
        _table(forecast_headers(), forecast_rows(result), total_last=True),
        "<h2>%s</h2>" % e(term_title(term)),
        term_chart(term),
        _table(term_headers(), term_rows(term)),
        _table(term_line_headers(), term_line_rows(term)),
        "<h2>%s</h2><ul>%s</ul>" % (e(tr("Rules applied")),
                                    "".join("<li>%s</li>" % e(r) for r in rules(result))),
        "</body></html>"])


def term_title(term):
    conv = term.convention
    return tr("Term of agreement {ref}: {start} to {end}").format(
        ref=conv.reference, start=date_fr(conv.start_date), end=date_fr(conv.end_date))


def write_html(result, term, path):
    with open(path, "w", encoding="utf-8") as f:
        f.write(page(result, term))
    return path
