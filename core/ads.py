"""The Next'ADS bridge without GUI: dossier numbers, footprints, constraints.

Dossier numbers
---------------
French ADS numbers (Code de l'urbanisme, art. A.423-1 to A.423-4) read::

    PC 038 442 19 00012 [M01]
    |  |   |   |  |      `- optional suffix: M = modificatif, T = transfert + 2 digits
    |  |   |   |  `- sequence in the commune and year (5 characters; some
    |  |   |   |     services put a letter first: X0012)
    |  |   |   `- year of filing (2 digits)
    |  |   `- commune code inside the departement (3 digits)
    |  `- departement on 3 characters (038, 073, 02A)
    `- type: PC, PCMI, DP, DPMI, PA, PD, CU, AT...

Spaces, dots and dashes are ignored; the stored key is the compact upper-case
form (``PC0384421900012``). The INSEE code is departement (without its
leading 0) + commune: 038 442 -> 38442. What is configurable: the types
(`TYPES`, by default the store's `ads_type` code list; an import profile may
add its own). Overseas departements (971...) number differently and are not read.

Footprint and constraints
-------------------------
A dossier's footprint is the union of its parcels, computed in SQL
(``ST_Union`` of SpatiaLite or PostGIS); a dossier one of whose parcels is not
in the referential has no footprint (a partial one would hide constraints).

Constraints are the PLUi features (zone_urba, prescription_*, info_*) that
meet the footprint with a positive measure: polygons whose intersection has
an area above `MIN_AREA_M2` (a shared edge has none), lines with a length
inside the footprint, points inside it; lines and points only touching the
footprint's outline do not count. The footprints are staged in a temporary
table, then one SQL query per PLUi table serves any number of them, its
candidates pre-filtered by the spatial index (the GeoPackage R-trees, the
PostGIS GiST index), so a dossier answers in milliseconds.
"""
import datetime
import json
import re
import urllib.parse
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from .errors import SitError
from .i18n import tr
from .referential import parcel_id
from .storage import db

TYPES = ("PCMI", "DPMI", "PC", "DP", "PA", "PD", "CU", "AT")
# Below this (m²) an intersection of polygons is floating-point noise along a
# shared edge, not an overlap.
MIN_AREA_M2 = 0.01
MIN_LENGTH_M = 0.001

# PLUi tables in the order a fiche lists them: zones first.
# (table, kind, geometry family, code expression, detail expression[, label expression])
def _sup_category(expression):
    """SQL of `expression` on the servitude s of assiette t (through its
    generator, of any geometry) and its category's label c."""
    return ("(SELECT %s FROM (SELECT idgen, idsup FROM sup_generateur_surf UNION ALL "
            "SELECT idgen, idsup FROM sup_generateur_lin UNION ALL SELECT idgen, idsup "
            "FROM sup_generateur_pct) g JOIN sup_servitude s ON s.idsup = g.idsup "
            "LEFT JOIN codelist c ON c.list = 'sup_categorie' AND c.code = s.categorie "
            "WHERE g.idgen = t.idgen LIMIT 1)" % expression)


CONSTRAINT_TABLES = (
    ("zone_urba", "zone", "polygon", "t.typezone", "t.libelong"),
    ("prescription_surf", "prescription", "polygon",
     "t.typepsc || '-' || t.stypepsc", "t.txt"),
    ("prescription_lin", "prescription", "line", "t.typepsc || '-' || t.stypepsc", "t.txt"),
    ("prescription_pct", "prescription", "point", "t.typepsc || '-' || t.stypepsc", "t.txt"),
    ("info_surf", "information", "polygon", "t.typeinf || '-' || t.stypeinf", "t.txt"),
    ("info_lin", "information", "line", "t.typeinf || '-' || t.stypeinf", "t.txt"),
    ("info_pct", "information", "point", "t.typeinf || '-' || t.stypeinf", "t.txt"),
) + tuple(  # the servitudes' assiettes, labelled by their category (PM3 – ...)
    ("sup_assiette_" + suffix, "servitude", family, _sup_category("s.categorie"), "t.nomass",
     _sup_category("s.categorie || coalesce(' – ' || c.label, '')"))
    for suffix, family in (("surf", "polygon"), ("lin", "line"), ("pct", "point")))
KIND_ORDER = {"zone": 0, "prescription": 1, "information": 2, "servitude": 3}

# Next'ADS's URLs are the customer's: this placeholder is replaced in the plugin settings.
DEFAULT_URL_TEMPLATE = ("https://nextads.example.fr/dossier/{numero}"
                        "?insee={insee}&parcelles={parcelles}")


class AdsError(SitError):
    """A dossier number, parcel list or commune that cannot be used."""


# --- dossier numbers ---------------------------------------------------------

@dataclass(frozen=True)
class DossierNumber:
    numero: str          # compact key: PC0384421900012
    type_dossier: str    # PC
    insee: str           # 38442
    year: int            # 2019
    sequence: str        # 00012
    suffix: str = ""     # M01, T01 or ""

    @property
    def spaced(self):
        """As printed on the forms: PC 038 442 19 00012."""
        n = self.numero[len(self.type_dossier):]
        return " ".join(p for p in (self.type_dossier, n[:3], n[3:6], n[6:8], n[8:13],
                                    self.suffix) if p)


def _number_pattern(types):
    alternatives = "|".join(sorted((re.escape(t.upper()) for t in types), key=len, reverse=True))
    return re.compile(r"^(%s)(0\d\d|02A|02B)(\d{3})(\d{2})([0-9A-Z]\d{4})([MT]\d{2})?$"
                      % alternatives)


def parse_numero(text, types=TYPES):
    """The DossierNumber of `text` (spaces, dots, dashes ignored), or an AdsError."""
    compact = re.sub(r"[\s.\-_/]+", "", str(text or "")).upper()
    m = _number_pattern(types).match(compact)
    if not m:
        raise AdsError(tr(
            "\"{text}\" is not an ADS dossier number (expected a type such as PC, DP, PA, PD "
            "or CU, the departement on 3 digits, the commune on 3 digits, the year on 2 digits "
            "and a 5-character sequence, e.g. PC 038 442 19 00012).").format(text=text))
    kind, dep, commune, yy, seq, suffix = m.groups()
    year = 2000 + int(yy)
    if year > datetime.date.today().year + 1:   # 99 -> 1999, not 2099
        year -= 100
    return DossierNumber(compact, kind, dep[1:] + commune, year, seq, suffix or "")


def display_numero(numero):
    """The spaced form of a stored number, or the number itself if unreadable."""
    try:
        return parse_numero(numero).spaced
    except AdsError:
        return numero


def compact_numero(text):
    """The compact upper-case form of a number as typed (for searching)."""
    return re.sub(r"[\s.\-_/]+", "", str(text or "")).upper()


# --- footprints ---------------------------------------------------------------

def _footprint_sql(d):
    """Union of the dossier's parcels, NULL when one of them is not in the referential."""
    return ("SELECT CASE WHEN count(p.fid) = count(*) AND count(*) > 0 THEN %s END "
            "FROM ads_dossier_parcelle dp LEFT JOIN parcelle p ON p.idu = dp.idu "
            "WHERE dp.numero = ads_dossier.numero" % d.multipolygon_union.format("p.geom"))


def update_footprints(conn, numeros=None):
    """Recompute the footprint of the dossiers `numeros` (all when None)
    inside the caller's transaction."""
    d = db.dialect(conn)
    if numeros is None:
        conn.execute("UPDATE ads_dossier SET geom = (%s)" % _footprint_sql(d))
    else:
        conn.execute("UPDATE ads_dossier SET geom = (%s) WHERE %s"
                     % (_footprint_sql(d), d.in_json("numero")), (json.dumps(list(numeros)),))


def centroid(conn, numero):
    """(x, y) of the dossier's centroid in Lambert-93, None without footprint."""
    row = conn.execute("SELECT ST_X(ST_Centroid(geom)), ST_Y(ST_Centroid(geom)) "
                       "FROM ads_dossier WHERE numero = ?", (numero,)).fetchone()
    if row is None:
        raise AdsError(tr("No dossier {numero} in the store.").format(numero=numero))
    return None if row[0] is None else (row[0], row[1])


def dossier_parcels(conn, numero):
    return [r[0] for r in conn.execute(
        "SELECT idu FROM ads_dossier_parcelle WHERE numero = ? ORDER BY idu", (numero,))]


def dossiers_of_parcel(conn, idu):
    """[(numero, type_dossier, date_depot, statut)] of the dossiers on a parcel,
    newest first."""
    return conn.execute(
        "SELECT d.numero, d.type_dossier, d.date_depot, d.statut FROM ads_dossier_parcelle dp "
        "JOIN ads_dossier d ON d.numero = dp.numero WHERE dp.idu = ? "
        "ORDER BY d.date_depot DESC, d.numero DESC", (idu,)).fetchall()


def resolve_parcels(conn, references, insee=None):
    """The IDUs of parcel references in any accepted form (14-character IDU,
    15-character MAJIC, "AB 123" with `insee`, "38442 AB 123").

    Returns (idus found in the referential, idus not found); a malformed
    reference raises an AdsError naming it.
    """
    idus = []
    for ref in references:
        idu = normalize_parcel(ref, insee)
        if idu not in idus:
            idus.append(idu)
    known = {r[0] for r in conn.execute(
        "SELECT idu FROM parcelle WHERE %s" % db.dialect(conn).in_json("idu"),
        (json.dumps(idus),))}
    return [i for i in idus if i in known], [i for i in idus if i not in known]


def search_dossiers(conn, text, limit):
    """The dossiers whose number contains `text` (whole or part, spaces
    ignored), the exact one first: [(numero, insee, date_depot, box)], `box`
    the footprint's (xmin, ymin, xmax, ymax) or None. Nothing for text
    without a digit."""
    compact = compact_numero(text)
    if not compact or not any(c.isdigit() for c in compact):
        return []
    join, box = db.dialect(conn).box("ads_dossier", "d")
    rows = conn.execute(
        "SELECT d.numero, d.insee, d.date_depot, %s FROM ads_dossier d %s "
        "WHERE d.numero LIKE ? ORDER BY d.numero = ? DESC, d.numero LIMIT ?" % (box, join),
        ("%" + compact.replace("%", "").replace("_", "") + "%", compact, limit)).fetchall()
    return [(numero, insee, date, _box(corners)) for numero, insee, date, *corners in rows]


def search_parcels(conn, text, limit):
    """The parcels `text` refers to in any accepted form, "AB 123" without a
    commune meaning that parcel in every commune: [(idu, box, dossiers)],
    `dossiers` their numbers as one text ("" without)."""
    try:
        where, params = "p.idu = ?", [normalize_parcel(text)]
    except AdsError:
        m = parcel_id._HUMAN.match(text.upper())
        if not m:
            return []
        prefixe, section, numero = m.groups()
        where = "substr(p.idu, 9, 2) = ? AND substr(p.idu, 11, 4) = ?"
        params = [section.rjust(2, "0"), numero.zfill(4)]
        if prefixe:
            where += " AND substr(p.idu, 6, 3) = ?"
            params.append(prefixe)
    d = db.dialect(conn)
    join, box = d.box("parcelle", "p")
    rows = conn.execute(
        "SELECT p.idu, %s, (SELECT %s FROM ads_dossier_parcelle dp "
        "WHERE dp.idu = p.idu) FROM parcelle p %s WHERE %s ORDER BY p.idu LIMIT ?"
        % (box, d.string_agg("numero", "', '", order="numero"), join, where),
        params + [limit]).fetchall()
    return [(idu, _box(corners), dossiers or "") for idu, *corners, dossiers in rows]


def _box(corners):
    return None if corners[0] is None else tuple(corners)


_INSEE_FIRST = re.compile(r"^\s*((?:\d\d|2A|2B)\d{3})[\s:]+(.+)$", re.I)


def normalize_parcel(reference, insee=None):
    """The IDU of one reference; "38442 AB 123" carries its own INSEE code."""
    text = str(reference or "").strip()
    m = _INSEE_FIRST.match(text)
    if m and not re.fullmatch(r"[\d\s]+", text):
        insee, text = m.group(1), m.group(2)
    try:
        return parcel_id.normalize(text, insee)
    except parcel_id.ParcelIdError as e:
        raise AdsError(str(e))


def split_references(text):
    """Parcel or dossier references typed in one field: separated by commas,
    semicolons or new lines."""
    return [part.strip() for part in re.split(r"[,;\n]+", str(text or "")) if part.strip()]


# --- constraints ---------------------------------------------------------------

@dataclass
class Constraint:
    table: str
    kind: str                   # zone, prescription, information, servitude
    uuid: str
    libelle: str
    code: str                   # TYPEZONE or TYPEPSC-STYPEPSC / TYPEINF-STYPEINF
    detail: str                 # LIBELONG or TXT
    area_m2: Optional[float]    # polygons: area inside the footprint
    share: Optional[float]      # polygons: area / footprint area (0..1)
    length_m: Optional[float]   # lines: length inside the footprint
    points: Optional[int]       # points: how many inside


@dataclass
class Subject:
    """What constraints are asked for: a dossier, a set of parcels or a commune."""
    key: str
    kind: str                   # dossier, parcelles, commune
    insee: str = ""
    parcels: List[str] = field(default_factory=list)
    area_m2: Optional[float] = None
    centroid: Optional[tuple] = None    # (x, y) Lambert-93
    geom: Optional[object] = None       # footprint as read: GeoPackage blob, PostGIS hex
    dossier: Optional[dict] = None      # ads_dossier row for a dossier
    note: str = ""
    constraints: List[Constraint] = field(default_factory=list)


def _stage_footprints(conn, d, subjects):
    """The subjects' footprints, area and centroid in the temporary table
    ads_footprint (emptied first); on a GeoPackage with their bounding box,
    which the R-tree join reads."""
    if d is db.POSTGRES:
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS ads_footprint (key text PRIMARY KEY, "
                     "geom geometry, area double precision, cx double precision, "
                     "cy double precision)")
        conn.execute("DELETE FROM ads_footprint")
        # One statement for any number of footprints (hex EWKB, as PostGIS gave them).
        conn.execute(
            "INSERT INTO ads_footprint SELECT k, g, ST_Area(g), ST_X(ST_Centroid(g)), "
            "ST_Y(ST_Centroid(g)) FROM (SELECT k, CAST(g AS geometry) AS g FROM "
            "unnest(CAST(? AS text[]), CAST(? AS text[])) AS u (k, g)) s",
            ([s.key for s in subjects], [s.geom for s in subjects]))
        return
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS ads_footprint (key TEXT PRIMARY KEY, "
                 "geom BLOB, area REAL, cx REAL, cy REAL, minx REAL, maxx REAL, miny REAL, "
                 "maxy REAL)")
    conn.execute("DELETE FROM ads_footprint")
    conn.executemany(
        "INSERT INTO ads_footprint SELECT ?, g, ST_Area(g), ST_X(ST_Centroid(g)), "
        "ST_Y(ST_Centroid(g)), ST_MinX(g), ST_MaxX(g), ST_MinY(g), ST_MaxY(g) "
        "FROM (SELECT ? AS g)", [(s.key, s.geom) for s in subjects])


def _pairs(d, table):
    """FROM clause: each footprint f with the features t of `table` whose
    bounding box meets its own, through the spatial index."""
    if d is db.POSTGRES:
        return "ads_footprint f JOIN %s t ON t.geom && f.geom" % d.quote(table)
    return ("ads_footprint f JOIN {r} r ON r.minx <= f.maxx AND r.maxx >= f.minx "
            "AND r.miny <= f.maxy AND r.maxy >= f.miny JOIN {t} t ON t.fid = r.id").format(
                r=d.quote("rtree_%s_geom" % table), t=d.quote(table))


def _measure(d, family):
    """SQL of the measure of t.geom inside f.geom, and the filter keeping it."""
    if family == "point":
        return "ST_NumGeometries(ST_Intersection(t.geom, f.geom))", "m > 0"
    fn, minimum = ("ST_Area", MIN_AREA_M2) if family == "polygon" else \
        ("ST_Length", MIN_LENGTH_M)
    # A feature the geometry library cannot intersect as is (self-intersection
    # in a delivery) is made valid first rather than silently dropped.
    # SpatiaLite answers NULL to what PostGIS refuses with an error (which
    # would abort the whole query), so PostGIS repairs every candidate, cut
    # to the footprint's box first: cheap, where checking the validity of a
    # big zone for each footprint took seconds.
    if d is db.POSTGRES:
        measure = "{fn}(ST_Intersection(ST_MakeValid(ST_ClipByBox2D(t.geom, f.geom)), f.geom))"
    else:
        measure = ("coalesce({fn}(ST_Intersection(t.geom, f.geom)), "
                   "{fn}(ST_Intersection(ST_MakeValid(t.geom), f.geom)))")
    return measure.format(fn=fn), "m > %r" % minimum


def _constraints_sql(d, table, family, code, detail, libelle="t.libelle"):
    measure, keep = _measure(d, family)
    # Lines and points only touching the outline are left out by NOT ST_Touches.
    touch = "" if family == "polygon" else " AND NOT ST_Touches(t.geom, f.geom)"
    return (
        "SELECT key, uuid, libelle, code, detail, m FROM ("
        "SELECT f.key AS key, t.uuid AS uuid, {libelle} AS libelle, {code} AS code, "
        "{detail} AS detail, {measure} AS m FROM {pairs} "
        "WHERE ST_Intersects(t.geom, f.geom){touch}) s WHERE {keep}").format(
            code=code, detail=detail, measure=measure, pairs=_pairs(d, table), touch=touch,
            keep=keep, libelle=libelle)


def compute_constraints(conn, subjects, feedback=None):
    """Fill `subject.constraints` of every subject with a footprint, ordered
    zones first, then by decreasing share, length or count. Returns `subjects`."""
    d = db.dialect(conn)
    by_key = {s.key: s for s in subjects if s.geom is not None}
    _stage_footprints(conn, d, list(by_key.values()))
    for key, area, cx, cy in conn.execute("SELECT key, area, cx, cy FROM ads_footprint"):
        by_key[key].area_m2, by_key[key].centroid = area, (cx, cy)
    for n, (table, kind, family, *expressions) in enumerate(CONSTRAINT_TABLES):
        if feedback is not None:
            if feedback.isCanceled():
                raise AdsError(tr("Cancelled."))
            feedback.setProgress(100 * n / len(CONSTRAINT_TABLES))
        for key, uuid, libelle, code_, detail_, m in conn.execute(
                _constraints_sql(d, table, family, *expressions)):
            s = by_key[key]
            c = Constraint(table, kind, uuid, libelle or "", code_ or "", detail_ or "",
                           None, None, None, None)
            if family == "polygon":
                c.area_m2, c.share = m, (m / s.area_m2 if s.area_m2 else None)
            elif family == "line":
                c.length_m = m
            else:
                c.points = int(m)
            s.constraints.append(c)
    conn.execute("DELETE FROM ads_footprint")   # after a failure, the next call empties it
    for s in by_key.values():
        s.constraints.sort(key=lambda c: (KIND_ORDER[c.kind],
                                          -(c.area_m2 or c.length_m or c.points or 0),
                                          c.table, c.libelle))
    return subjects


# --- subjects -------------------------------------------------------------------

_DOSSIER_COLUMNS = ("numero", "type_dossier", "insee", "date_depot", "statut", "date_decision")


def dossier_subjects(conn, numeros):
    """One Subject per dossier number (any spacing); unknown numbers raise."""
    wanted = [compact_numero(n) for n in numeros if str(n).strip()]
    if not wanted:
        raise AdsError(tr("No dossier number given."))
    listed = db.dialect(conn).in_json("numero")
    rows = {r[0]: r for r in conn.execute(
        "SELECT %s, geom FROM ads_dossier WHERE %s"
        % (", ".join(_DOSSIER_COLUMNS), listed), (json.dumps(wanted),))}
    missing = [n for n in wanted if n not in rows]
    if missing:
        raise AdsError(tr("No dossier {numeros} in the store.").format(
            numeros=", ".join(missing)))
    parcels: Dict[str, List[str]] = {}
    for numero, idu in conn.execute(
            "SELECT numero, idu FROM ads_dossier_parcelle WHERE %s "
            "ORDER BY numero, idu" % listed, (json.dumps(wanted),)):
        parcels.setdefault(numero, []).append(idu)
    subjects = []
    for numero in dict.fromkeys(wanted):
        row = rows[numero]
        s = Subject(numero, "dossier", row[2] or "", parcels.get(numero, []), geom=row[-1],
                    dossier=dict(zip(_DOSSIER_COLUMNS, row[:-1])))
        if s.geom is None:
            s.note = tr("No footprint: parcels missing from the cadastre referential or none "
                        "given.")
        subjects.append(s)
    return subjects


def parcel_subject(conn, references, insee=None):
    """One Subject whose footprint is the union of the parcels referenced."""
    found, missing = resolve_parcels(conn, references, insee)
    if missing:
        raise AdsError(tr("Parcels not in the cadastre referential: {idus}.").format(
            idus=", ".join(missing)))
    if not found:
        raise AdsError(tr("No parcel given."))
    d = db.dialect(conn)
    where = "FROM parcelle WHERE %s" % d.in_json("idu")
    geom = conn.execute("SELECT %s %s" % (d.multipolygon_union.format("geom"), where),
                        (json.dumps(found),)).fetchone()[0]
    communes = [r[0] for r in conn.execute("SELECT DISTINCT insee %s ORDER BY insee" % where,
                                           (json.dumps(found),))]
    return Subject(tr("Parcels {idus}").format(idus=", ".join(found)), "parcelles",
                   ",".join(c for c in communes if c), found, geom=geom)


def commune_subject(conn, insee):
    """The whole commune: its outline, or the union of its parcels without one."""
    insee = str(insee or "").strip()
    row = conn.execute("SELECT nom, geom FROM commune WHERE insee = ?", (insee,)).fetchone()
    geom = row[1] if row else None
    if geom is None:
        geom = conn.execute("SELECT %s FROM parcelle WHERE insee = ?"
                            % db.dialect(conn).multipolygon_union.format("geom"),
                            (insee,)).fetchone()[0]
    if geom is None:
        raise AdsError(tr("Commune {insee}: neither its outline nor parcels are in the store.")
                       .format(insee=insee))
    name = row[0] if row else insee
    return Subject(tr("Commune {name} ({insee})").format(name=name, insee=insee), "commune",
                   insee, geom=geom)


# --- links to Next'ADS -----------------------------------------------------------

def nextads_url(template, numero="", insee="", parcelles=()):
    """The URL opening a dossier in Next'ADS from the configured `template`
    ({numero}, {insee}, {parcelles} comma-separated IDUs), values URL-encoded."""
    if isinstance(parcelles, str):
        parcelles = split_references(parcelles)
    values = {"numero": numero or "", "insee": insee or "", "parcelles": ",".join(parcelles)}
    try:
        return template.format(**{k: urllib.parse.quote(str(v), safe=",")
                                  for k, v in values.items()})
    except (KeyError, IndexError, ValueError) as e:
        raise AdsError(tr("The Next'ADS URL template \"{template}\" is not valid: only "
                          "{{numero}}, {{insee}} and {{parcelles}} can be used ({error}).")
                       .format(template=template, error=e))
