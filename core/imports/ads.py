"""ADS dossiers exported by Next'ADS (CSV or JSON) into `ads_dossier` and
`ads_dossier_parcelle`, through a small saved column mapping (the profile).

The profile is a JSON file; every key is optional and DEFAULT_PROFILE holds
the defaults (documented in the README):

- ``columns``: store field -> column of the export (``numero`` required;
  ``type_dossier``, ``insee``, ``date_depot``, ``statut``, ``date_decision``,
  ``parcelles``, several references in one cell separated by ``,`` or ``;``);
- ``ignore``: columns of the export deliberately left out. Any other column
  refuses the file: an export carrying the applicant's name or address must
  be mapped consciously, and nothing personal is ever stored (the store only
  has the fields above);
- ``delimiter`` (CSV; sniffed among ``; , tab |`` when empty), ``encoding``
  (UTF-8, with or without BOM, by default; Windows-1252 is tried when the file
  is not UTF-8 and the report says so);
- ``date_formats`` (strftime patterns tried in order), ``statuts`` (value of
  the export -> code of the ``ads_statut`` list, beyond the codes and labels
  already accepted), ``types`` (dossier types beyond PC, PCMI, DP...).

Every line is checked before anything is written; one bad line (empty or
malformed number, duplicate number, malformed parcel reference, bad date or
status, unknown column) refuses the whole file, each defect named with its
line. Parcels missing from the cadastre referential are reported per dossier
and the dossier lands without footprint. Re-importing updates dossiers by
number (their uuid, hence their tickets, stays) and replaces their parcels.
"""
import csv
import datetime
import io
import json
import os
import unicodedata

from .. import ads
from ..errors import SitError
from ..i18n import tr
from ..safe_csv import field_limit
from ..storage import db
from ..storage.store import transaction
from . import common

FIELDS = ("numero", "type_dossier", "insee", "date_depot", "statut", "date_decision",
          "parcelles")
DEFAULT_PROFILE = {
    "columns": {name: name for name in FIELDS},
    "ignore": [],
    "delimiter": "",
    "encoding": "utf-8",
    "date_formats": ["%Y-%m-%d", "%d/%m/%Y"],
    "statuts": {},
    "types": [],
}
LAYER = "ads_dossier"
# Built-in profiles, named instead of a file (PROFILE=sirap).
BUILTIN_PROFILES = {
    # Sirap's NEXT'ADS public portal, one notice board per commune:
    # GET <host>/api/v1/communes/0<INSEE>/affichage-reglementaire. Parcels on
    # 12 characters (the département is the dossier's); the applicant and the
    # architect are personal data, dropped.
    "sirap": {
        "columns": {"numero": "numeroAds", "type_dossier": "type", "date_depot": "dateDepot",
                    "statut": "decision", "date_decision": "dateDecision",
                    "parcelles": "parcelles"},
        "ignore": ["demandeur", "architecte", "superficie", "adresse", "travauxNature",
                   "descriptionTravaux"],
        "statuts": {"Favorable": "accorde", "Défavorable": "refuse",
                    "Non-opposition": "accorde", "Opposition": "refuse"},
    },
}


def load_profile(path=None):
    """The profile saved at `path` over the defaults (the defaults alone
    without a path); a wrong profile raises a SitError naming the file."""
    profile = json.loads(json.dumps(DEFAULT_PROFILE))
    if not path:
        return profile
    if path in BUILTIN_PROFILES:
        profile.update(json.loads(json.dumps(BUILTIN_PROFILES[path])))
        return profile
    try:
        with open(path, encoding="utf-8") as f:
            saved = json.load(f)
    except (OSError, ValueError) as e:
        raise SitError(tr("The import profile {path} cannot be read: {error}")
                       .format(path=path, error=e))
    if not isinstance(saved, dict):
        raise SitError(tr("The import profile {path} must be a JSON object.").format(path=path))
    unknown = sorted(set(saved) - set(DEFAULT_PROFILE) - {"name", "description"})
    if unknown:
        raise SitError(tr("The import profile {path} has unknown keys: {keys}.")
                       .format(path=path, keys=", ".join(unknown)))
    profile.update(saved)
    columns = profile["columns"]
    if not _texts(columns, dict) or set(columns) - set(FIELDS) or "numero" not in columns:
        raise SitError(tr("The import profile {path}: \"columns\" maps the store fields {fields} "
                          "(numero required) to the export's columns.")
                       .format(path=path, fields=", ".join(FIELDS)))
    texts = tr("a list of texts")
    for key, kind, what in (
            ("ignore", list, texts), ("date_formats", list, texts), ("types", list, texts),
            ("statuts", dict, tr("an object whose values are texts")),
            ("delimiter", str, tr("one character, or empty to guess it")),
            ("encoding", str, tr("the name of an encoding"))):
        if not _texts(profile[key], kind) or key == "delimiter" and len(profile[key]) > 1:
            raise SitError(tr("The import profile {path}: \"{key}\" must be {what} (see "
                              "the README).").format(path=path, key=key, what=what))
    return profile


def _texts(value, kind):
    """True if `value` is of `kind` (list, dict, str) holding only texts."""
    if not isinstance(value, kind):
        return False
    items = value.values() if kind is dict else value if kind is list else ()
    return all(isinstance(v, str) for v in items)


def _key(text):
    """Column names and labels compared without case, accents or extra spaces."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return " ".join(text.lower().split())


# --- reading -----------------------------------------------------------------

def _decode(path, encoding, report):
    with open(path, "rb") as f:
        raw = f.read()
    codec = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        if codec != "utf-8-sig":
            raise SitError(tr("{path} is not in the encoding {codec} of the import profile.")
                           .format(path=path, codec=encoding))
        report.note(tr("The file is not UTF-8: read as Windows-1252."))
        return raw.decode("cp1252")
    except LookupError:
        raise SitError(tr("Unknown encoding {codec} in the import profile.").format(codec=encoding))


def read_rows(path, profile, report):
    """[(line, {column: text})] and the columns, from a CSV or JSON export."""
    text = _decode(path, profile["encoding"], report)
    if path.lower().endswith(".json"):
        try:
            data = json.loads(text)
        except ValueError as e:
            raise SitError(tr("{path} is not valid JSON: {error}").format(path=path, error=e))
        except RecursionError:
            raise SitError(tr("{path} is not valid JSON: nested too deeply.").format(path=path))
        if isinstance(data, dict):
            data = data.get("dossiers")
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise SitError(tr("{path}: expected a list of dossiers (JSON objects), or an object "
                              "whose \"dossiers\" key holds one.").format(path=path))
        columns = list(dict.fromkeys(k for r in data for k in r))
        return _no_nul(path, [(n, {k: (",".join(map(str, v)) if isinstance(v, list) else
                                       "" if v is None else str(v)) for k, v in r.items()})
                              for n, r in enumerate(data, start=1)], columns, tr("dossier"))
    delimiter = profile["delimiter"]
    if not delimiter:
        try:
            delimiter = csv.Sniffer().sniff(text.splitlines()[0] if text else "",
                                            ";,\t|").delimiter
        except csv.Error:
            delimiter = ";"
    # Universal newlines: lines may end with CR alone (old Mac exports).
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=delimiter)
    try:
        with field_limit():
            header = next(reader, None)
            if not header:
                raise SitError(tr("{path} is empty.").format(path=path))
            columns = [h.strip() for h in header]
            lines = list(enumerate(reader, start=2))
    except csv.Error as e:      # a cell over csv's 128 KiB, a stray quote...
        raise SitError(tr("{path}, line {n}: {error}").format(
            path=path, n=reader.line_num, error=e))
    rows = []
    for n, values in lines:
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(columns):   # an unquoted delimiter inside a cell
            report.defect(LAYER, tr("line {n}").format(n=n), "colonnes_en_trop",
                          tr("{found} values for {expected} columns: quote the cells holding "
                             "the delimiter \"{delimiter}\".").format(
                              found=len(values), expected=len(columns), delimiter=delimiter),
                          blocking=True)
        rows.append((n, dict(zip(columns, (v.strip() for v in values)))))
    return _no_nul(path, rows, columns, tr("line"))


def _no_nul(path, rows, columns, what):
    """(rows, columns, what), unless a NUL character refuses the file (no
    database text holds one), naming its line."""
    for n, row in [(1, dict.fromkeys(columns, ""))] + rows:
        if any("\x00" in k + v for k, v in row.items()):
            raise SitError(tr("{path}, {what} {n}: a NUL character (0x00) in a value: not an "
                              "export of dossiers?").format(path=path, what=what, n=n))
    return rows, columns, what


# --- checking ----------------------------------------------------------------

class _Dossier:
    __slots__ = ("line", "numero", "type_dossier", "insee", "date_depot", "statut",
                 "date_decision", "parcels")


def _date(value, formats):
    value = value.strip()
    if not value:
        return None
    for fmt in formats:
        try:
            return datetime.datetime.strptime(value[:10] if fmt == "%Y-%m-%d" else value,
                                              fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(value)


def check_rows(conn, rows, columns, what, profile, report):
    """The dossiers read, checked line by line; blocking defects go to `report`."""
    mapped = {_key(c): f for f, c in profile["columns"].items()}
    ignored = {_key(c) for c in profile["ignore"]}
    def place(n):
        return tr("{what} {n}").format(what=what, n=n)
    csv_header = what == tr("line")
    for column in columns:
        if _key(column) not in mapped and _key(column) not in ignored:
            # A CSV column is on the header line; a JSON key on the first dossier holding it.
            first = 1 if csv_header else next(n for n, r in rows if column in r)
            report.defect(LAYER, place(first), "colonne_inconnue",
                          tr("Unknown column \"{column}\": map it or list it in \"ignore\" in the "
                             "import profile (no personal data is stored).").format(column=column),
                          blocking=True)
    if "numero" not in {mapped.get(_key(c)) for c in columns}:
        report.defect(LAYER, place(1), "numero_absent",
                      tr("No column \"{column}\" holding the dossier numbers.")
                      .format(column=profile["columns"]["numero"]), blocking=True)
        return []
    statuts = {}
    for code, label in conn.execute("SELECT code, label FROM codelist WHERE list = 'ads_statut'"):
        statuts[_key(code)] = statuts[_key(label)] = code
    statuts.update({_key(k): v for k, v in profile["statuts"].items()})
    types = ads.TYPES + tuple(t.upper() for t in profile["types"])
    seen, dossiers = {}, []
    for n, raw in rows:
        values = {mapped[_key(c)]: v for c, v in raw.items() if _key(c) in mapped}
        where = place(n)

        def bad(rule, message):  # called within this iteration only
            report.defect(LAYER, where, rule, message, blocking=True)  # noqa: B023
        d = _Dossier()
        d.line = n
        numero = values.get("numero", "").strip()
        if not numero:
            bad("numero_vide", tr("Empty dossier number."))
            continue
        try:
            number = ads.parse_numero(numero, types)
        except ads.AdsError as e:
            bad("numero_invalide", str(e))
            continue
        d.numero = number.numero
        if d.numero in seen:
            bad("numero_double", tr("Dossier {numero} already given at {what} {first}.")
                .format(numero=d.numero, what=what, first=seen[d.numero]))
            continue
        seen[d.numero] = n
        d.type_dossier = number.type_dossier
        given_type = values.get("type_dossier", "").strip().upper()
        if given_type and given_type != number.type_dossier:
            bad("type_incoherent", tr("Type {given} but the number {numero} says {type}.")
                .format(given=given_type, numero=numero, type=number.type_dossier))
        d.insee = values.get("insee", "").strip() or number.insee
        if len(d.insee) != 5:
            bad("insee_invalide", tr("\"{insee}\" is not an INSEE code.").format(insee=d.insee))
        for field in ("date_depot", "date_decision"):
            try:
                setattr(d, field, _date(values.get(field, ""), profile["date_formats"]))
            except ValueError as e:
                bad("date_invalide", tr("\"{value}\" is not a date ({field}).")
                    .format(value=e, field=field))
        statut = values.get("statut", "").strip()
        d.statut = statuts.get(_key(statut)) if statut else None
        if statut and d.statut is None:
            bad("statut_inconnu", tr("Unknown status \"{value}\".").format(value=statut))
        d.parcels = []
        for ref in ads.split_references(values.get("parcelles", "")):
            try:
                idu = ads.normalize_parcel(ref, d.insee)
            except ads.AdsError as e:
                bad("parcelle_invalide", str(e))
                continue
            if idu not in d.parcels:
                d.parcels.append(idu)
        dossiers.append(d)
    return dossiers


# --- import ------------------------------------------------------------------

def import_ads(conn, input_path, profile_path=None, feedback=None):
    """Import the dossiers of a Next'ADS export; returns the Report
    (`report.refused`: nothing was written)."""
    report = common.Report(tr("ADS dossiers import (Next'ADS)"), input_path)
    profile = load_profile(profile_path)
    report.note(tr("Import profile: {profile}").format(
        profile=profile_path or tr("default (columns named as the store's fields)")))
    if not os.path.isfile(input_path):
        raise SitError(tr("{path} does not exist.").format(path=input_path))
    rows, columns, what = read_rows(input_path, profile, report)
    dossiers = check_rows(conn, rows, columns, what, profile, report)
    errors = [d for d in report.defects if d.blocking]
    if errors:
        report.refused = True
        report.outcome = tr("File refused: {n} errors; nothing was written.").format(
            n=len(errors))
        return report
    if not dossiers:
        raise SitError(tr("{path} holds no dossier.").format(path=input_path))
    numeros = [d.numero for d in dossiers]
    all_idus = sorted({i for d in dossiers for i in d.parcels})
    in_json = db.dialect(conn).in_json
    known = {r[0] for r in conn.execute(
        "SELECT idu FROM parcelle WHERE %s" % in_json("idu"), (json.dumps(all_idus),))}
    existing = {r[0] for r in conn.execute(
        "SELECT numero FROM ads_dossier WHERE %s" % in_json("numero"),
        (json.dumps(numeros),))}
    common.check_cancel(feedback)
    with transaction(conn):
        conn.executemany(
            "INSERT INTO ads_dossier (numero, type_dossier, insee, date_depot, statut, "
            "date_decision) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (numero) DO UPDATE SET "
            "type_dossier = excluded.type_dossier, insee = excluded.insee, "
            "date_depot = excluded.date_depot, statut = excluded.statut, "
            "date_decision = excluded.date_decision",
            [(d.numero, d.type_dossier, d.insee, d.date_depot, d.statut, d.date_decision)
             for d in dossiers])
        conn.execute("DELETE FROM ads_dossier_parcelle WHERE %s" % in_json("numero"),
                     (json.dumps(numeros),))
        conn.executemany("INSERT INTO ads_dossier_parcelle (numero, idu) VALUES (?, ?)",
                         [(d.numero, i) for d in dossiers for i in d.parcels])
        ads.update_footprints(conn, numeros)
        common.check_cancel(feedback)
    missing = [(d.numero, d.line, ", ".join(i for i in d.parcels if i not in known)
                or tr("no parcel given")) for d in dossiers
               if not d.parcels or any(i not in known for i in d.parcels)]
    for numero, line, idus in missing:
        report.defect(LAYER, numero, "parcelle_absente",
                      tr("{what} {n}: parcels not in the cadastre referential: {idus}; the "
                         "dossier is kept without footprint.").format(what=what, n=line,
                                                                      idus=idus))
    report.table(tr("Dossiers without footprint"), [tr("Dossier"), tr("Line"),
                                                    tr("Parcels not found")], missing)
    created = len(set(numeros) - existing)
    report.outcome = tr("{created} dossiers created, {updated} updated; {links} parcel links, "
                        "{missing} dossiers without footprint.").format(
        created=common.format_int(created), updated=common.format_int(len(numeros) - created),
        links=common.format_int(sum(len(d.parcels) for d in dossiers)),
        missing=common.format_int(len(missing)))
    return report
