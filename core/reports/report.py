"""The settlement's documents: French formatting, HTML report, accountant CSV.

Amounts are shown the French way (1 200,00 €, narrow no-break space between
thousands), dates as 31/12/2026. The CSV is for import into accounting
software: `;` separated, UTF-8 with BOM, amounts with a decimal comma and no
thousands separator, one row per line of the agreement and a total row (the
titre de recettes).
"""
import html
from decimal import Decimal

from .. import safe_csv
from ..agreement.convention import COSTS, round_cents
from ..i18n import tr

NNBSP, NBSP = "\u202f", "\u00a0"
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")
FEATURES_SHOWN = 30   # the report lists the costliest features; the layer holds them all


def number(value, decimals=2, grouping=True):
    """French decimal notation of an exact value: 1 200,00."""
    q = Decimal(value).quantize(Decimal(1).scaleb(-decimals))
    sign = "-" if q < 0 else ""
    whole, _, frac = f"{abs(q):f}".partition(".")
    if grouping:
        whole = f"{int(whole):,}".replace(",", NNBSP)
    return sign + whole + ("," + frac if decimals else "")


def euros(cents):
    """1 200,00 € from 120000 (integer cents)."""
    return number(Decimal(cents) / 100) + NBSP + "€"


def csv_amount(cents):
    """1200,00: what accounting software imports."""
    return number(Decimal(cents) / 100, grouping=False)


def rate(bp):
    """20 % from 2000 basis points (5,5 % from 550)."""
    text = number(Decimal(bp) / 100, 2, grouping=False).rstrip("0").rstrip(",")
    return text + NBSP + "%"


def date_fr(day):
    return day.strftime("%d/%m/%Y") if day else ""


def datetime_fr(text):
    """31/12/2026 à 17:05 from an ISO timestamp."""
    if not text:
        return ""
    d, _, t = text.partition("T")
    y, m, dd = d.split("-")
    return "%s/%s/%s %s" % (dd, m, y, t[:5])


def days(minutes, hours_per_day):
    """Days to the hundredth for display (the amount uses the exact value)."""
    return number(Decimal(round_cents(Decimal(minutes) * 100 / (hours_per_day * 60))) / 100)


def month_name(key):
    year, month = key.split("-")
    return "%s %s" % (MONTHS[int(month) - 1], year)


# --- content shared by the HTML report and the print layout ---------------

def title_text(result):
    """A dry run's documents say so first: they are no titre de recettes."""
    if result.version is None:
        return tr("Simulation of the {year} settlement: agreement {ref}").format(
            year=result.year, ref=result.convention.reference)
    return tr("Settlement {year}: agreement {ref}").format(
        year=result.year, ref=result.convention.reference)


def status_text(result):
    if result.version is None and result.locked_by_version:
        text = tr("Dry run: computed on {date}, nothing recorded; the year is settled by "
                  "version {version}.").format(date=datetime_fr(result.computed_at),
                                               version=result.locked_by_version)
        return text + (" " + changed_inputs_text(result) if result.inputs_changed else "")
    if result.version is None:
        return tr("Dry run: computed on {date}, nothing recorded, the year stays open.").format(
            date=datetime_fr(result.computed_at))
    return tr("Version {version}, issued on {date} by {user}; the year is locked.").format(
        version=result.version, date=datetime_fr(result.computed_at), user=result.issued_by)


def changed_inputs_text(result):
    return tr("Warning: the inputs of the year differ from those recorded by version "
              "{version} (digest {recorded}, now {digest}): the store was changed behind the "
              "year lock.").format(version=result.locked_by_version,
                                   recorded=result.issued_digest[:12],
                                   digest=result.digest[:12])


def agreement_lines(result):
    """Reference, parties, term, hours per day and amendments, one per row."""
    conv = result.convention
    rows = [
        tr("Agreement {ref}: {title}").format(ref=conv.reference, title=conv.title),
        tr("Between {provider} and {beneficiary} (SIREN {siren}).").format(
            provider=conv.provider_name, beneficiary=conv.beneficiary_name,
            siren=conv.beneficiary_siren),
        tr("Term: {start} to {end}; settled period: {first} to {last}.").format(
            start=date_fr(conv.start_date), end=date_fr(conv.end_date),
            first=date_fr(result.first), last=date_fr(result.last)),
        tr("One day = {hours} hours of work.").format(hours=conv.hours_per_day),
    ]
    for a in conv.amendments:
        rows.append(tr("Amendment no. {number}, effective {date}: {description}").format(
            number=a.number, date=date_fr(a.effective_date), description=a.description))
    return rows


def line_headers():
    return [tr("Line"), tr("Provisional quantity"), tr("Provisional HT"),
            tr("Actual quantity"), tr("Actual HT"), tr("VAT rate"), tr("VAT"),
            tr("Actual TTC"), tr("Difference HT")]


def _quantity(line, hpd, provisional):
    if line.kind == COSTS:
        return tr("lump sum") if provisional else tr("costs borne")
    if provisional:
        return number(Decimal(line.provisional_quantity_hundredths) / 100) + NBSP + tr("d")
    return days(line.actual_minutes, hpd) + NBSP + tr("d")


def line_rows(result):
    """The lines table as text cells, totals last."""
    hpd = result.convention.hours_per_day
    rows = [[l.label, _quantity(l, hpd, True), euros(l.provisional_amount_cents),
             _quantity(l, hpd, False), euros(l.actual_ht_cents), rate(l.vat_rate_bp),
             euros(l.vat_cents), euros(l.actual_ttc_cents), euros(l.difference_ht_cents)]
            for l in result.lines]
    rows.append([tr("Total"), "", euros(result.provisional_ht_cents), "",
                 euros(result.total_ht_cents), "", euros(result.total_vat_cents),
                 euros(result.total_ttc_cents),
                 euros(result.total_ht_cents - result.provisional_ht_cents)])
    return rows


def text_table(result, label_width=38):
    """The lines table as aligned plain text (console, Processing log)."""
    rows = [line_headers()] + line_rows(result)
    rows = [[r[0] if len(r[0]) <= label_width else r[0][:label_width - 1] + "…"] + r[1:]
            for r in rows]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                               for i, (c, w) in enumerate(zip(r, widths))) for r in rows)


def total_due_text(result):
    return tr("Total due by the Communauté for {year} (titre de recettes): {ttc} TTC "
              "({ht} HT, VAT {vat}).").format(
        year=result.year, ttc=euros(result.total_ttc_cents), ht=euros(result.total_ht_cents),
        vat=euros(result.total_vat_cents))


def rules(result):
    """The rules applied, stated in every report."""
    conv = result.convention
    out = [
        tr("Days: time entries dated from {first} to {last}, counted on the line covering "
           "their ticket's category; days = minutes ÷ ({hours} h × 60); quantities are shown "
           "to the hundredth, amounts use the exact time.").format(
            first=date_fr(result.first), last=date_fr(result.last), hours=conv.hours_per_day),
        tr("Costs: hosting, storage and backup costs recorded for {year} (amounts HT).")
        .format(year=result.year),
        tr("Rounding: each line's amount HT is computed exactly and rounded to the cent once, "
           "half up (0,005 € → 0,01 €); its VAT is the rounded amount HT × the line's rate, "
           "rounded once, half up; TTC = HT + VAT; totals are sums of the rounded lines."),
        tr("Provisional figures: those of the agreement in effect on {first}; an amendment "
           "changing a unit price applies to the work dated from its effective date.")
        .format(first=date_fr(result.first)),
    ]
    for l in result.lines:
        if l.vat_rate_bp:
            out.append(tr("VAT on line \"{label}\": {rate}, the rate stated by the agreement.")
                       .format(label=l.label, rate=rate(l.vat_rate_bp)))
        else:
            out.append(tr("VAT on line \"{label}\": 0 % (not applied): the agreement states "
                          "this amount without VAT.").format(label=l.label))
    out.append(tr("Breakdowns cover the days lines (time spent, amounts HT rounded per row, "
                  "so rows may differ from the lines by a cent); hosting costs are listed "
                  "apart. Commune: the commune holding the ticket's point; work on an "
                  "application as a whole is \"transversal\"."))
    out.append(tr("Digest of the inputs (SHA-256): {digest}").format(digest=result.digest))
    return out


def breakdowns(result):
    """[(title, header, rows)] for each breakdown."""
    hpd = result.convention.hours_per_day

    def rows(shares, label):
        return [[label(s), days(s.minutes, hpd), euros(s.amount_ht_cents)] for s in shares]

    head = [None, tr("Days"), tr("Amount HT")]
    features = result.by_feature[:FEATURES_SHOWN]
    return [
        (tr("By application"), [tr("Application")] + head[1:],
         rows(result.by_application, lambda s: s.label)),
        (tr("By month"), [tr("Month")] + head[1:],
         rows(result.by_month, lambda s: month_name(s.key))),
        (tr("By commune"), [tr("Commune")] + head[1:],
         rows(result.by_commune, lambda s: s.label if s.key.startswith(("transversal", "hors"))
              else "%s (%s)" % (s.label, s.key))),
        (tr("By feature ({shown} costliest of {count})").format(
            shown=len(features), count=len(result.by_feature)),
         [tr("Feature (layer / uuid)")] + head[1:],
         rows(features, lambda s: "%s / %s" % (s.layer, s.key))),
    ]


def hosting_rows(result):
    return [[kind_label, label, invoice or "", euros(cents)]
            for _kind, label, cents, invoice, kind_label in result.hosting_costs]


# --- HTML ------------------------------------------------------------------

def _table(header, rows, total_last=False):
    e = html.escape
    out = ["<table><thead><tr>%s</tr></thead><tbody>"
           % "".join("<th>%s</th>" % e(h) for h in header)]
    for i, row in enumerate(rows):
        cls = ' class="total"' if total_last and i == len(rows) - 1 else ""
        out.append("<tr%s>%s</tr>" % (cls, "".join(
            "<td%s>%s</td>" % ("" if j == 0 else ' class="num"', e(c)) for j, c in enumerate(row))))
    out.append("</tbody></table>")
    return "".join(out)


def html_report(result):
    e = html.escape
    title = title_text(result)
    parts = [
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>%s</title>"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;"
        "margin:.5em 0 1.5em}th,td{border:1px solid #999;padding:3px 6px}"
        "td.num{text-align:right;white-space:nowrap}tr.total{font-weight:bold}"
        ".due{font-size:1.2em;font-weight:bold}</style></head><body>" % e(title),
        "<h1>%s</h1>" % e(title),
        "<p>%s</p>" % e(status_text(result)),
        "<h2>%s</h2><ul>%s</ul>" % (e(tr("Agreement")), "".join(
            "<li>%s</li>" % e(r) for r in agreement_lines(result))),
        "<h2>%s</h2>" % e(tr("Lines")),
        _table(line_headers(), line_rows(result), total_last=True),
        "<p class=\"due\">%s</p>" % e(total_due_text(result)),
        "<h2>%s</h2>" % e(tr("Hosting costs")),
        _table([tr("Kind"), tr("Label"), tr("Invoice"), tr("Amount HT")], hosting_rows(result))
        if result.hosting_costs else "<p>%s</p>" % e(tr("No hosting cost recorded.")),
    ]
    for title_, header, rows in breakdowns(result):
        parts.append("<h2>%s</h2>" % e(title_))
        parts.append(_table(header, rows) if rows else "<p>%s</p>" % e(tr("No time spent.")))
    parts.append("<h2>%s</h2><ul>%s</ul>" % (e(tr("Rules applied")), "".join(
        "<li>%s</li>" % e(r) for r in rules(result))))
    parts.append("</body></html>")
    return "\n".join(parts)


def write_html(result, path):
    with open(path, "w", encoding="utf-8") as f:
        f.write(html_report(result))
    return path


# --- CSV -------------------------------------------------------------------

CSV_HEADER = ["annee", "convention", "code_ligne", "libelle", "nature",
              "quantite_previsionnelle", "montant_previsionnel_ht", "quantite_reelle", "unite",
              "montant_ht", "taux_tva", "montant_tva", "montant_ttc", "ecart_ht"]


def csv_rows(result):
    hpd = result.convention.hours_per_day
    ref = result.convention.reference
    rows = []
    for l in result.lines:
        q = l.actual_quantity_hundredths(hpd)
        rows.append([result.year, ref, l.code, l.label,
                     "coûts" if l.kind == COSTS else "jours",
                     number(Decimal(l.provisional_quantity_hundredths) / 100, grouping=False),
                     csv_amount(l.provisional_amount_cents),
                     "" if q is None else number(Decimal(q) / 100, grouping=False),
                     "forfait" if l.kind == COSTS else "jour",
                     csv_amount(l.actual_ht_cents),
                     number(Decimal(l.vat_rate_bp) / 100, grouping=False),
                     csv_amount(l.vat_cents), csv_amount(l.actual_ttc_cents),
                     csv_amount(l.difference_ht_cents)])
    rows.append([result.year, ref, "TOTAL",
                 tr("Titre de recettes {year}").format(year=result.year)
                 if result.version else tr("Simulation, not a titre de recettes ({year})")
                 .format(year=result.year), "total", "",
                 csv_amount(result.provisional_ht_cents), "", "",
                 csv_amount(result.total_ht_cents), "", csv_amount(result.total_vat_cents),
                 csv_amount(result.total_ttc_cents),
                 csv_amount(result.total_ht_cents - result.provisional_ht_cents)])
    return rows


def write_csv(result, path):
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = safe_csv.writer(f, delimiter=";")
        w.writerow(CSV_HEADER)
        w.writerows(csv_rows(result))
    return path
