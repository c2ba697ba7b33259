"""The cadastre referential and its yearly update.

Reads Etalab's ``cadastre-XXXXX-parcelles.json`` (also gzipped) and DGFiP
EDIGEO sheets (``edigeo-DDCCCPPPSSFF.tar.bz2``, through GDAL's EDIGEO
driver). Within what each file covers (an EDIGEO sheet: its feuille; an
Etalab file: its commune), the store then holds exactly the parcels
delivered: parcels are created, changed (geometry or area) or gone. A parcel
the delivery names but refuses is never gone. A parcel that persists keeps
its row and uuid, so tickets and dossiers that point at it stay valid; links
to gone parcels are reported with the new parcels that now cover the ground.
A delivery deleting more than MAX_GONE_SHARE of a commune's parcels is
refused unless the deletions are confirmed: a partial delivery taken for a
whole one would empty the commune.
"""
import datetime
import json
import os
import re
import shutil
import tempfile
import uuid

from osgeo import ogr

from .. import ads
from ..errors import SitError
from ..i18n import tr
from ..referential import parcel_id
from ..storage import db
from ..storage.store import transaction
from . import common

# An outline that moved by less than this (metres) is rounding (Etalab's 7
# decimals of a degree, reprojection), not a change of the parcel; the
# cadastral plan itself is decimetric at best.
GEOMETRY_TOLERANCE_M = 0.1
# A new parcel covering less than this (m²) of a gone one is not its successor.
SUCCESSOR_MIN_AREA_M2 = 1.0
# More gone than this share of a commune's parcels needs confirming.
MAX_GONE_SHARE = 0.05
_EDIGEO_ARCHIVE = re.compile(r"edigeo-((?:\d\d|2A|2B))(\d{3})\w*\.tar\.bz2$", re.I)
# Etalab's per-commune file: cadastre-38185-parcelles.json.
_ETALAB_COMMUNE = re.compile(r"cadastre-((?:\d\d|2A|2B)\d{3})-parcelles", re.I)
# A millésime in a file name: a year of this century, alone (not in 73253).
_YEAR = re.compile(r"(?<![0-9])(20[0-9]{2})(?![0-9])")


class Parcel:
    __slots__ = ("id", "contenance", "geom", "wkb", "source")

    def __init__(self, pid, contenance, geom, source):
        self.id, self.contenance, self.geom, self.source = pid, contenance, geom, source
        self.wkb = common.multi_wkb(geom)          # as stored: MULTIPOLYGON


class Scope:
    """What one file of the delivery covers: the stored parcels it can find
    gone. `sections` (INSEE + prefixe + section) and `outline` narrow an
    EDIGEO sheet to its feuille; an Etalab file covers whole communes."""

    def __init__(self, label, communes, sections=None, outline=None):
        self.label, self.communes = label, set(communes)
        self.sections, self.outline = sections, outline
        self.refused = set()        # IDUs delivered but refused: never gone
        self.unknown = []           # outlines of parcels refused for their identifier
        self.blind = False          # such a parcel without outline: nothing can be gone
        self.year = None            # the millésime the file says, if it says one

    def covers(self, idu, wkb):
        if idu[:5] not in self.communes:
            return False
        if self.sections is None:
            return True
        if idu[:10] not in self.sections or wkb is None:
            return False
        return self.outline.Contains(ogr.CreateGeometryFromWkb(wkb).PointOnSurface())

    def keeps(self, wkb):
        """True if a parcel refused for its identifier may be this stored one."""
        if self.blind:
            return True
        old = ogr.CreateGeometryFromWkb(wkb) if wkb else None
        return old is not None and any(
            g.Intersects(old) and g.Intersection(old).Area() > SUCCESSOR_MIN_AREA_M2
            for g in self.unknown)

    def refuse(self, report, feature, pid, rule, message, record=None):
        report.defect(self.label, feature, rule, message, blocking=True)
        if pid is not None:
            self.refused.add(pid.idu)
        elif record is not None and record.geom is not None and not record.geom.IsEmpty():
            self.unknown.append(record.geom)
        else:
            self.blind = True


def import_cadastre(conn, input_path, millesime=None, departement=None, feedback=None,
                    confirm_deletions=False):
    """Bring the `parcelle` table in line with the delivery at `input_path`.

    Returns the Report, complete (deletions included) before anything is
    written; `report.refused` when more than MAX_GONE_SHARE of a commune
    would be deleted without `confirm_deletions` (then nothing is written).
    Nothing is written either when the delivery holds no usable parcel or
    when the user cancels.
    """
    report = common.Report(tr("Cadastre import"), input_path)
    read = []     # (file, features, CRS) for the report
    parcels, scopes = _read_delivery(input_path, departement, report, read, feedback)
    years = {s.year for s in scopes if s.year}
    if millesime:
        millesime = int(millesime)
    elif years:
        millesime = max(years)
        report.note(tr("Cadastre year read from the delivery (its file name, else its "
                       "parcels' latest update): {year}.").format(year=millesime))
    else:
        millesime = datetime.date.today().year
        report.note(tr("The delivery does not say its cadastre year: this year's is "
                       "recorded ({year}).").format(year=millesime))
    report.table(tr("Read"), [tr("File"), tr("Features"), tr("CRS")], read)
    communes = sorted(set().union(*(s.communes for s in scopes))
                      | {p.id.insee for p in parcels.values()})
    report.note(tr("Cadastre year (millésime): {year}; communes delivered: {communes}.")
                .format(year=millesime, communes=", ".join(communes)))
    existing = _existing(conn, communes)
    created, changed, unchanged, stale_year = [], [], [], []
    for idu, p in parcels.items():
        old = existing.get(idu)
        if old is None:
            created.append(p)
        elif old["contenance"] != p.contenance or _moved(conn, old["wkb"], p.wkb):
            changed.append(p)
        elif old["millesime"] != millesime:
            stale_year.append(p)
        else:
            unchanged.append(p)
    gone = _gone(existing, parcels, scopes, report)
    broken = _broken_links(conn, gone, existing, created + changed)
    _plan(report, created, changed, unchanged, stale_year, gone, existing, broken)
    too_many = _too_many_gone(existing, gone)
    if too_many and not confirm_deletions:
        report.refused = True
        report.outcome = tr(
            "Delivery refused: it would delete {gone} of the {total} parcels of commune "
            "{insee} (more than {share} %), which a partial delivery would also do. Nothing "
            "was written. Check the gone parcels below; if the deletions are right, confirm "
            "them and import again.").format(
                gone=common.format_int(too_many[1]), total=common.format_int(too_many[2]),
                insee=too_many[0], share=int(MAX_GONE_SHARE * 100))
        return report
    common.check_cancel(feedback)
    with transaction(conn):
        _write(conn, created, changed, stale_year, gone, millesime, feedback)
        # A dossier's footprint is the union of its parcels: follow their changes.
        touched = [p.id.idu for p in created + changed] + gone
        dossiers = [n for (n,) in conn.execute(
            "SELECT DISTINCT numero FROM ads_dossier_parcelle WHERE %s"
            % db.dialect(conn).in_json("idu"), (json.dumps(touched),))]
        if dossiers:
            ads.update_footprints(conn, dossiers)
        common.check_cancel(feedback)
    report.outcome = tr("{created} parcels created, {changed} changed, {gone} gone, "
                        "{same} unchanged.").format(
        created=common.format_int(len(created)), changed=common.format_int(len(changed)),
        gone=common.format_int(len(gone)),
        same=common.format_int(len(unchanged) + len(stale_year)))
    return report


def _plan(report, created, changed, unchanged, stale_year, gone, existing, broken):
    """The report's tables: what the import writes (or would have written)."""
    report.table(tr("Landed in table parcelle"), [tr("Change"), tr("Parcels")], [
        (tr("created"), len(created)), (tr("changed (geometry or area)"), len(changed)),
        (tr("gone (deleted)"), len(gone)),
        (tr("unchanged (year updated)"), len(stale_year)), (tr("unchanged"), len(unchanged))])
    _detail(report, tr("Created parcels"), [(p.id.idu, p.contenance, p.source) for p in created])
    _detail(report, tr("Changed parcels"), [
        (p.id.idu, "%s → %s" % (existing[p.id.idu]["contenance"], p.contenance), p.source)
        for p in changed])
    # Every deletion is listed, however many.
    report.table(tr("Gone parcels"), [tr("IDU"), tr("Area (m²)"), tr("Source")],
                 [(idu, existing[idu]["contenance"], "") for idu in gone])
    report.table(tr("Links to gone parcels (to re-point)"),
                 [tr("Link"), tr("Parcel"), tr("Parcels now covering it")], broken)
    if not broken:
        report.note(tr("Every dossier and ticket that points at a parcel still finds it."))


def _detail(report, title, rows):
    report.table(title, [tr("IDU"), tr("Area (m²)"), tr("Source")], rows, max_rows=1000)


def _gone(existing, parcels, scopes, report):
    """Stored parcels that a file covering their ground no longer delivers;
    a parcel a file refused, or may have refused, stays."""
    gone, kept = [], set()
    for idu in sorted(existing):
        wkb = existing[idu]["wkb"]
        if idu in parcels:
            continue
        covering = [s for s in scopes if s.covers(idu, wkb)]
        if not covering:
            continue
        holding = [s for s in covering if idu in s.refused or s.keeps(wkb)]
        if holding:
            kept.update(s.label for s in holding)
        else:
            gone.append(idu)
    for label in sorted(kept):
        report.note(tr("{file}: parcels refused above are not taken as gone; the stored "
                       "parcels they may be are kept.").format(file=label))
    return gone


def _too_many_gone(existing, gone):
    """(commune, gone, stored) of the first commune losing more than
    MAX_GONE_SHARE of its parcels, or None."""
    for insee in sorted({idu[:5] for idu in gone}):
        total = sum(1 for idu in existing if idu[:5] == insee)
        n = sum(1 for idu in gone if idu[:5] == insee)
        if n > MAX_GONE_SHARE * total:
            return insee, n, total
    return None


# --- reading -------------------------------------------------------------------

def _read_delivery(input_path, departement, report, read, feedback):
    """({IDU: Parcel}, [Scope]) of every file of the delivery."""
    parcels, scopes = {}, []
    with common.delivery(input_path) as root:
        etalab = common.files_in(root, (".json", ".geojson", ".json.gz", ".geojson.gz"))
        sheets = common.files_in(root, (".tar.bz2",))
        thf = common.files_in(root, (".thf",))
        if not (etalab or sheets or thf):
            raise SitError(tr(
                "{path} holds nothing usable: no Etalab parcel file "
                "(cadastre-XXXXX-parcelles.json) and no EDIGEO sheet (.tar.bz2, .THF).")
                .format(path=input_path))
        for path in etalab:
            _add(parcels, scopes, _read_etalab(path, report, read, feedback), report)
        for path in sheets:
            m = _EDIGEO_ARCHIVE.search(os.path.basename(path))
            dep = m.group(1) if m else departement
            tmp = tempfile.mkdtemp(prefix="sit-edigeo-")
            try:
                common.extract_tar(path, tmp)
                for sheet in common.files_in(tmp, (".thf",)):
                    _add(parcels, scopes, _read_edigeo(sheet, path, dep, report, read, feedback),
                         report)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
        for sheet in thf:
            _add(parcels, scopes, _read_edigeo(sheet, sheet, departement, report, read, feedback),
                 report)
    if not parcels:
        raise SitError(tr("{path} holds nothing usable: no parcel could be read.")
                       .format(path=input_path))
    return parcels, scopes


def _add(parcels, scopes, read, report):
    found, scope = read
    if scope is None:
        return
    scopes.append(scope)
    for p in found:
        if p.id.idu in parcels:
            report.defect(p.source, p.id.idu, tr("unique IDU"),
                          tr("parcel delivered twice (also in {other}): second one ignored")
                          .format(other=parcels[p.id.idu].source))
        else:
            parcels[p.id.idu] = p


def _read_etalab(path, report, read, feedback):
    gdal_path = "/vsigzip/" + path if path.lower().endswith(".gz") else path
    layer = common.read_layer(gdal_path, assume_srid=4326, feedback=feedback, fields=(
        "id", "commune", "prefixe", "section", "numero", "contenance", "updated"))
    label = os.path.basename(path)
    if not ({"id"} <= set(layer.fields) or {"commune", "section", "numero"} <= set(layer.fields)):
        report.note(tr("{file}: not a parcel file (no id nor commune/section/numero): "
                       "skipped.").format(file=label))
        return [], None
    read.append((label, len(layer.records), layer.crs_note))
    named = _ETALAB_COMMUNE.search(label)
    scope = Scope(label, [named.group(1).upper()] if named else [])
    scope.year = _year_of(label, layer.records)
    out = []
    for r in layer.records:
        a = r.attrs
        try:
            pid = (parcel_id.parse(a["id"]) if a.get("id") else
                   parcel_id.from_parts(a.get("commune"), a.get("prefixe"), a.get("section"),
                                        a.get("numero")))
        except parcel_id.ParcelIdError as e:
            scope.refuse(report, r.number, None, tr("parcel identifier"), str(e), r)
            continue
        if named and pid.insee not in scope.communes:
            # A typo in its id, most likely: it may be one of the stored parcels.
            scope.refuse(report, pid.idu, None, tr("commune of the file"), tr(
                "parcel of commune {insee} in the file of commune {file}: refused")
                .format(insee=pid.insee, file=named.group(1)), r)
            continue
        out.append(_parcel(pid, a.get("contenance"), r, scope, report))
    if not named:   # a departement's file, or one named otherwise: its communes
        scope.communes = {p.id.insee for p in out if p} | {i[:5] for i in scope.refused}
    return [p for p in out if p], scope


def _year_of(label, records):
    """The millésime of an Etalab file: a year in its name (2019-73253.json,
    cadastre-2019-...), else the year its latest parcel was updated."""
    named = _YEAR.search(label)
    if named:
        return int(named.group(1))
    updated = [str(r.attrs["updated"])[:4] for r in records if r.attrs.get("updated")]
    years = [int(y) for y in updated if y.isdigit()]
    return max(years) if years else None


def _read_edigeo(thf, archive, departement, report, read, feedback):
    label = os.path.basename(archive)
    if not departement:
        raise SitError(tr("{path}: the departement of this EDIGEO sheet is unknown (the "
                          "archive is not named edigeo-DDCCC....tar.bz2): give it.")
                       .format(path=archive))
    scope = _sheet_scope(thf, label, departement, report, feedback)
    layer = common.read_layer(thf, "PARCELLE_id", feedback=feedback, fields=("idu", "supf"))
    read.append((label, len(layer.records), layer.crs_note))
    out = []
    for r in layer.records:
        try:
            pid = parcel_id.from_edigeo(r.attrs.get("idu"), departement)
        except parcel_id.ParcelIdError as e:
            scope.refuse(report, r.number, None, tr("parcel identifier"), str(e), r)
            continue
        if scope.sections and pid.idu[:10] not in scope.sections:
            scope.refuse(report, pid.idu, None, tr("section of the sheet"), tr(
                "parcel outside the sections of the sheet ({sections}): refused")
                .format(sections=", ".join(sorted(scope.sections))), r)
            continue
        out.append(_parcel(pid, r.attrs.get("supf"), r, scope, report))
    return [p for p in out if p], scope


def _sheet_scope(thf, label, departement, report, feedback):
    """An EDIGEO sheet covers its feuille: the outline of its SUBDSECT
    objects, within their sections (their IDU: commune 3 + prefixe 3 +
    section 2 + feuille 2)."""
    sections, outline = set(), ogr.Geometry(ogr.wkbMultiPolygon)
    for r in common.read_layer(thf, "SUBDSECT_id", feedback=feedback, fields=("idu",)).records:
        idu = str(r.attrs.get("idu") or "").strip().upper()
        if len(idu) == 10 and r.geom is not None and not r.geom.IsEmpty():
            sections.add(departement.upper() + idu[:8])
            outline = outline.Union(r.geom)
    if not sections:
        report.note(tr("{file}: no outline of its feuille (SUBDSECT): no stored parcel is "
                       "taken as gone for this sheet.").format(file=label))
    return Scope(label, {s[:5] for s in sections}, sections, outline)


def _parcel(pid, contenance, record, scope, report):
    """The Parcel, or None when it is refused (a defect naming it)."""
    g = record.geom
    if g is None or g.IsEmpty():
        scope.refuse(report, pid.idu, pid, tr("geometry"), tr("parcel without geometry: refused"))
        return None
    if ogr.GT_Flatten(g.GetGeometryType()) not in (ogr.wkbPolygon, ogr.wkbMultiPolygon):
        scope.refuse(report, pid.idu, pid, tr("geometry"), tr(
            "a {found} is not the outline of a parcel: refused").format(
                found=g.GetGeometryName()))
        return None
    if not record.valid:
        report.defect(scope.label, pid.idu, tr("valid geometry"),
                      tr("invalid geometry (self-intersection?): imported as delivered"))
    try:
        area = None if contenance in (None, "") else common.as_integer(contenance)
    except ValueError:
        scope.refuse(report, pid.idu, pid, tr("area"), tr(
            "contenance \"{value}\" is not an area in m²: refused").format(value=contenance))
        return None
    return Parcel(pid, area, g, scope.label)


# --- comparing and writing -------------------------------------------------------

def _existing(conn, communes):
    marks = ",".join("?" * len(communes))
    rows = conn.execute("SELECT idu, uuid, contenance, millesime, ST_AsBinary(geom) "
                        "FROM parcelle WHERE insee IN (%s)" % marks, communes)
    return {idu: {"uuid": uuid, "contenance": cont, "millesime": year, "wkb": wkb}
            for idu, uuid, cont, year, wkb in rows}


def _moved(conn, old_wkb, new_wkb):
    """True if the parcel's outline moved by more than the tolerance anywhere
    (Hausdorff distance: an area test would flag long outlines that moved by
    a rounding error, and miss a short boundary that really moved)."""
    if old_wkb is None:
        return True
    if old_wkb == new_wkb:
        return False
    (distance,) = conn.execute("SELECT " + db.dialect(conn).hausdorff_wkb,
                               (old_wkb, new_wkb)).fetchone()
    return distance is None or distance > GEOMETRY_TOLERANCE_M


def _write(conn, created, changed, stale_year, gone, millesime, feedback):
    def row(p):
        i = p.id
        return (p.wkb, i.insee, i.prefixe, i.section, i.numero, p.contenance,
                millesime, i.idu)
    # uuids given here rather than by the insert trigger: a third faster.
    common.bulk_insert(
        conn, "parcelle",
        ("insee", "prefixe", "section", "numero", "contenance", "millesime", "idu", "uuid"),
        (row(p) + (str(uuid.uuid4()),) for p in created),
        [p.geom.GetEnvelope() for p in created])
    common.check_cancel(feedback)
    d = db.dialect(conn)
    conn.executemany(
        "UPDATE parcelle SET geom = %s, insee = ?, prefixe = ?, section = ?, numero = ?, "
        "contenance = ?, millesime = ? WHERE idu = ?" % d.geom_from_wkb, map(row, changed))
    # One statement each, whatever the number of parcels (one per row is a
    # round trip each on PostgreSQL); none when there is nothing to do, as a
    # statement touching no row still fires PostgreSQL's last_change trigger.
    if stale_year:
        conn.execute("UPDATE parcelle SET millesime = ? WHERE %s" % d.in_json("idu"),
                     (millesime, json.dumps([p.id.idu for p in stale_year])))
    if gone:
        conn.execute("DELETE FROM parcelle WHERE %s" % d.in_json("idu"),
                     (json.dumps(gone),))


def _broken_links(conn, gone, existing, delivered):
    """(link, gone parcel, parcels now covering it) for every dossier or
    ticket that pointed at a parcel now gone."""
    if not gone:
        return []
    d = db.dialect(conn)
    tables = {t for t in ("ads_dossier_parcelle", "ticket") if d.table_exists(conn, t)}
    links = []
    for idu in gone:
        if "ads_dossier_parcelle" in tables:
            links += [(tr("dossier {n}").format(n=n), idu) for (n,) in conn.execute(
                "SELECT numero FROM ads_dossier_parcelle WHERE idu = ? ORDER BY numero", (idu,))]
        if "ticket" in tables:
            links += [(tr("ticket {n}: {title}").format(n=fid, title=title), idu)
                      for fid, title in conn.execute(
                          "SELECT fid, title FROM ticket WHERE layer_name = 'parcelle' "
                          "AND feature_uuid = ? ORDER BY fid", (existing[idu]["uuid"],))]
    return [(link, idu, ", ".join(_successors(existing[idu]["wkb"], delivered)))
            for link, idu in links]


def _successors(old_wkb, delivered):
    if old_wkb is None:
        return []
    old = ogr.CreateGeometryFromWkb(old_wkb)
    return [p.id.idu for p in delivered
            if p.geom.Intersects(old) and p.geom.Intersection(old).Area() > SUCCESSOR_MIN_AREA_M2]
