"""The cooperation agreement as data: lines, amendments, hosting costs.

The seed's agreement (Articles 3 and 4) is the default: from 1 January 2026
for three years, 7 hours a day, four lines (17 200 € HT, 17 400 € TTC a year
since only the hosting line states VAT). Everything is editable; amendments
(avenants) change a line's price, provisional quantity or VAT rate from their
effective date, or extend the agreement.
"""
import datetime
import re
import sqlite3
import uuid as uuidlib
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation, ROUND_HALF_UP
from typing import Dict, List, Optional, Set, Tuple, Union

from ..errors import SitError
from ..i18n import tr
from ..storage import db
from ..storage.store import current_user, transaction

DAYS, COSTS = "days", "costs"
HOSTING_KINDS = ("stockage", "sauvegarde", "hebergement", "autre")


class ConventionError(SitError):
    """The agreement or a hosting cost is refused (message names the field)."""


def round_cents(value: Union[Decimal, int, str]) -> int:
    """Round an exact Decimal amount of cents to a whole cent, half up."""
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class Line:
    code: str
    label: str
    kind: str                          # DAYS or COSTS
    provisional_quantity_hundredths: int
    unit_price_cents: int
    vat_rate_bp: int = 0
    categories: Tuple[str, ...] = ()   # ticket categories (days) or hosting kinds (costs)

    @property
    def provisional_amount_cents(self) -> int:
        return round_cents(Decimal(self.provisional_quantity_hundredths)
                           * self.unit_price_cents / 100)


@dataclass
class Amendment:
    number: int
    effective_date: datetime.date
    description: str
    line_code: Optional[str] = None
    new_unit_price_cents: Optional[int] = None
    new_provisional_quantity_hundredths: Optional[int] = None
    new_vat_rate_bp: Optional[int] = None
    extension_years: Optional[int] = None
    signed_on: Optional[datetime.date] = None


@dataclass
class Convention:
    reference: str
    beneficiary_siren: str
    start_date: datetime.date
    duration_years: int
    lines: List[Line]
    hours_per_day: int = 7
    title: str = ""
    beneficiary_name: str = ""
    provider_name: str = ""
    amendments: List[Amendment] = field(default_factory=list)
    uuid: Optional[str] = None

    @property
    def end_date(self):
        """Last day of the agreement, extensions by amendment included."""
        years = self.duration_years + sum(a.extension_years or 0 for a in self.amendments)
        start = self.start_date
        try:
            after = start.replace(year=start.year + years)
        except ValueError:  # 29 February
            after = start.replace(year=start.year + years, day=28)
        return after - datetime.timedelta(days=1)

    def years(self):
        return list(range(self.start_date.year, self.end_date.year + 1))

    def line(self, code):
        return next(line for line in self.lines if line.code == code)

    def line_on(self, code, day):
        """The line as amended by the amendments in effect on `day`."""
        line = self.line(code)
        for a in sorted(self.amendments, key=lambda a: (a.effective_date, a.number)):
            if a.line_code != code or a.effective_date > day:
                continue
            line = replace(line, **{
                name: value for name, value in (
                    ("unit_price_cents", a.new_unit_price_cents),
                    ("provisional_quantity_hundredths", a.new_provisional_quantity_hundredths),
                    ("vat_rate_bp", a.new_vat_rate_bp)) if value is not None})
        return line

    def price_periods(self, code, first, last):
        """[(from, to, unit_price_cents)] covering first..last for line `code`."""
        starts = sorted({first} | {a.effective_date for a in self.amendments
                                   if a.line_code == code and first < a.effective_date <= last})
        ends = [d - datetime.timedelta(days=1) for d in starts[1:]] + [last]
        return [(s, e, self.line_on(code, s).unit_price_cents) for s, e in zip(starts, ends)]

    def term_of_year(self, year):
        """(first, last) day of `year` inside the agreement, or a refusal."""
        first = max(datetime.date(year, 1, 1), self.start_date)
        last = min(datetime.date(year, 12, 31), self.end_date)
        if first > last:
            raise ConventionError(tr(
                "Year {year} is outside the term of agreement {ref} ({start} to {end}): "
                "no settlement can be computed for it. Extend the agreement by an "
                "amendment first.").format(year=year, ref=self.reference,
                                           start=self.start_date.strftime("%d/%m/%Y"),
                                           end=self.end_date.strftime("%d/%m/%Y")))
        return first, last


def default_convention():
    """The seed's agreement, Articles 3 (provisional amounts) and 4 (settlement)."""
    return Convention(
        reference="PNRC-CCCC-SIT-2026",
        title=("Convention de coopération public-public (art. L2511-6 du Code de la "
               "commande publique) relative au système d'information territorial"),
        beneficiary_name="Communauté de communes Cœur de Chartreuse",
        beneficiary_siren="200040111",
        provider_name="Parc naturel régional de Chartreuse",
        start_date=datetime.date(2026, 1, 1),
        duration_years=3,
        hours_per_day=7,
        lines=[
            Line("hebergement", "Maintenance et hébergement de la base de données "
                 "Cœur de Chartreuse", COSTS, 100, 100000, 2000, HOSTING_KINDS),
            Line("maintenance", "Maintenance corrective et évolutive des applications "
                 "métier (points d'apport volontaire, réseaux humides, urbanisme, pont "
                 "Next'ADS)", DAYS, 1500, 60000, 0,
                 ("maintenance_corrective", "maintenance_evolutive")),
            Line("formation", "Formation de niveau 1 et niveau 2 sur site, hotline",
                 DAYS, 200, 60000, 0, ("formation", "hotline")),
            Line("developpement", "Journées de développement spécifiques",
                 DAYS, 1000, 60000, 0, ("developpement",)),
        ])


# --- validation ----------------------------------------------------------

def _codes(conn, codelist):
    return {r[0] for r in conn.execute("SELECT code FROM codelist WHERE list = ?", (codelist,))}


def _known_codes(conn):
    return {DAYS: _codes(conn, "ticket_category"), COSTS: _codes(conn, "hosting_kind")}


def _check_categories(line, known, at):
    for category in line.categories:
        if category not in known.get(line.kind, ()):
            raise ConventionError(tr("{at}: unknown category '{category}' (expected one "
                                     "of {codes}).").format(
                at=at, category=category, codes=", ".join(sorted(known.get(line.kind, ())))))


def validate(conn, conv):
    """Refuse an agreement that would make the settlement ambiguous."""
    where = tr("agreement {ref}").format(ref=conv.reference or "?")
    if not conv.reference.strip():
        raise ConventionError(tr("The agreement needs a reference."))
    if not re.fullmatch(r"\d{9}", conv.beneficiary_siren or ""):
        raise ConventionError(tr("{where}: the beneficiary SIREN must have 9 digits, not "
                                 "'{siren}'.").format(where=where, siren=conv.beneficiary_siren))
    if conv.duration_years < 1 or not 1 <= conv.hours_per_day <= 24:
        raise ConventionError(tr("{where}: the duration must be at least one year and the "
                                 "hours per day between 1 and 24.").format(where=where))
    if not conv.lines:
        raise ConventionError(tr("{where}: the agreement has no line.").format(where=where))
    known = _known_codes(conn)
    seen_codes: Set[str] = set()
    seen_categories: Dict[str, str] = {}   # category: the line holding it
    for line in conv.lines:
        at = tr("{where}, line {code}").format(where=where, code=line.code or "?")
        if not line.code.strip() or line.code in seen_codes:
            raise ConventionError(tr("{at}: each line needs its own code.").format(at=at))
        seen_codes.add(line.code)
        if line.kind not in known:
            raise ConventionError(tr("{at}: the kind must be 'days' or 'costs'.").format(at=at))
        if min(line.provisional_quantity_hundredths, line.unit_price_cents,
               line.vat_rate_bp) < 0 or line.vat_rate_bp > 10000:
            raise ConventionError(tr("{at}: quantities, prices and VAT rates cannot be "
                                     "negative (VAT at most 100 %).").format(at=at))
        if not line.categories:
            raise ConventionError(tr("{at}: the line covers no category.").format(at=at))
        _check_categories(line, known, at)
        for category in line.categories:
            if category in seen_categories:
                # Time would be counted twice.
                raise ConventionError(tr("{at}: category '{category}' is already covered by "
                                         "line {other}.").format(
                    at=at, category=category, other=seen_categories[category]))
            seen_categories[category] = line.code
    numbers = set()
    for a in conv.amendments:
        at = tr("{where}, amendment {number}").format(where=where, number=a.number)
        if a.number in numbers:
            raise ConventionError(tr("{at}: two amendments carry this number.").format(at=at))
        numbers.add(a.number)
        if not (a.description or "").strip():
            raise ConventionError(tr("{at}: the amendment needs a description.").format(at=at))
        if a.line_code is not None and a.line_code not in seen_codes:
            raise ConventionError(tr("{at}: no line '{code}' in the agreement.").format(
                at=at, code=a.line_code))
        changes_line = any(v is not None for v in (
            a.new_unit_price_cents, a.new_provisional_quantity_hundredths, a.new_vat_rate_bp))
        if changes_line and a.line_code is None:
            raise ConventionError(tr("{at}: say which line the new price, quantity or VAT "
                                     "rate applies to.").format(at=at))
        if not changes_line and not a.extension_years:
            raise ConventionError(tr("{at}: the amendment changes nothing (no new price, "
                                     "quantity, VAT rate or extension).").format(at=at))


# --- storage -------------------------------------------------------------

def _iso(day):
    return day.isoformat() if day else None


def _date(text):
    return datetime.date.fromisoformat(text[:10]) if text else None


def _terms(conv):
    return (conv.reference, conv.title, conv.beneficiary_name, conv.beneficiary_siren,
            conv.provider_name, conv.start_date, conv.duration_years, conv.hours_per_day)


def save_convention(conn, conv):
    """Create or replace the agreement (with its lines and amendments) in one
    transaction; returns its uuid. Settlements already issued keep their own
    copy of the figures. Only what changed is written: the store refuses a
    change to the terms of a settled year, not an amendment for a later year."""
    validate(conn, conv)
    try:
        with transaction(conn):
            stored = read_convention(conn, conv.uuid) if conv.uuid else None
            if stored is None:
                conv.uuid = str(uuidlib.uuid4())
                conn.execute("INSERT INTO convention (uuid, reference, beneficiary_siren, "
                             "start_date, duration_years) VALUES (?, ?, ?, ?, ?)",
                             (conv.uuid, conv.reference, conv.beneficiary_siren,
                              _iso(conv.start_date), conv.duration_years))
            if stored is None or _terms(stored) != _terms(conv):
                conn.execute(
                    "UPDATE convention SET reference = ?, title = ?, beneficiary_name = ?, "
                    "beneficiary_siren = ?, provider_name = ?, start_date = ?, "
                    "duration_years = ?, hours_per_day = ? WHERE uuid = ?",
                    (conv.reference, conv.title, conv.beneficiary_name, conv.beneficiary_siren,
                     conv.provider_name, _iso(conv.start_date), conv.duration_years,
                     conv.hours_per_day, conv.uuid))
            if stored is None or stored.lines != conv.lines:
                conn.execute("DELETE FROM convention_line WHERE convention_uuid = ?",
                             (conv.uuid,))
                conn.executemany(
                    "INSERT INTO convention_line (convention_uuid, code, label, kind, "
                    "position, provisional_quantity_hundredths, unit_price_cents, "
                    "provisional_amount_cents, vat_rate_bp, categories) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(conv.uuid, l.code, l.label, l.kind, i, l.provisional_quantity_hundredths,
                      l.unit_price_cents, l.provisional_amount_cents, l.vat_rate_bp,
                      ",".join(l.categories)) for i, l in enumerate(conv.lines, 1)])
            old = {a.number: a for a in stored.amendments} if stored else {}
            new = {a.number: a for a in conv.amendments}
            for number in [n for n, a in old.items() if new.get(n) != a]:
                conn.execute("DELETE FROM convention_amendment WHERE convention_uuid = ? "
                             "AND number = ?", (conv.uuid, number))
            conn.executemany(
                "INSERT INTO convention_amendment (convention_uuid, number, signed_on, "
                "effective_date, description, line_code, new_unit_price_cents, "
                "new_provisional_quantity_hundredths, new_vat_rate_bp, extension_years) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(conv.uuid, a.number, _iso(a.signed_on), _iso(a.effective_date),
                  a.description, a.line_code, a.new_unit_price_cents,
                  a.new_provisional_quantity_hundredths, a.new_vat_rate_bp, a.extension_years)
                 for a in conv.amendments if old.get(a.number) != a])
    except sqlite3.IntegrityError as e:   # a rule of the store (a settled year)
        raise ConventionError(tr("Agreement {ref} cannot be saved: {error}")
                              .format(ref=conv.reference, error=e))
    return conv.uuid


def add_amendment(conn, convention_uuid, amendment):
    conv = read_convention(conn, convention_uuid)
    conv.amendments.append(amendment)
    return save_convention(conn, conv)


def read_convention(conn, convention_uuid):
    row = conn.execute(
        "SELECT uuid, reference, title, beneficiary_name, beneficiary_siren, provider_name, "
        "start_date, duration_years, hours_per_day FROM convention WHERE uuid = ?",
        (convention_uuid,)).fetchone()
    if row is None:
        raise ConventionError(tr("No agreement with uuid {uuid} in the store.")
                              .format(uuid=convention_uuid))
    lines = [Line(code, label, kind, qty, price, vat, tuple(c for c in cats.split(",") if c))
             for code, label, kind, qty, price, vat, cats in conn.execute(
                 "SELECT code, label, kind, provisional_quantity_hundredths, unit_price_cents, "
                 "vat_rate_bp, categories FROM convention_line WHERE convention_uuid = ? "
                 "ORDER BY position, fid", (convention_uuid,))]
    # The settlement's SQL uses the categories: a value written by another
    # client is checked against the code lists before anything uses it.
    known = _known_codes(conn)
    for line in lines:
        _check_categories(line, known, tr("{where}, line {code}").format(
            where=tr("agreement {ref}").format(ref=row[1]), code=line.code))
    amendments = [Amendment(n, _date(eff), desc, code, price, qty, vat, ext, _date(signed))
                  for n, eff, desc, code, price, qty, vat, ext, signed in conn.execute(
                      "SELECT number, effective_date, description, line_code, "
                      "new_unit_price_cents, new_provisional_quantity_hundredths, "
                      "new_vat_rate_bp, extension_years, signed_on FROM convention_amendment "
                      "WHERE convention_uuid = ? ORDER BY number", (convention_uuid,))]
    return Convention(uuid=row[0], reference=row[1], title=row[2] or "",
                      beneficiary_name=row[3] or "", beneficiary_siren=row[4],
                      provider_name=row[5] or "", start_date=_date(row[6]),
                      duration_years=row[7], hours_per_day=row[8], lines=lines,
                      amendments=amendments)


def list_conventions(conn):
    """[(uuid, reference)] of the agreements in the store."""
    return conn.execute("SELECT uuid, reference FROM convention ORDER BY reference").fetchall()


def find_convention(conn, key=None):
    """The agreement named by uuid or reference; without a key, the only one
    (a new store holds the seed's agreement, schema v3)."""
    rows = list_conventions(conn)
    if key:
        match = [u for u, ref in rows if key in (u, ref)]
        if not match:
            raise ConventionError(tr("No agreement '{key}' in the store (known: {known}).")
                                  .format(key=key, known=", ".join(r for _, r in rows) or "-"))
        return read_convention(conn, match[0])
    if len(rows) != 1:
        raise ConventionError(tr("The store holds {n} agreements ({known}): say which one.")
                              .format(n=len(rows), known=", ".join(r for _, r in rows))
                              if rows else tr("The store holds no agreement: create one "
                                              "(Agreement and hosting costs…)."))
    return read_convention(conn, rows[0][0])


# --- hosting costs -------------------------------------------------------

def parse_amount(value: object) -> int:
    """Cents from an amount in euros: Decimal, int, or text such as
    '1 000,50', '1000.50' or '1 000,50 €'. Refuses sub-cent precision."""
    if isinstance(value, (int, Decimal)):
        amount = Decimal(value)
    else:
        text = re.sub(r"[\s\u00a0\u202f€]", "", str(value))
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ConventionError(tr("'{value}' is not an amount in euros.").format(value=value))
    try:
        to_the_cent = amount.is_finite() and amount == amount.quantize(Decimal("0.01"))
    except InvalidOperation:   # more digits than Decimal's precision: 1e30 €
        to_the_cent = False
    if not to_the_cent:
        raise ConventionError(tr("'{value}' is not an amount in euros to the cent.")
                              .format(value=value))
    return int(amount * 100)


def record_hosting_cost(conn, year, kind, label, amount_ht, invoice=""):
    """Record a storage, backup or hosting cost borne by the Park; returns its uuid.
    The database refuses it if the year is settled."""
    if kind not in _codes(conn, "hosting_kind"):
        raise ConventionError(tr("Unknown hosting cost kind '{kind}' (expected one of "
                                 "{codes}).").format(kind=kind, codes=", ".join(HOSTING_KINDS)))
    if not (label or "").strip():
        raise ConventionError(tr("A hosting cost needs a label."))
    if not 2000 <= int(year) <= 2100:
        raise ConventionError(tr("{year} is not a plausible year.").format(year=year))
    cents = parse_amount(amount_ht)
    if cents < 0:
        raise ConventionError(tr("Hosting cost '{label}' ({year}): the amount cannot be "
                                 "negative ({amount}).").format(label=label, year=year,
                                                                amount=amount_ht))
    new = str(uuidlib.uuid4())
    try:
        with transaction(conn):
            conn.execute(
                "INSERT INTO hosting_cost (uuid, year, kind, label, amount_ht_cents, invoice, "
                "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, %s)" % db.dialect(conn).now,
                (new, int(year), kind, label.strip(), cents, invoice or None, current_user()))
    except sqlite3.IntegrityError as e:
        raise ConventionError(tr("Hosting cost '{label}' ({year}) refused: {error}")
                              .format(label=label, year=year, error=e))
    return new


def hosting_kind_labels(conn):
    """{code: label} of the kinds of hosting cost, from the store's code list."""
    return dict(conn.execute("SELECT code, label FROM codelist WHERE list = 'hosting_kind'"))


def hosting_costs(conn, year):
    """[(uuid, kind, label, amount_ht_cents, invoice)] of `year`."""
    return conn.execute("SELECT uuid, kind, label, amount_ht_cents, invoice FROM hosting_cost "
                        "WHERE year = ? ORDER BY fid", (year,)).fetchall()


def delete_hosting_cost(conn, cost_uuid):
    try:
        with transaction(conn):
            conn.execute("DELETE FROM hosting_cost WHERE uuid = ?", (cost_uuid,))
    except sqlite3.IntegrityError as e:
        raise ConventionError(tr("Hosting cost {uuid} cannot be deleted: {error}")
                              .format(uuid=cost_uuid, error=e))
