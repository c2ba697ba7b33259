"""The cadastre referential and its yearly update.

Reads Etalab's ``cadastre-XXXXX-parcelles.json`` (also gzipped) and DGFiP
EDIGEO sheets (``edigeo-DDCCCPPPSSFF.tar.bz2``, through GDAL's EDIGEO
driver). Within the communes delivered, the store then holds exactly the
parcels delivered: parcels are created, changed (geometry or area) or gone.
A parcel that persists keeps its row and uuid, so tickets and dossiers that
point at it stay valid; links to gone parcels are reported with the new
parcels that now cover the ground.
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
_EDIGEO_ARCHIVE = re.compile(r"edigeo-((?:\d\d|2A|2B))(\d{3})\w*\.tar\.bz2$", re.I)


class Parcel:
    __slots__ = ("id", "contenance", "geom", "wkb", "source")

    def __init__(self, pid, contenance, geom, source):
        self.id, self.contenance, self.geom, self.source = pid, contenance, geom, source
        self.wkb = common.multi_wkb(geom)          # as stored: MULTIPOLYGON


def import_cadastre(conn, input_path, millesime=None, departement=None, feedback=None):
    """Bring the `parcelle` table in line with the delivery at `input_path`.

    Returns the Report. Nothing is written when the delivery holds no
    usable parcel or when the user cancels.
    """
    millesime = int(millesime or datetime.date.today().year)
    report = common.Report(tr("Cadastre import"), input_path)
    read = []     # (file, features, CRS) for the report
    parcels = _read_delivery(input_path, departement, report, read, feedback)
    report.table(tr("Read"), [tr("File"), tr("Features"), tr("CRS")], read)
    communes = sorted({p.id.insee for p in parcels.values()})
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
    gone = sorted(set(existing) - set(parcels))
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
    broken = _broken_links(conn, gone, existing, created + changed)
    report.outcome = tr("{created} parcels created, {changed} changed, {gone} gone, "
                        "{same} unchanged.").format(
        created=common.format_int(len(created)), changed=common.format_int(len(changed)),
        gone=common.format_int(len(gone)),
        same=common.format_int(len(unchanged) + len(stale_year)))
    report.table(tr("Landed in table parcelle"), [tr("Change"), tr("Parcels")], [
        (tr("created"), len(created)), (tr("changed (geometry or area)"), len(changed)),
        (tr("gone (deleted)"), len(gone)),
        (tr("unchanged (year updated)"), len(stale_year)), (tr("unchanged"), len(unchanged))])
    _detail(report, tr("Created parcels"), [(p.id.idu, p.contenance, p.source) for p in created])
    _detail(report, tr("Changed parcels"), [
        (p.id.idu, "%s → %s" % (existing[p.id.idu]["contenance"], p.contenance), p.source)
        for p in changed])
    _detail(report, tr("Gone parcels"), [(idu, existing[idu]["contenance"], "")
                                         for idu in gone])
    report.table(tr("Links to gone parcels (to re-point)"),
                 [tr("Link"), tr("Parcel"), tr("Parcels now covering it")], broken)
    if not broken:
        report.note(tr("Every dossier and ticket that points at a parcel still finds it."))
    return report


def _detail(report, title, rows):
    report.table(title, [tr("IDU"), tr("Area (m²)"), tr("Source")], rows, max_rows=1000)


# --- reading -------------------------------------------------------------------

def _read_delivery(input_path, departement, report, read, feedback):
    parcels = {}
    with common.delivery(input_path) as root:
        etalab = common.files_in(root, (".json", ".geojson", ".json.gz"))
        sheets = common.files_in(root, (".tar.bz2",))
        thf = common.files_in(root, (".thf",))
        if not (etalab or sheets or thf):
            raise SitError(tr(
                "{path} holds nothing usable: no Etalab parcel file "
                "(cadastre-XXXXX-parcelles.json) and no EDIGEO sheet (.tar.bz2, .THF).")
                .format(path=input_path))
        for path in etalab:
            _add(parcels, _read_etalab(path, report, read, feedback), report)
        for path in sheets:
            m = _EDIGEO_ARCHIVE.search(os.path.basename(path))
            dep = m.group(1) if m else departement
            tmp = tempfile.mkdtemp(prefix="sit-edigeo-")
            try:
                common.extract_tar(path, tmp)
                for sheet in common.files_in(tmp, (".thf",)):
                    _add(parcels, _read_edigeo(sheet, path, dep, report, read, feedback), report)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
        for sheet in thf:
            _add(parcels, _read_edigeo(sheet, sheet, departement, report, read, feedback), report)
    if not parcels:
        raise SitError(tr("{path} holds nothing usable: no parcel could be read.")
                       .format(path=input_path))
    return parcels


def _add(parcels, read, report):
    for p in read:
        if p.id.idu in parcels:
            report.defect(p.source, p.id.idu, tr("unique IDU"),
                          tr("parcel delivered twice (also in {other}): second one ignored")
                          .format(other=parcels[p.id.idu].source))
        else:
            parcels[p.id.idu] = p


def _read_etalab(path, report, read, feedback):
    gdal_path = "/vsigzip/" + path if path.lower().endswith(".gz") else path
    layer = common.read_layer(gdal_path, assume_srid=4326, feedback=feedback, fields=(
        "id", "commune", "prefixe", "section", "numero", "contenance"))
    label = os.path.basename(path)
    if not ({"id"} <= set(layer.fields) or {"commune", "section", "numero"} <= set(layer.fields)):
        report.note(tr("{file}: not a parcel file (no id nor commune/section/numero): "
                       "skipped.").format(file=label))
        return []
    read.append((label, len(layer.records), layer.crs_note))
    out = []
    for r in layer.records:
        a = r.attrs
        try:
            pid = (parcel_id.parse(a["id"]) if a.get("id") else
                   parcel_id.from_parts(a.get("commune"), a.get("prefixe"), a.get("section"),
                                        a.get("numero")))
        except parcel_id.ParcelIdError as e:
            report.defect(label, r.number, tr("parcel identifier"), str(e))
            continue
        out.append(_parcel(pid, a.get("contenance"), r, label, report))
    return [p for p in out if p]


def _read_edigeo(thf, archive, departement, report, read, feedback):
    label = os.path.basename(archive)
    if not departement:
        raise SitError(tr("{path}: the departement of this EDIGEO sheet is unknown (the "
                          "archive is not named edigeo-DDCCC....tar.bz2): give it.")
                       .format(path=archive))
    layer = common.read_layer(thf, "PARCELLE_id", feedback=feedback, fields=("idu", "supf"))
    read.append((label, len(layer.records), layer.crs_note))
    out = []
    for r in layer.records:
        try:
            pid = parcel_id.from_edigeo(r.attrs.get("idu"), departement)
        except parcel_id.ParcelIdError as e:
            report.defect(label, r.number, tr("parcel identifier"), str(e))
            continue
        out.append(_parcel(pid, r.attrs.get("supf"), r, label, report))
    return [p for p in out if p]


def _parcel(pid, contenance, record, label, report):
    if record.geom is None or record.geom.IsEmpty():
        report.defect(label, pid.idu, tr("geometry"), tr("parcel without geometry: refused"))
        return None
    if not record.valid:
        report.defect(label, pid.idu, tr("valid geometry"),
                      tr("invalid geometry (self-intersection?): imported as delivered"))
    area = int(round(float(contenance))) if contenance not in (None, "") else None
    return Parcel(pid, area, record.geom, label)


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
