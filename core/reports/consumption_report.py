"""The consumption page: a table per line and a chart drawn as inline SVG
(bars of the share used and projected against the provisional, marks at
80 % and 100 %), readable without JavaScript. French formatting as in the
settlement's documents."""
import html
from decimal import Decimal

from ..agreement import consumption
from ..agreement.convention import COSTS
from ..i18n import tr
from .report import _table, date_fr, days, euros, number

STYLE = ("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;"
         "margin:.5em 0 1.5em}th,td{border:1px solid #999;padding:3px 6px}"
         "td.num{text-align:right;white-space:nowrap}")


def state_text(state):
    return {consumption.ON_TRACK: tr("on track"),
            consumption.REACHED_80: tr("80 % reached"),
            consumption.OVER_100: tr("over 100 %")}[state]


def method_text(line):
    if line.method == consumption.SEASONAL:
        return tr("seasonal ({years})").format(years=", ".join(map(str, line.past_years)))
    return tr("linear")


def percent(share):
    return "" if share is None else number(share * 100, 1) + "\u00a0%"


def _quantity(line, hpd, minutes):
    return "" if line.kind == COSTS else days(minutes, hpd)


def rows(result):
    hpd = result.convention.hours_per_day
    return [[l.label, _quantity(l, hpd, l.provisional_quantity_hundredths * hpd * 60 // 100),
             euros(l.provisional_amount_cents), _quantity(l, hpd, l.used_minutes),
             euros(l.used_ht_cents), percent(l.share), euros(l.left_ht_cents),
             _quantity(l, hpd, l.projected_minutes), euros(l.projected_ht_cents),
             method_text(l), state_text(l.state)] for l in result.lines]


def headers():
    return [tr("Line"), tr("Provisional days"), tr("Provisional HT"), tr("Days used"),
            tr("Used HT"), tr("Share used"), tr("Left HT"), tr("Projected days"),
            tr("Projected HT"), tr("Projection"), tr("State")]


def chart(result, width=640, bar=18):
    """One row per line: the provisional as a frame of 100 %, the share used
    filled, the projection as a lighter bar; marks at 80 % and 100 %."""
    shares = [(l, l.share or Decimal(0),
               Decimal(l.projected_ht_cents) / l.provisional_amount_cents
               if l.provisional_amount_cents else Decimal(0)) for l in result.lines]
    scale = max([Decimal(1)] + [max(s, p) for _l, s, p in shares]) * Decimal("1.05")
    left, plot = 160, width - 170
    x = lambda share: left + float(share / scale) * plot   # noqa: E731
    step = bar * 2 + 10
    height = step * len(shares) + 20
    e = html.escape
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" role="img" '
             'aria-label="%s" font-family="sans-serif" font-size="12">'
             % (width, height, e(tr("Share of the provisional used and projected")))]
    colour = {consumption.ON_TRACK: "#2e7d32", consumption.REACHED_80: "#ef6c00",
              consumption.OVER_100: "#c62828"}
    for i, (l, used, projected) in enumerate(shares):
        y = 10 + i * step
        parts.append('<text x="0" y="%d">%s</text>' % (y + bar - 4, e(l.code)))
        parts.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="none" stroke="#555"/>'
                     % (left, y, x(1) - left, bar * 2))
        parts.append('<rect class="projected" x="%d" y="%d" width="%.1f" height="%d" '
                     'fill="#bbb"><title>%s</title></rect>'
                     % (left, y + bar, x(projected) - left, bar,
                        e(tr("Projected: {amount}").format(amount=euros(l.projected_ht_cents)))))
        parts.append('<rect class="used" x="%d" y="%d" width="%.1f" height="%d" fill="%s">'
                     '<title>%s</title></rect>'
                     % (left, y, x(used) - left, bar, colour[l.state],
                        e(tr("Used: {share}").format(share=percent(l.share)))))
        parts.append('<text x="%.1f" y="%d">%s</text>' % (x(used) + 4, y + bar - 4,
                                                           e(percent(l.share))))
    for mark in (Decimal("0.8"), Decimal(1)):
        parts.append('<line x1="%.1f" y1="5" x2="%.1f" y2="%d" stroke="#000" '
                     'stroke-dasharray="4 3"/>' % (x(mark), x(mark), height - 12))
        parts.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>'
                     % (x(mark), height - 1, e(percent(mark))))
    parts.append("</svg>")
    return "".join(parts)


def rules():
    return (
        tr("Figures to the date are those the settlement would give on that day; "
           "provisional quantities and prices are those in effect on the date."),
        tr("Share used: days used ÷ provisional days (hosting: amount ÷ provisional "
           "amount). From 80 % the line is flagged, above 100 % it is over."),
        tr("Linear projection: used ÷ the share of the year elapsed. Seasonal "
           "projection: used ÷ the share of their year's time the past years had "
           "reached by the same date. The rest is priced at the price in effect."))


def page(result):
    e = html.escape
    conv = result.convention
    title = tr("Consumption of agreement {ref} for {year} on {date}").format(
        ref=conv.reference, year=result.year, date=date_fr(result.at))
    return "\n".join([
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>%s</title>'
        "<style>%s</style></head><body>" % (e(title), STYLE),
        "<h1>%s</h1>" % e(title),
        "<p>%s</p>" % e(tr("{elapsed} of the year elapsed ({first} to {last}). Used: {used} "
                           "HT of {provisional} provisional; projected to the year's end: "
                           "{projected} HT.").format(
            elapsed=percent(result.elapsed_share), first=date_fr(result.first),
            last=date_fr(result.last), used=euros(result.used_ht_cents),
            provisional=euros(result.provisional_ht_cents),
            projected=euros(result.projected_ht_cents))),
        chart(result),
        _table(headers(), rows(result)),
        "<h2>%s</h2><ul>%s</ul>" % (e(tr("Rules applied")),
                                    "".join("<li>%s</li>" % e(r) for r in rules())),
        "</body></html>"])


def write_html(result, path):
    with open(path, "w", encoding="utf-8") as f:
        f.write(page(result))
    return path
