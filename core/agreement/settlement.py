"""The yearly settlement of the agreement (Article 4): what the Communauté pays.

Every sum is computed by the database: one GROUP BY pass over the year's time
entries per ticket and per segment of the year (months, cut again where an
amendment changes a price), joined once per ticket to its category, priced
in SQL in integer minute-cents; the lines and the breakdowns group that
per-ticket table.
Python only turns the few grouped integers into exact Decimal amounts. Rules:

- days: time entries dated in the year (inside the agreement's term), counted
  on the line whose categories hold their ticket's category; days = minutes ÷
  (hours per day × 60); each minute is priced at the unit price in effect on
  its work date (amendments apply from their effective date);
- costs: hosting costs recorded for the year whose kind the line covers;
- the exact amount HT of a line is rounded to the cent once, half up; the VAT
  of a line is its rounded HT × its rate, rounded once, half up; TTC = HT + VAT;
- provisional figures are those in effect on the first day of the year.

Issuing records the settlement (version n+1, totals, SHA-256 digest of the
inputs) and its lines in the transaction that computes them, which locks the
year (triggers of schema v3).
"""
import datetime
import hashlib
import json
import sqlite3
import uuid as uuidlib
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import List, Optional

from ..errors import SitError
from ..i18n import tr
from ..storage import db
from ..storage.store import current_user, transaction
from .convention import COSTS, round_cents

TRANSVERSAL = "transversal"      # application-level work: no feature, no commune
OUTSIDE = "hors_communes"        # a feature's point outside every commune


class SettlementError(SitError):
    """The settlement cannot be computed, issued or reopened."""


class Cancelled(SettlementError):
    """The user cancelled: nothing was recorded."""


@dataclass
class LineResult:
    position: int
    code: str
    label: str
    kind: str
    provisional_quantity_hundredths: int
    unit_price_cents: int           # in effect on the first day of the year
    provisional_amount_cents: int
    vat_rate_bp: int
    actual_minutes: int = 0
    actual_cost_cents: int = 0      # costs lines: sum of the hosting costs
    actual_ht_cents: int = 0
    vat_cents: int = 0
    actual_ttc_cents: int = 0
    price_changes: int = 0          # amendments changing the price during the year

    @property
    def difference_ht_cents(self):
        return self.actual_ht_cents - self.provisional_amount_cents

    def actual_days(self, hours_per_day):
        return Decimal(self.actual_minutes) / (hours_per_day * 60)

    def actual_quantity_hundredths(self, hours_per_day):
        """Days to the hundredth (display); costs lines: None."""
        if self.kind == COSTS:
            return None
        return round_cents(self.actual_days(hours_per_day) * 100)


@dataclass
class Share:
    """One row of a breakdown: time on the days lines and its amount HT."""
    key: str
    label: str
    minutes: int
    amount_ht_cents: int
    layer: str = ""
    x: Optional[float] = None
    y: Optional[float] = None


@dataclass
class Result:
    convention: object
    year: int
    first: datetime.date
    last: datetime.date
    lines: List[LineResult]
    hosting_costs: list
    by_application: List[Share] = field(default_factory=list)
    by_month: List[Share] = field(default_factory=list)
    by_commune: List[Share] = field(default_factory=list)
    by_feature: List[Share] = field(default_factory=list)
    digest: str = ""
    computed_at: str = ""
    locked_by_version: Optional[int] = None   # a dry run of a year already settled
    issued_digest: Optional[str] = None       # ...and the digest recorded by that version
    # Set when issued.
    uuid: Optional[str] = None
    version: Optional[int] = None
    issued_by: Optional[str] = None

    @property
    def inputs_changed(self):
        """The inputs of a settled year differ from those its live version
        recorded: the store was changed behind the year lock."""
        return self.issued_digest is not None and self.issued_digest != self.digest

    @property
    def total_ht_cents(self):
        return sum(l.actual_ht_cents for l in self.lines)

    @property
    def total_vat_cents(self):
        return sum(l.vat_cents for l in self.lines)

    @property
    def total_ttc_cents(self):
        return sum(l.actual_ttc_cents for l in self.lines)

    @property
    def provisional_ht_cents(self):
        return sum(l.provisional_amount_cents for l in self.lines)

    @property
    def total_minutes(self):
        return sum(l.actual_minutes for l in self.lines)


def _amount(minute_cents, hours_per_day):
    """Exact amount of minutes × unit price (cents), rounded once."""
    return round_cents(Decimal(minute_cents or 0) / (hours_per_day * 60))


class _Tariff:
    """The year cut into segments over which every unit price is constant (and,
    with `months`, that never straddle a month), and each covered category's
    price on each segment."""

    def __init__(self, conv, first, last, months=True, extra_cuts=()):
        """`extra_cuts`: more days a segment starts on (first < day <= last)."""
        day = datetime.timedelta(days=1)
        cuts = {first, last + day} | set(extra_cuts)
        month = first.replace(day=1)
        while months and month <= last:
            if month > first:
                cuts.add(month)
            month = (month + 32 * day).replace(day=1)
        days_lines = [l for l in conv.lines if l.kind != COSTS]
        cuts |= {a.effective_date for a in conv.amendments
                 if a.new_unit_price_cents is not None and first < a.effective_date <= last}
        cuts = sorted(cuts)
        self.segments = list(zip(cuts[:-1], cuts[1:]))      # [start, end)
        self.line_of = {c: l.code for l in days_lines for c in l.categories}
        self.price = {c: [conv.line_on(self.line_of[c], start).unit_price_cents
                          for start, _end in self.segments] for c in self.line_of}

    def minute_cents_sql(self):
        """SQL (and arguments) of a ticket's minutes × unit prices from its
        segment columns. Categories and prices are read from the store: they
        are bound as parameters, never pasted into the SQL."""
        if not self.price:   # an agreement without days lines
            return "0", []

        def case(i):
            sql = "CASE category %s ELSE 0 END" % " ".join(["WHEN ? THEN ?"] * len(self.price))
            return sql, [v for c, prices in self.price.items() for v in (c, prices[i])]
        if all(len(set(p)) == 1 for p in self.price.values()):
            sql, args = case(0)
            return "minutes * (%s)" % sql, args
        parts = [case(i) for i in range(len(self.segments))]
        return (" + ".join("s%d * (%s)" % (i, sql) for i, (sql, _) in enumerate(parts)),
                [v for _, args in parts for v in args])


def _progress_guard(conn, progress):
    """Let a long query be cancelled: SQLite calls the handler every N steps.
    (PostgreSQL's queries are checked for cancelling between steps.)"""
    if progress is None or db.dialect(conn) is not db.SQLITE:
        return
    conn.set_progress_handler(lambda: 1 if progress(None) is False else 0, 200000)


def _step(progress, percent):
    if progress is not None and progress(percent) is False:
        raise Cancelled(tr("Settlement cancelled: nothing was recorded."))


def _segments_sql(tariff, sql_dialect):
    """The SQL shared by both passes: the time before each cut summed over
    the rows `te` of a group, the segment columns computed from those sums,
    the covered categories' placeholders, and the arguments of the cuts."""
    k = len(tariff.segments)
    # Cumulative sums (time before each cut) cost one comparison per cut and
    # row; segment i is then c_i - c_(i-1), computed once per group.
    cumulative = "".join(", %s AS c%d" % (
        sql_dialect.sum_int("CASE WHEN te.work_date < ? THEN te.minutes END"), i)
        for i in range(k - 1))
    bounds = ["0"] + ["coalesce(s.c%d, 0)" % i for i in range(k - 1)] + ["s.minutes"]
    columns = ", ".join("%s - %s AS s%d" % (bounds[i + 1], bounds[i], i) for i in range(k))
    categories = ", ".join("?" * len(tariff.line_of)) or "NULL"
    return cumulative, columns, categories, [cut.isoformat() for _s, cut in tariff.segments[:-1]]


def per_ticket_sql(tariff, sql_dialect, details=True):
    """SQL (and arguments) of the one pass over the ledger: the year's time
    entries (read from the covering date index) summed per ticket and
    segment, then joined once per ticket, not once per entry, to its category
    (and, with `details`, what the breakdowns and the digest need)."""
    (first, _), (_, end) = tariff.segments[0], tariff.segments[-1]
    cumulative, columns, categories, cut_args = _segments_sql(tariff, sql_dialect)
    minute_cents, minute_cents_args = tariff.minute_cents_sql()
    # A feature is shown at its ticket's point.
    ticket = ("t.fid AS ticket_fid, t.uuid AS uuid, t.application AS application, "
              "t.layer_name AS layer_name, t.feature_uuid AS feature_uuid, "
              "CASE WHEN t.feature_uuid IS NOT NULL THEN ST_X(t.geom) END AS x, "
              "CASE WHEN t.feature_uuid IS NOT NULL THEN ST_Y(t.geom) END AS y, "
              if details else "")
    sql = ("SELECT *, %s AS minute_cents FROM ("
           "SELECT %st.category AS category, s.minutes AS minutes, %s FROM ("
           "SELECT te.ticket_uuid AS ticket_uuid, %s AS minutes%s "
           "FROM time_entry te WHERE te.work_date >= ? AND te.work_date < ? "
           "GROUP BY te.ticket_uuid) s JOIN ticket t ON t.uuid = s.ticket_uuid "
           "WHERE t.category IN (%s)) q"
           % (minute_cents, ticket, columns, sql_dialect.sum_int("te.minutes"),
              cumulative, categories))
    # In the order of their placeholders in the SQL.
    args = (minute_cents_args + cut_args + [first.isoformat(), end.isoformat()]
            + list(tariff.line_of))
    return sql, args


def per_category_sql(tariff, sql_dialect):
    """per_ticket_sql without details, one row per category, read from the
    time per day and category (time_day_total, schema v9) that the store's
    triggers keep equal to the entries: a few rows a day, not every entry.
    Enough for the lines: a price is constant on a segment of days."""
    (first, _), (_, end) = tariff.segments[0], tariff.segments[-1]
    cumulative, columns, categories, cut_args = _segments_sql(tariff, sql_dialect)
    minute_cents, minute_cents_args = tariff.minute_cents_sql()
    sql = ("SELECT *, %s AS minute_cents FROM ("
           "SELECT s.category AS category, s.minutes AS minutes, %s FROM ("
           "SELECT te.category AS category, %s AS minutes%s FROM time_day_total te "
           "WHERE te.work_date >= ? AND te.work_date < ? AND te.category IN (%s) "
           "GROUP BY te.category) s) q"
           % (minute_cents, columns, sql_dialect.sum_int("te.minutes"), cumulative, categories))
    args = (minute_cents_args + cut_args + [first.isoformat(), end.isoformat()]
            + list(tariff.line_of))
    return sql, args


def compute(conn, conv, year, progress=None, breakdowns=True, until=None):
    """The settlement of `year` for agreement `conv`, without writing anything.

    `progress(percent or None)` is called along the way; returning False
    cancels (Cancelled is raised). Runs inside the caller's transaction if any.
    Without `breakdowns`, only the lines are computed (no months, breakdowns
    or digest: issuing always computes everything), from the time per day
    and category (per_category_sql), not from every entry. With `until`, the time
    is counted up to that day only (the consumption during the year).
    """
    first, last = conv.term_of_year(year)
    last = min(last, until or last)
    hpd = conv.hours_per_day
    tariff = _Tariff(conv, first, last, months=breakdowns)
    sql_dialect = db.dialect(conn)
    total = sql_dialect.sum_int
    _progress_guard(conn, progress)
    try:
        _step(progress, 0)
        if breakdowns:   # per ticket, kept for the breakdowns and the digest
            sql, args = per_ticket_sql(tariff, sql_dialect)
            conn.execute("DROP TABLE IF EXISTS %s.settle_ticket" % sql_dialect.temp)
            conn.execute("CREATE TEMP TABLE settle_ticket AS " + sql, args)
            sql, args = "settle_ticket", []
        else:
            sql, args = per_category_sql(tariff, sql_dialect)
            sql = "(%s) p" % sql
        _step(progress, 40)
        per_category = conn.execute(
            "SELECT category, %s, %s, %s FROM %s GROUP BY category"
            % (total("minutes"), total("minute_cents"),
               ", ".join(total("s%d" % i) for i in range(len(tariff.segments))), sql),
            args).fetchall()
        result = Result(conv, year, first, last, _lines(conv, first, last, tariff, per_category),
                        _hosting(conn, year),
                        computed_at=datetime.datetime.now().strftime("%Y-%m-%dT%H:%M:%S"))
        _cost_lines(result)
        live = live_settlement(conn, conv.uuid, year)
        result.locked_by_version = live[1] if live else None
        if breakdowns:
            result.by_month = _by_month(tariff, per_category, hpd)
            _ticket_breakdowns(conn, result, progress)
            result.digest = _digest(conn, result, per_category)
            if live:
                (result.issued_digest,) = conn.execute(
                    "SELECT inputs_digest FROM settlement WHERE uuid = ?", (live[0],)).fetchone()
        _step(progress, 95)
    except sqlite3.OperationalError as e:
        if "interrupt" in str(e):
            raise Cancelled(tr("Settlement cancelled: nothing was recorded."))
        raise SettlementError(tr("Cannot compute the {year} settlement: {error}")
                              .format(year=year, error=e))
    finally:
        if sql_dialect is db.SQLITE:
            conn.set_progress_handler(None, 0)
        if not (sql_dialect is db.POSTGRES and conn.in_failed_transaction):
            for table in ("settle_ticket", "settle_commune"):
                conn.execute("DROP TABLE IF EXISTS %s.%s" % (sql_dialect.temp, table))
    return result


def _lines(conv, first, last, tariff, per_category):
    minutes, minute_cents = {}, {}
    for category, m, mc, *_segments in per_category:
        code = tariff.line_of[category]
        minutes[code] = minutes.get(code, 0) + m
        minute_cents[code] = minute_cents.get(code, 0) + mc
    lines = []
    for position, base in enumerate(conv.lines, 1):
        line = conv.line_on(base.code, first)
        r = LineResult(position, line.code, line.label, line.kind,
                       line.provisional_quantity_hundredths, line.unit_price_cents,
                       line.provisional_amount_cents, line.vat_rate_bp)
        if line.kind != COSTS:
            r.actual_minutes = minutes.get(line.code, 0)
            r.actual_ht_cents = _amount(minute_cents.get(line.code, 0), conv.hours_per_day)
            r.price_changes = len(conv.price_periods(line.code, first, last)) - 1
        lines.append(r)
    return lines


def _hosting(conn, year):
    """[(kind, label, amount_ht_cents, invoice, kind's label)] of the year."""
    return conn.execute(
        "SELECT h.kind, h.label, h.amount_ht_cents, h.invoice, coalesce(c.label, h.kind) "
        "FROM hosting_cost h LEFT JOIN codelist c ON c.list = 'hosting_kind' "
        "AND c.code = h.kind WHERE h.year = ? ORDER BY h.fid", (year,)).fetchall()


def _cost_lines(result):
    for r in result.lines:
        if r.kind == COSTS:
            kinds = set(result.convention.line(r.code).categories)
            r.actual_cost_cents = sum(c[2] for c in result.hosting_costs if c[0] in kinds)
            r.actual_ht_cents = r.actual_cost_cents
        r.vat_cents = round_cents(Decimal(r.actual_ht_cents) * r.vat_rate_bp / 10000)
        r.actual_ttc_cents = r.actual_ht_cents + r.vat_cents


def _by_month(tariff, per_category, hpd):
    months = {}
    for category, _m, _mc, *segments in per_category:
        for (start, _end), price, m in zip(tariff.segments, tariff.price[category], segments):
            if m:
                key = start.isoformat()[:7]
                minutes, cents = months.get(key, (0, 0))
                months[key] = (minutes + m, cents + m * price)
    return [Share(key, key, m, _amount(mc, hpd)) for key, (m, mc) in sorted(months.items())]


def _ticket_breakdowns(conn, result, progress):
    """The per-ticket table grouped by application, commune and feature."""
    hpd = result.convention.hours_per_day
    total = db.dialect(conn).sum_int
    labels = dict(conn.execute("SELECT code, label FROM codelist WHERE list = 'application'"))
    result.by_application = [
        Share(app, labels.get(app, app), m, _amount(mc, hpd)) for app, m, mc in conn.execute(
            "SELECT application, %s, %s FROM settle_ticket GROUP BY application ORDER BY 1"
            % (total("minutes"), total("minute_cents")))]
    _step(progress, 55)
    result.by_commune = _by_commune(conn, hpd)
    _step(progress, 75)
    # Integer half-up rounding of minute-cents ÷ d: (2 mc + d) / (2 d), exact
    # like _amount() and done in SQL for the many features. The feature is
    # shown where its latest ticket was logged: SQLite takes the bare columns
    # from the row of MAX(); PostgreSQL says so with an ordered aggregate.
    point = ("x, y" if db.dialect(conn) is db.SQLITE else
             "(array_agg(x ORDER BY ticket_fid DESC))[1], "
             "(array_agg(y ORDER BY ticket_fid DESC))[1]")
    result.by_feature = [
        Share(uuid, layer, m, cents, layer, x, y)
        for layer, uuid, m, cents, _last, x, y in conn.execute(
            "SELECT layer_name, feature_uuid, %s, "
            "(2 * %s + ?) / (2 * ?), MAX(ticket_fid), %s "
            "FROM settle_ticket WHERE feature_uuid IS NOT NULL "
            "GROUP BY layer_name, feature_uuid ORDER BY 3 DESC, 1, 2"
            % (total("minutes"), total("minute_cents"), point), (hpd * 60, hpd * 60))]
    _step(progress, 85)


def _by_commune(conn, hpd):
    """Tickets located by their point with the R-trees of both tables (the
    commune loop is outside so each polygon is prepared once by GEOS); a
    point on a boundary goes to the smaller INSEE code, never to both."""
    sql_dialect = db.dialect(conn)
    conn.execute("DROP TABLE IF EXISTS %s.settle_commune" % sql_dialect.temp)
    conn.execute("CREATE TEMP TABLE settle_commune (ticket_fid INTEGER PRIMARY KEY, insee TEXT)")
    if sql_dialect is db.POSTGRES:   # the GiST indexes of both tables
        conn.execute(
            "INSERT INTO settle_commune SELECT t.fid, MIN(c.insee) FROM commune c "
            "JOIN ticket t ON ST_Covers(c.geom, t.geom) "
            "WHERE t.fid IN (SELECT ticket_fid FROM settle_ticket WHERE feature_uuid IS NOT NULL) "
            "GROUP BY t.fid")
    elif sql_dialect.table_exists(conn, "rtree_commune_geom"):
        conn.execute(
            "INSERT INTO settle_commune SELECT t.fid, MIN(c.insee) "
            # CROSS JOIN keeps this order: commune by commune, the ticket
            # points in its box, then the exact test on the same polygon.
            "FROM rtree_commune_geom rc CROSS JOIN commune c ON c.fid = rc.id "
            "CROSS JOIN rtree_ticket_geom rt ON rt.minx <= rc.maxx AND rt.maxx >= rc.minx "
            "AND rt.miny <= rc.maxy AND rt.maxy >= rc.miny "
            "CROSS JOIN ticket t ON t.fid = rt.id "
            "WHERE t.fid IN (SELECT ticket_fid FROM settle_ticket WHERE feature_uuid IS NOT NULL) "
            "AND ST_Covers(c.geom, t.geom) = 1 GROUP BY t.fid")
    rows = conn.execute(
        "SELECT * FROM (SELECT CASE WHEN s.feature_uuid IS NULL THEN '%s' "
        "ELSE COALESCE(l.insee, '%s') END AS key, MIN(c.nom) AS nom, %s, %s "
        "FROM settle_ticket s LEFT JOIN settle_commune l ON l.ticket_fid = s.ticket_fid "
        "LEFT JOIN commune c ON c.insee = l.insee "
        "GROUP BY 1) r ORDER BY key = '%s', key = '%s', nom, key"
        % (TRANSVERSAL, OUTSIDE, sql_dialect.sum_int("s.minutes"),
           sql_dialect.sum_int("s.minute_cents"), TRANSVERSAL, OUTSIDE)).fetchall()
    conn.execute("DROP TABLE %s.settle_commune" % sql_dialect.temp)
    names = {TRANSVERSAL: tr("Transversal (application-level work)"),
             OUTSIDE: tr("Outside the communes")}
    return [Share(key, name or names.get(key, key), m, _amount(mc, hpd))
            for key, name, m, mc in rows]


def _digest(conn, result, per_category):
    """SHA-256 of every input the figures depend on: the agreement, the
    hosting costs, each covered category's time per segment of the year
    (months, prices), and each ticket's identity, category, application,
    feature and time in the year."""
    # The agreement as it applies to the year: amendments effective later
    # (which the year lock lets one add) change nothing in it.
    conv = replace(result.convention, amendments=[
        a for a in result.convention.amendments if a.effective_date <= result.last])
    h = hashlib.sha256()
    h.update(json.dumps({
        "year": result.year, "reference": conv.reference, "hours_per_day": conv.hours_per_day,
        "start": conv.start_date.isoformat(), "end": conv.end_date.isoformat(),
        "lines": [[l.code, l.kind, l.provisional_quantity_hundredths, l.unit_price_cents,
                   l.vat_rate_bp, list(l.categories)] for l in conv.lines],
        "amendments": [[a.number, a.effective_date.isoformat(), a.line_code,
                        a.new_unit_price_cents, a.new_provisional_quantity_hundredths,
                        a.new_vat_rate_bp, a.extension_years] for a in conv.amendments],
        "hosting": [list(c) for c in result.hosting_costs],
        "categories": sorted(list(row) for row in per_category),
    }, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    (tickets,) = conn.execute(
        "SELECT %s FROM (SELECT uuid, uuid || '|' || category || "
        "'|' || application || '|' || coalesce(layer_name, '') || '|' || "
        "coalesce(feature_uuid, '') || '|' || minutes || '|' || minute_cents AS line "
        "FROM settle_ticket ORDER BY uuid) d"
        % db.dialect(conn).string_agg("line", "?", order="uuid"), ("\n",)).fetchone()
    h.update((tickets or "").encode("utf-8"))
    return h.hexdigest()


# --- issuing, reopening, history -----------------------------------------

def live_settlement(conn, convention_uuid, year):
    """(uuid, version, issued_at) of the issued, not reopened settlement, or None."""
    return conn.execute("SELECT uuid, version, issued_at FROM settlement WHERE "
                        "convention_uuid = ? AND year = ? AND reopened_at IS NULL",
                        (convention_uuid, year)).fetchone()


def issue(conn, conv, year, progress=None, before_commit=None):
    """Compute and record the settlement of `year`, locking the year, in one
    transaction: cancelled or failed, nothing is written. `before_commit(result)`
    runs inside the transaction (the documents): if it fails, nothing is
    recorded either."""
    try:
        with transaction(conn):
            live = live_settlement(conn, conv.uuid, year)
            if live:
                raise SettlementError(tr(
                    "The {year} settlement of agreement {ref} was already issued (version "
                    "{version}, {date}); reopen the year (sitchartreuse:reopenyear) to issue "
                    "a new version.").format(year=year, ref=conv.reference, version=live[1],
                                             date=live[2][:10]))
            if db.dialect(conn) is db.POSTGRES:
                # The year lock, race-free: writers of time and costs wait for
                # this transaction, which waits for theirs (see issue's doc).
                conn.execute("LOCK TABLE time_entry, hosting_cost, ticket IN SHARE MODE")
            result = compute(conn, conv, year, progress)
            (last_version,) = conn.execute(
                "SELECT coalesce(MAX(version), 0) FROM settlement WHERE convention_uuid = ? "
                "AND year = ?", (conv.uuid, year)).fetchone()
            result.uuid, result.version = str(uuidlib.uuid4()), last_version + 1
            result.issued_by = current_user()
            # The lines first: the store refuses lines added to a settlement
            # that exists, and a settlement whose totals are not their sums.
            hpd = conv.hours_per_day
            conn.executemany(
                "INSERT INTO settlement_line (uuid, settlement_uuid, position, line_code, label, "
                "kind, provisional_quantity_hundredths, provisional_amount_cents, "
                "actual_minutes, actual_quantity_hundredths, actual_ht_cents, vat_rate_bp, "
                "vat_cents, actual_ttc_cents, difference_ht_cents) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(str(uuidlib.uuid4()), result.uuid, l.position, l.code, l.label, l.kind,
                  l.provisional_quantity_hundredths, l.provisional_amount_cents,
                  l.actual_minutes, l.actual_quantity_hundredths(hpd), l.actual_ht_cents,
                  l.vat_rate_bp, l.vat_cents, l.actual_ttc_cents, l.difference_ht_cents)
                 for l in result.lines])
            conn.execute(
                "INSERT INTO settlement (uuid, convention_uuid, year, version, issued_at, "
                "issued_by, total_ht_cents, total_vat_cents, total_ttc_cents, inputs_digest) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (result.uuid, conv.uuid, year, result.version,
                 result.computed_at if db.dialect(conn) is db.SQLITE   # local time as text
                 else datetime.datetime.fromisoformat(result.computed_at).astimezone(),
                 result.issued_by, result.total_ht_cents, result.total_vat_cents,
                 result.total_ttc_cents, result.digest))
            if before_commit is not None:
                before_commit(result)
            _step(progress, 100)
    except sqlite3.Error as e:
        raise SettlementError(tr("Cannot issue the {year} settlement: {error}")
                              .format(year=year, error=e))
    return result


def reopen_year(conn, conv, year, reason):
    """Unlock `year`: the live settlement is marked reopened (who, when, why)
    and kept; the next issue makes a new version. Returns the version reopened."""
    if not (reason or "").strip():
        raise SettlementError(tr("Reopening a settled year needs a reason."))
    with transaction(conn):
        live = live_settlement(conn, conv.uuid, year)
        if not live:
            raise SettlementError(tr("Year {year} of agreement {ref} has no issued settlement "
                                     "to reopen.").format(year=year, ref=conv.reference))
        conn.execute("UPDATE settlement SET reopened_at = %s, reopened_by = ?, "
                     "reopen_reason = ? WHERE uuid = ?" % db.dialect(conn).local_now,
                     (current_user(), reason.strip(), live[0]))
    return live[1]


def history(conn, convention_uuid, year):
    """Every version issued for the year, oldest first, as dicts."""
    cur = conn.execute(
        "SELECT uuid, version, issued_at, issued_by, total_ht_cents, total_vat_cents, "
        "total_ttc_cents, inputs_digest, reopened_at, reopened_by, reopen_reason "
        "FROM settlement WHERE convention_uuid = ? AND year = ? ORDER BY version",
        (convention_uuid, year))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur]


def settled_years(conn):
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT year FROM settlement WHERE reopened_at IS NULL ORDER BY year")]

