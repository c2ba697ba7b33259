"""Import time entries from a CSV file: Redmine, Kimai or the generic layout.

The whole file lands in one transaction or nothing does. Every line is
checked before anything is kept, and a refusal lists each faulty line with
its reason (unknown feature, unknown category, bad date, hours out of range,
duplicate line, wrong encoding...).

Layouts (the header line decides; `fmt="auto"` recognises them):

- Redmine "spent time" export (Temps passé → CSV), English or French
  headers: Project/Projet, Date, User/Utilisateur, Activity/Activité,
  Issue/Demande, Comment/Commentaire, Hours/Heures. The project names the
  application, the activity the category, the issue (``Anomalie #123: ...``)
  the ticket, kept as ``external_ref`` "redmine#123" so a later import adds to
  the same ticket. Redmine's import layout (issue_id, date, hours, comment,
  activity, user) reads the same way. Dates are in the instance's format,
  by default its language's: month first in English (03/12/2007 is 12
  March), day first in French; a day past 12 in the file decides. Hours are
  written to two decimals: 0.33 h is 20 minutes (0.3333 h rounded), 0.34 h
  is no whole number of minutes and is refused.
- Kimai 1 and 2 export, English, French or German headers: Date, From/To
  (De/À, Von/Bis) or Duration/Durée/Dauer (1:30, 1:30:00, decimal hours, or
  Kimai 1's seconds), User/Utilisateur/Benutzer, Project/Projet/Projekt,
  Activity/Activité/Tätigkeit, Description; money columns are ignored and
  the totals row is skipped. Lines of one project, activity and feature
  share a ticket.
- Generic layout, header required, any column order:
  ``date;agent;hours;category;application;layer;feature_uuid;code;ticket;title;note``
  (date YYYY-MM-DD or DD/MM/YYYY; hours decimal with . or , or H:MM;
  category and application as codes or French labels; `ticket` an existing
  ticket uuid, else lines with the same title, feature and category share a
  new ticket).

In every layout, optional columns ``layer`` (couche), ``feature_uuid``
(uuid) and ``code`` place the work on a feature: by layer + uuid, or by a
code: a RAEPA idcana, idappareil, idouvrage or idrepar, an ADS dossier
number, a parcel IDU (14 or 15 characters), a commune INSEE code, a PAV or
composter identifier, a document IDURBA. Without them, the work is on the
application as a whole.

Files may be UTF-8 (with or without BOM) or Windows-1252, separated by
semicolons, commas or tabs, one record a line (LF, CRLF or CR line ends; a
quoted field does not span lines). Hours are rounded to the minute (see
core.ledger.ledger). A line identical to one already in the file or in the store
(same ticket, date, agent, minutes and note) is refused as a duplicate.
"""
import csv
import os
import re
import sqlite3
import unicodedata
import uuid as uuidlib
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace
from typing import List, Tuple

from ..errors import SitError
from ..i18n import tr
from ..referential import parcel_id
from ..safe_csv import MAX_CELL, field_limit
from ..schema import codelist_rows
from ..storage import db
from ..storage.sqlite_ddl import quote
from ..storage.store import current_user, transaction
from . import ledger

FORMATS = ("auto", "redmine", "kimai", "generic")
GENERIC_COLUMNS = ("date", "agent", "hours", "category", "application", "layer",
                   "feature_uuid", "code", "ticket", "title", "note")

# Columns common to every layout (custom fields in Redmine and Kimai).
_FEATURE_ALIASES = {"layer": ("layer", "couche", "layer name"),
                    "feature_uuid": ("feature uuid", "uuid", "objet uuid"),
                    "code": ("code", "code objet", "feature code")}
ALIASES = {
    "generic": dict({c: (c.replace("_", " "),) for c in GENERIC_COLUMNS}, **_FEATURE_ALIASES),
    "redmine": dict({"date": ("date",), "agent": ("user", "utilisateur"),
                     "category": ("activity", "activite"),
                     "issue": ("issue", "demande", "issue id"),
                     "note": ("comment", "commentaire"), "hours": ("hours", "heures"),
                     "application": ("project", "projet")}, **_FEATURE_ALIASES),
    # Kimai 1 and 2, in English, French or German (money columns are ignored).
    "kimai": dict({"date": ("date", "datum"), "begin": ("from", "de", "begin", "debut", "von"),
                   "end": ("to", "a", "end", "fin", "bis"),
                   "duration": ("duration", "duree", "dauer"),
                   "agent": ("user", "utilisateur", "benutzer", "name", "nom"),
                   "application": ("project", "projet", "projekt"),
                   "category": ("activity", "activite", "tatigkeit"),
                   "note": ("description", "beschreibung")}, **_FEATURE_ALIASES),
}

# Where a code names a feature: (table, column), searched in this order.
CODE_COLUMNS = (("raepa_canalaep_l", "idcana"), ("raepa_canalass_l", "idcana"),
                ("raepa_apparaep_p", "idappareil"), ("raepa_apparass_p", "idappareil"),
                ("raepa_ouvraep_p", "idouvrage"), ("raepa_ouvrass_p", "idouvrage"),
                ("raepa_reparaep_p", "idrepar"), ("raepa_reparass_p", "idrepar"),
                ("ads_dossier", "numero"), ("parcelle", "idu"), ("commune", "insee"),
                ("pav", "identifiant"), ("composteur", "identifiant"), ("doc_urba", "idurba"))

# Activity names other tools use, beyond the codes and French labels.
CATEGORY_SYNONYMS = {
    "corrective maintenance": "maintenance_corrective", "bug": "maintenance_corrective",
    "anomalie": "maintenance_corrective", "correctif": "maintenance_corrective",
    "evolutive maintenance": "maintenance_evolutive", "enhancement": "maintenance_evolutive",
    "evolution": "maintenance_evolutive", "maintenance evolutive": "maintenance_evolutive",
    "training": "formation", "support": "hotline", "assistance": "hotline",
    "development": "developpement", "developpement": "developpement",
    "developpement specifique": "developpement",
}
APPLICATION_SYNONYMS = {"next ads": "ads", "nextads": "ads", "urbanisme": "plui",
                        "reseaux humides": "reseaux", "eau": "reseaux", "assainissement": "reseaux",
                        "dechets": "pav", "composteurs": "pav"}


class TimeImportError(SitError):
    """A refused import: `problems` lists (line, reason) for every faulty line."""

    def __init__(self, path, problems):
        self.path, self.problems = path, problems
        lines = "\n".join(tr("  line {line}: {reason}").format(line=line, reason=reason)
                          for line, reason in problems)
        super().__init__(tr("{path}: nothing imported, {count} faulty line(s):\n{lines}")
                         .format(path=path, count=len(problems), lines=lines))


@dataclass
class ImportResult:
    path: str
    format: str
    encoding: str
    delimiter: str
    tickets_created: int = 0
    minutes: int = 0
    entries: List[Tuple[int, str, str]] = field(default_factory=list)  # (line, ticket, entry)


def normalize(text):
    """Lower case, no accents, punctuation as single spaces."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def _labels(listname):
    return {normalize(label): code for name, code, label, _ in codelist_rows()
            if name == listname}


def _lookup(text, codes, labels, synonyms):
    """A code from a code, a label or a synonym; else the one code named inside the text."""
    key = normalize(text)
    for table in ({normalize(c): c for c in codes}, labels, synonyms):
        if key in table:
            return table[key]
    words = set(key.split())
    found = {c for c in codes if normalize(c) in words}
    found |= {code for name, code in synonyms.items() if name in words}
    return found.pop() if len(found) == 1 else None


def category_code(text):
    return _lookup(text, ledger.CATEGORIES, _labels("ticket_category"), CATEGORY_SYNONYMS)


def application_code(text):
    return _lookup(text, ledger.APPLICATIONS, _labels("application"), APPLICATION_SYNONYMS)


# --- reading the file -----------------------------------------------------

def decode(raw):
    """(text lines, encoding, [(line, reason)]) of a CSV file's bytes.

    UTF-8 if every line reads as UTF-8, Windows-1252 if none with accents
    does; a line in the other encoding than the rest is an error.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return [], "utf-16", [(1, tr("wrong encoding: UTF-16; save the file as UTF-8 "
                                     "or Windows-1252"))]
    raw = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    lines = raw.splitlines()  # LF, CRLF or CR-only line ends
    utf8, other = [], []
    for number, line in enumerate(lines, 1):
        if not line.isascii():
            try:
                line.decode("utf-8")
                utf8.append(number)
            except UnicodeDecodeError:
                other.append(number)
    encoding = "utf-8" if len(utf8) >= len(other) else "cp1252"
    wrong = other if encoding == "utf-8" else utf8
    problems = [(n, tr("wrong encoding: this line is not in {encoding} like the rest of "
                       "the file").format(encoding=encoding)) for n in wrong]
    text = []
    for number, line in enumerate(lines, 1):
        try:
            text.append(line.decode(encoding))
        except UnicodeDecodeError:
            if number not in wrong:
                problems.append((number, tr("wrong encoding: not readable as {encoding}")
                                 .format(encoding=encoding)))
            text.append("")
    return text, encoding, sorted(problems)


def _delimiter(header):
    return max(";,\t", key=header.count)


def detect_format(columns):
    names = set(columns)
    if {"date", "agent", "hours", "category"} <= names:
        return "generic"
    if names & {"issue", "demande"}:
        return "redmine"
    if names & {"duration", "duree", "dauer", "from", "de", "begin", "debut", "von"}:
        return "kimai"
    if names & {"hours", "heures"}:
        return "redmine"
    return None


def _columns(header, fmt):
    """{canonical name: index} for the header of layout `fmt`."""
    normalized = [normalize(h) for h in header]
    found = {}
    for name, aliases in ALIASES[fmt].items():
        for alias in aliases:
            if alias in normalized:
                found[name] = normalized.index(alias)
                break
    return found


def _records(lines, delimiter, problems):
    """(line, values) of every non-empty line, each line one record.

    A quote left open would make the csv module read on through the next
    lines (four lines became one entry): a record must end on its line, and
    a line that does not parse alone is refused by number in `problems`.
    """
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if "\x00" in line:
            problems.append((number, tr("the line holds a NUL character")))
            continue
        try:
            with field_limit():
                values = next(csv.reader((line,), delimiter=delimiter, strict=True))
        except csv.Error as e:
            problems.append((number, tr("a field is longer than {size} KiB").format(
                size=MAX_CELL // 1024) if "field larger" in str(e) else tr(
                "badly quoted: a quote left open or followed by text (a record holds on "
                "one line)")))
            continue
        yield number, values


def read_rows(path, fmt="auto"):
    """(format, encoding, delimiter, [(line, {column: value})], problems)."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        raise SitError(tr("Cannot read {path}: {error}").format(path=path, error=e))
    lines, encoding, problems = decode(raw)
    if not any(line.strip() for line in lines):
        raise TimeImportError(path, problems or [(1, tr("the file is empty"))])
    delimiter = _delimiter(lines[0])
    records = _records(lines, delimiter, problems)
    line, header = next(records, (None, None))
    if line != 1:
        raise TimeImportError(path, sorted(problems) or [(1, tr("no header line"))])
    if fmt == "auto":
        fmt = detect_format([normalize(h) for h in header])
        if fmt is None:
            raise TimeImportError(path, [(1, tr(
                "unknown layout: the header {header} is neither Redmine's, Kimai's nor the "
                "generic one ({generic})").format(header=delimiter.join(header),
                                                   generic=";".join(GENERIC_COLUMNS)))])
    elif fmt not in FORMATS:
        raise SitError(tr("Unknown import format {fmt}: expected one of {formats}.")
                       .format(fmt=fmt, formats=", ".join(FORMATS)))
    columns = _columns(header, fmt)
    missing = [c for c in ("date", "agent") if c not in columns]
    if "hours" not in columns and "duration" not in columns and not {"begin", "end"} <= set(
            columns):
        missing.append("hours")
    if missing:
        raise TimeImportError(path, [(1, tr("missing column(s) for the {fmt} layout: {missing}")
                                      .format(fmt=fmt, missing=", ".join(missing)))])
    rows = [(line, {name: values[i].strip() if i < len(values) else ""
                    for name, i in columns.items()})
            for line, values in records if any(v.strip() for v in values)]
    if fmt == "kimai":
        rows = _kimai_rows(rows)
    elif fmt == "redmine":
        _redmine_dates(rows, month_first="hours" in map(normalize, header))
    return fmt, encoding, delimiter, rows, problems


def _kimai_rows(rows):
    """Kimai's rows without its totals row (no date, no user, no activity:
    sums of the columns), durations in hours. Kimai 1 writes durations in
    seconds ("2700"), Kimai 2 as H:MM or decimal hours: a file whose every
    duration is a whole number, one of them beyond a day's hours, is in
    seconds."""
    rows = [(line, row) for line, row in rows
            if any(row.get(c) for c in ("date", "agent", "category"))]
    durations = [row["duration"] for _, row in rows if row.get("duration")]
    if durations and all(d.isdigit() for d in durations) and max(map(int, durations)) > 24:
        for _, row in rows:
            if row.get("duration"):
                row["duration"] = "%d:%02d" % divmod((int(row["duration"]) + 30) // 60, 60)
    return rows


_SLASHED = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")


def _redmine_dates(rows, month_first):
    """Redmine's slashed dates as DD/MM/YYYY. Its English default is
    %m/%d/%Y, its French %d/%m/%Y, and an instance may set either: a first
    or second number past 12 in the file decides, else `month_first` (the
    header's language) does."""
    slashed = [(m, row) for _, row in rows for m in [_SLASHED.fullmatch(row["date"])] if m]
    if any(int(m.group(1)) > 12 for m, _ in slashed):
        month_first = False
    elif any(int(m.group(2)) > 12 for m, _ in slashed):
        month_first = True
    if month_first:
        for m, row in slashed:
            row["date"] = "%s/%s/%s" % (m.group(2), m.group(1), m.group(3))


# --- one line -------------------------------------------------------------

def _hours(row):
    """Minutes of a line: hours, Kimai's duration, or its begin and end times."""
    if row.get("hours") or row.get("duration"):
        return ledger.hours_to_minutes(row.get("hours") or _duration(row["duration"]))
    begin, end = (_clock(row.get(k, "")) for k in ("begin", "end"))
    minutes = (end - begin) % (24 * 60)  # work past midnight ends the next day
    return ledger.hours_to_minutes("%d:%02d" % divmod(minutes, 60))


_HMS = re.compile(r"([0-9]+):([0-5][0-9]):([0-5][0-9])")
_CLOCK = re.compile(r"(?<![0-9])([01]?[0-9]|2[0-3]):([0-5][0-9])(?![0-9])")


def _whole_minutes(text, minutes):
    """Refuses decimal hours that are no whole number of minutes, even
    rounded to the decimals written: Redmine writes 20 minutes as 0.33 h
    (19.8 min), but no whole minute is written 0.34 h (20.4 min)."""
    if ":" in text:
        return
    value = Decimal(text.replace(",", "."))
    places = max(-value.as_tuple().exponent, 0)
    exact = value * 60
    if abs(exact - minutes) > Decimal(30) / 10 ** places:  # half the last decimal, in minutes
        raise ledger.LedgerError(tr(
            "{value} h is {exact} minutes: not a whole number of minutes, nor one rounded "
            "to {places} decimal(s)").format(value=text, exact=exact.normalize(), places=places))


def _duration(text):
    """Kimai's duration: H:MM:SS to the nearest minute; H:MM and decimal
    hours as they are (ledger.hours_to_minutes checks them)."""
    hms = _HMS.fullmatch(text)
    if not hms:
        return text
    h, m, s = map(int, hms.groups())
    return "%d:%02d" % divmod(h * 60 + m + (s >= 30), 60)


def _clock(text):
    m = _CLOCK.search(text)
    if not m:
        raise ledger.LedgerError(tr("{value!r} is not a time of day (HH:MM).").format(value=text))
    return int(m.group(1)) * 60 + int(m.group(2))


def find_by_code(conn, code, layer=None):
    """(layer, uuid) of the feature a code names, or a LedgerError."""
    code = code.strip()
    candidates = [(t, c) for t, c in CODE_COLUMNS if layer in (None, t)]
    if layer and not candidates:
        raise ledger.LedgerError(tr("{layer} has no code column: give the feature's uuid.")
                                 .format(layer=layer))
    found = []
    for table, column in candidates:
        value = code
        if column == "idu":
            try:
                value = parcel_id.normalize(code)
            except SitError:
                continue
        for (uuid,) in conn.execute("SELECT uuid FROM %s WHERE %s = ?"
                                    % (quote(table), quote(column)), (value,)):
            found.append((table, uuid))
    if not found:
        raise ledger.LedgerError(tr("unknown feature: no feature has the code {code}")
                                 .format(code=code))
    if len(found) > 1:
        raise ledger.LedgerError(tr("ambiguous code {code}: found in {layers}; add the layer")
                                 .format(code=code, layers=", ".join(t for t, _ in found)))
    return found[0]


def _feature(conn, layer, uuid, code):
    """(layer, uuid) of the feature a line names, (None, None) for none."""
    if layer:
        ledger.check_layer(layer)
    if uuid:
        if not layer:
            raise ledger.LedgerError(tr("a feature uuid needs its layer"))
        ledger.feature_point(conn, layer, uuid)
        return layer, uuid
    if code:
        return find_by_code(conn, code, layer)
    if layer:
        raise ledger.LedgerError(tr("the layer {layer} is given without a feature uuid or code")
                                 .format(layer=layer))
    return None, None


_ISSUE = re.compile(r"#\s*([0-9]+)\s*(?::\s*(.*))?$")


def _ticket_key(fmt, row, application, category, layer, uuid):
    """(key, new-ticket details) of a line: the lines of one key share a ticket."""
    if row.get("ticket"):
        return ("uuid", row["ticket"]), None
    external, title = None, row.get("title") or ""
    if fmt == "redmine" and row.get("issue"):
        # the import layout's issue_id is the bare number
        title = "Redmine #" + row["issue"] if row["issue"].isdigit() else row["issue"]
        m = _ISSUE.search(title)
        if m:
            external = "redmine#%s" % m.group(1)
    if not title:
        title = tr("{tool}: {category}").format(
            tool={"kimai": "Kimai", "redmine": "Redmine"}.get(fmt, tr("Import")),
            category=row.get("category") or category)
    key = ("ref", external) if external else ("new", application, category, title, layer, uuid)
    return key, dict(application=application, category=category, title=title, layer=layer,
                     feature_uuid=uuid, external_ref=external)


def _find_ticket(conn, key):
    """The uuid of the store's ticket for `key`, None if there is none yet."""
    if key[0] == "uuid":
        return ledger.ticket(conn, key[1])["uuid"]
    if key[0] == "ref":
        found = conn.execute("SELECT uuid FROM ticket WHERE external_ref = ?",
                             key[1:]).fetchone()
    else:
        found = conn.execute(
            "SELECT uuid FROM ticket WHERE application = ? AND category = ? AND title = ? "
            "AND layer_name IS NOT DISTINCT FROM ? AND feature_uuid IS NOT DISTINCT FROM ? "
            "ORDER BY fid LIMIT 1", key[1:]).fetchone()
    return found[0] if found else None


def _memo(function):
    """`function` answering each distinct question once (its SitError too):
    a file names the same features, tickets and codes on line after line."""
    answers = {}

    def ask(*args):
        if args not in answers:
            try:
                answers[args] = function(*args), None
            except SitError as e:
                answers[args] = None, e
        value, error = answers[args]
        if error is not None:
            raise error
        return value
    return ask


def _check_line(fmt, row, ask, default_application):
    """(work date, minutes, ticket key, new-ticket details) of a line, or a
    LedgerError naming what is wrong; `ask` holds the memoised look-ups."""
    work_date = ledger.parse_date(row["date"][:10] if re.match(r"\d{4}-\d\d-\d\d[ T]",
                                                               row["date"]) else row["date"])
    minutes = _hours(row)
    if fmt == "redmine":
        _whole_minutes(row["hours"], minutes)
    if not row.get("agent"):
        raise ledger.LedgerError(tr("no agent"))
    layer, uuid = ask.feature(row.get("layer") or None, row.get("feature_uuid"),
                              row.get("code"))
    category = application = None
    if row.get("ticket"):
        ask.ticket(("uuid", row["ticket"]))
    else:
        category = ask.category(row.get("category", ""))
        if category is None:
            raise ledger.LedgerError(tr("unknown category {value!r}").format(
                value=row.get("category", "")))
        application = (ask.application(row["application"]) if row.get("application")
                       else ledger.application_of(layer) if layer else default_application)
        if application is None and not row.get("application"):
            raise ledger.LedgerError(tr("no application: the line names no project "
                                        "(application) and no feature"))
        if application is None:
            raise ledger.LedgerError(tr("unknown application {value!r}").format(
                value=row["application"]))
        owner = ledger.application_of(layer) if layer else None
        if owner and owner != application:
            raise ledger.LedgerError(tr("the feature's layer {layer} belongs to {owner}, "
                                        "not {app}").format(layer=layer, owner=owner,
                                                            app=application))
    return (work_date, minutes) + _ticket_key(fmt, row, application, category, layer, uuid)


@dataclass
class _Entry:
    line: int
    key: tuple
    work_date: str
    agent: str
    minutes: int
    note: str


def import_time(conn, path, fmt="auto", before_commit=None, feedback=None, application=None):
    """Import the time entries of the CSV file `path`, all or nothing.

    `application` is that of the lines naming neither a project nor a
    feature (Redmine leaves the Project column out of an export made inside
    one project).

    Returns an ImportResult; raises TimeImportError listing every faulty
    line (the store is then unchanged). Every line is checked with reads
    alone; the write transaction (the store's write lock on a GeoPackage)
    comes last and checks again, set-based, what may have changed meanwhile.
    `before_commit(result)` runs inside it once every line is in (writing
    the report there: if it fails, nothing is imported and a re-run is not
    refused as duplicates). `feedback` (Processing's) shows progress and
    may cancel.
    """
    from ..imports.common import check_cancel, progress   # GDAL's: parsing needs none
    path = os.path.abspath(path)
    if application not in (None,) + ledger.APPLICATIONS:
        raise SitError(tr("Unknown application {app}: expected one of {apps}.").format(
            app=application, apps=", ".join(ledger.APPLICATIONS)))
    fmt, encoding, delimiter, rows, problems = read_rows(path, fmt)
    result = ImportResult(path, fmt, encoding, delimiter)
    ask = SimpleNamespace(feature=_memo(lambda *a: _feature(conn, *a)),
                          ticket=_memo(lambda key: _find_ticket(conn, key)),
                          category=_memo(category_code), application=_memo(application_code))
    seen, entries, keys = {}, [], {}
    for n, (line, row) in enumerate(rows):
        if n % 1000 == 0:
            check_cancel(feedback)
            progress(feedback, 80.0 * n / len(rows))
        try:
            work_date, minutes, key, details = _check_line(fmt, row, ask, application)
        except SitError as e:
            problems.append((line, str(e)))
            continue
        entry = _Entry(line, key, work_date, row["agent"], minutes, row.get("note") or None)
        identity = (key, work_date, entry.agent, minutes, entry.note)
        if identity in seen:
            problems.append((line, tr("duplicate line: same as line {other}")
                             .format(other=seen[identity])))
            continue
        seen[identity] = line
        entries.append(entry)
        keys.setdefault(key, (details, work_date))
    found = {key: ask.ticket(key) for key in keys}
    staged = Staged(conn)
    try:
        staged.fill(entries, list(keys), found)
        problems += staged.duplicates()
        if problems:
            raise TimeImportError(path, sorted(problems))
        check_cancel(feedback)
        with transaction(conn):
            tickets = _tickets(conn, keys, entries, result)
            staged.set_tickets({k: v for k, v in tickets.items() if v != found[k]})
            staged.insert(path)
            if before_commit is not None:
                before_commit(result)
    finally:
        staged.drop()
    result.entries = [(e.line, tickets[e.key], uuid) for e, uuid in zip(entries, staged.uuids)]
    result.minutes = sum(e.minutes for e in entries)
    progress(feedback, 100.0)
    return result


def _tickets(conn, keys, entries, result):
    """{key: ticket uuid}, found again or created inside the write
    transaction (another writer may have made or removed one meanwhile)."""
    uuids, problems = {}, []
    for key, (details, first_date) in keys.items():
        try:
            uuids[key] = _find_ticket(conn, key)
            if uuids[key] is None:
                uuids[key] = ledger.insert_ticket(conn, opened_on=first_date, **details)
                result.tickets_created += 1
        except SitError as e:
            problems += [(entry.line, str(e)) for entry in entries if entry.key == key]
    if problems:
        raise TimeImportError(result.path, sorted(problems))
    return uuids


class Staged:
    """The entries of an import in temporary tables beside the store's (the
    entries, and their tickets by key): duplicates are found and entries
    inserted by a few set-based statements."""

    def __init__(self, conn):
        self.conn, self.d = conn, db.dialect(conn)
        self.entries, self.keys = ("%s.sit_time_import_%s" % (self.d.temp, name)
                                   for name in ("entries", "keys"))
        self.uuids = []
        self.source = ("%s i JOIN %s k ON k.key = i.key" % (self.entries, self.keys))

    def fill(self, entries, keys, tickets):
        """Stage `entries`; `tickets`: {key: ticket uuid or None (new ticket)}."""
        self.conn.execute("CREATE TABLE %s (line INTEGER, uuid TEXT, key INTEGER, "
                          "work_date DATE, agent TEXT, minutes INTEGER, note TEXT)"
                          % self.entries)
        self.conn.execute("CREATE TABLE %s (key INTEGER PRIMARY KEY, ticket_uuid TEXT)"
                          % self.keys)
        self.numbers = {key: n for n, key in enumerate(keys)}
        self.d.insert_many(self.conn, "INSERT INTO %s" % self.keys, "(?, ?)",
                           [(n, tickets[key]) for key, n in self.numbers.items()])
        self.uuids = [str(uuidlib.uuid4()) for _ in entries]
        self.d.insert_many(self.conn, "INSERT INTO %s" % self.entries, "(?, ?, ?, ?, ?, ?, ?)",
                           [(e.line, uuid, self.numbers[e.key], e.work_date, e.agent,
                             e.minutes, e.note) for e, uuid in zip(entries, self.uuids)])

    def set_tickets(self, tickets):
        self.conn.executemany("UPDATE %s SET ticket_uuid = ? WHERE key = ?" % self.keys,
                              [(uuid, self.numbers[key]) for key, uuid in tickets.items()])

    def duplicates(self):
        """(line, reason) of the staged entries already in the store."""
        return [(line, tr("duplicate line: this entry is already in the store"))
                for (line,) in self.conn.execute(
                    "SELECT i.line FROM %s WHERE EXISTS (SELECT 1 FROM time_entry e WHERE "
                    "e.ticket_uuid = k.ticket_uuid AND e.work_date = i.work_date AND "
                    "e.agent = i.agent AND e.minutes = i.minutes AND "
                    "e.note IS NOT DISTINCT FROM i.note)" % self.source)]

    def insert(self, path):
        """Insert the staged entries, inside the caller's write transaction;
        a TimeImportError names every line refused (by another writer's
        entry meanwhile, or a rule of the store such as the year lock)."""
        problems = self.duplicates()
        if problems:
            raise TimeImportError(path, sorted(problems))
        insert = ("INSERT INTO time_entry (uuid, ticket_uuid, work_date, agent, minutes, note, "
                  "recorded_by, recorded_at) SELECT i.uuid, k.ticket_uuid, i.work_date, "
                  "i.agent, i.minutes, i.note, ?, %s FROM %s" % (self.d.now, self.source))
        self.conn.execute("SAVEPOINT sit_time_import")
        try:
            self.conn.execute(insert + " ORDER BY i.line", (current_user(),))
        except sqlite3.IntegrityError:
            self.conn.execute("ROLLBACK TO SAVEPOINT sit_time_import")
            raise TimeImportError(path, self._refused(insert + " WHERE i.line = ?"))
        self.conn.execute("RELEASE SAVEPOINT sit_time_import")

    def _refused(self, insert):
        """(line, reason) of each entry the store refuses, tried one by one."""
        problems = []
        for (line,) in self.conn.execute("SELECT line FROM %s ORDER BY line" % self.entries):
            self.conn.execute("SAVEPOINT sit_time_line")
            try:
                self.conn.execute(insert, (current_user(), line))
            except sqlite3.IntegrityError as e:
                self.conn.execute("ROLLBACK TO SAVEPOINT sit_time_line")
                problems.append((line, tr("The store refused the time entry: {error}")
                                 .format(error=e)))
            self.conn.execute("RELEASE SAVEPOINT sit_time_line")
        return problems

    def drop(self):
        for table in (self.entries, self.keys):
            self.conn.execute("DROP TABLE IF EXISTS %s" % table)
