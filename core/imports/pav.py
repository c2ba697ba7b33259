"""Drop-off points (PAV) and shared composters from open-data GeoJSON or CSV.

Open-data exports name their streams freely ("verre", "papier-carton",
"ordures-menageres", "emballages-journaux-magazines"...): STREAMS maps them
to the `pav_flux` code list (compatible with OpenStreetMap's recycling:*
keys). A container with several streams (multi-compartment) is one drop-off
point: its first stream is its `flux`, the whole list goes to its
observations. Points whose coordinates fall outside their CRS or outside
Lambert-93's area are refused; points outside the communes of the store are
reported. Features are keyed on their identifier, so a re-run updates in
place.
"""
import os
import re
import tempfile
import unicodedata
from decimal import Decimal

from osgeo import ogr

from ..errors import SitError
from ..i18n import tr
from ..schema import BY_NAME
from ..storage.store import transaction
from . import common

# Normalised stream name (lower case, no accents, words joined by "-")
# -> pav_flux code; "composteur" sends the feature to the composteur table.
STREAMS = {
    "verre": "verre", "verres": "verre", "glass": "verre",
    "papier": "papier", "papiers": "papier", "papier-carton": "papier",
    "papiers-cartons": "papier", "journaux-magazines": "papier", "carton": "papier",
    "emballages": "emballages", "emballages-menagers": "emballages",
    "emballages-journaux-magazines": "emballages", "metal-plastique-brique": "emballages",
    "plastique": "emballages", "multimateriaux": "emballages", "recyclables": "emballages",
    # Nantes' "déchets secs" containers take dry recyclables (packaging, papers).
    "dechets-secs": "emballages",
    "ordures-menageres": "omr", "ordures-menageres-residuelles": "omr", "omr": "omr",
    "om": "omr", "residuel": "omr",
    "biodechets": "biodechets", "bio-dechets": "biodechets",
    "dechets-alimentaires": "biodechets",
    "textile": "textile", "textiles": "textile", "tlc": "textile",
    "vetements": "textile",
    "compost": "composteur", "composteur": "composteur", "compostage": "composteur",
}
# Source field -> SIT field, first match wins.
ALIASES = {
    "identifiant": ("identifiant", "id_colonne", "id_pav", "id", "gid", "objectid", "code"),
    "flux": ("flux", "type_dechet", "dechet", "flux_dechet", "categorie", "type"),
    "adresse": ("adresse", "address", "adr", "localisation"),
    "volume_l": ("volume_l", "volume", "capacite", "contenance"),
    "enterre": ("enterre", "enterree", "type_pose"),
    "date_pose": ("date_pose", "date_mise_en_service", "date_installation"),
    "observations": ("observations", "libelle", "nom", "commentaire"),
}
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)?")
MAX_LITRES = 100000     # 100 m³: more than any container holds
CSV_OPTIONS = ["X_POSSIBLE_NAMES=lon*,x,coord_x", "Y_POSSIBLE_NAMES=lat*,y,coord_y",
               "KEEP_GEOM_COLUMNS=NO", "AUTODETECT_TYPE=YES"]


def stream_code(name):
    """The pav_flux code (or "composteur") of a stream name, None if unknown."""
    text = unicodedata.normalize("NFKD", str(name or "")).encode("ascii", "ignore").decode()
    key = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return STREAMS.get(key)


ENCODINGS = {"UTF-8": "utf-8", "Windows-1252": "cp1252"}   # of CSV files (JSON is UTF-8)


def import_pav(conn, input_path, feedback=None, encoding="UTF-8"):
    report = common.Report(tr("Drop-off points import"), input_path)
    records = _read_delivery(input_path, report, feedback, encoding)
    communes = [(insee, ogr.CreateGeometryFromWkb(g)) for insee, g in conn.execute(
        "SELECT insee, ST_AsBinary(geom) FROM commune WHERE geom IS NOT NULL")]
    if not communes:
        report.note(tr("No commune in the store: points are not checked against the "
                       "territory."))
    rows = {"pav": [], "composteur": []}
    seen, streams, outside = set(), {}, 0
    for label, r in records:
        row = _row(label, r, report, streams)
        if row is None:
            continue
        table, point = row.pop("_table"), r.geom
        if communes:
            insee = next((i for i, g in communes if g.Contains(point)), None)
            if insee is None:
                outside += 1
                report.defect(label, row["identifiant"], tr("territory"), tr(
                    "point outside the communes of the store ({x:.0f}, {y:.0f})").format(
                        x=point.GetX(), y=point.GetY()))
            row["insee"] = row.get("insee") or insee
        if row["identifiant"] in seen:
            twin = common.twin_key(row["identifiant"], seen)
            report.defect(label, r.number, tr("unique identifier"), tr(
                "identifier {value} delivered twice: this one stored as {twin}").format(
                    value=row["identifiant"], twin=twin))
            row["identifiant"] = twin
        seen.add(row["identifiant"])
        row["geom"] = common.wkb(point)
        rows[table].append(row)
    common.check_cancel(feedback)
    landed = []
    with transaction(conn):
        for table, table_rows in rows.items():
            columns = [f.name for f in BY_NAME[table].fields if f.name != "identifiant"]
            counts = common.upsert(conn, table, "identifiant", columns, table_rows)
            landed.append((table, len(table_rows)) + counts)
            common.check_cancel(feedback)
    report.table(tr("Streams"), [tr("Stream delivered"), tr("Code"), tr("Features")],
                 sorted((k[0], k[1] or tr("unknown: refused"), v) for k, v in streams.items()))
    report.table(tr("Landed"), [tr("Table"), tr("Features"), tr("created"), tr("updated"),
                                tr("unchanged")], landed)
    refused = len(records) - sum(len(v) for v in rows.values())
    report.outcome = tr("{n} points read, {p} drop-off points and {c} composters landed, "
                        "{r} refused, {o} outside the territory.").format(
        n=common.format_int(len(records)), p=common.format_int(len(rows["pav"])),
        c=common.format_int(len(rows["composteur"])), r=refused, o=outside)
    return report


def _read_delivery(input_path, report, feedback, encoding):
    records, read = [], []
    with common.delivery(input_path) as root, tempfile.TemporaryDirectory() as tmp:
        paths = common.require_files(input_path, root, (".geojson", ".json", ".csv"),
                                     tr("GeoJSON or CSV file"))
        for path in paths:
            if path.lower().endswith(".csv"):
                source = _read_csv(_as_utf8(path, encoding, tmp), feedback)
                source.path = path
            else:
                _as_utf8(path, "UTF-8", tmp)
                source = common.read_layer(path, assume_srid=4326, feedback=feedback)
            fields = set(source.fields)
            if not any(a in fields for a in ALIASES["flux"]):
                report.note(tr("{file}: no stream field ({fields}): skipped.").format(
                    file=source.label, fields=", ".join(ALIASES["flux"])))
                continue
            read.append((source.label, len(source.records), source.crs_note))
            records += [(source.label, r) for r in source.records]
    if not records:
        raise SitError(tr("{path} holds nothing usable: no drop-off point with a stream "
                          "found.").format(path=input_path))
    report.table(tr("Read"), [tr("File"), tr("Features"), tr("CRS")], read)
    return records


def _as_utf8(path, encoding, folder):
    """`path` itself if it is UTF-8 text, else its UTF-8 copy in `folder`
    (`encoding`: a name of ENCODINGS).

    GDAL reads text as UTF-8: Windows-1252 bytes reached the store as broken
    characters (a traceback), a NUL cut the line short. Such a file is
    refused naming its first bad line, unless `encoding` says what it is.
    """
    with open(path, "rb") as f:
        raw = f.read()
    if b"\0" in raw:
        raise SitError(tr("{path}, line {line}: a NUL character: refused.").format(
            path=path, line=raw[:raw.index(b"\0")].count(b"\n") + 1))
    try:
        text = raw.decode(ENCODINGS[encoding])
    except UnicodeDecodeError as e:
        raise SitError(tr("{path}, line {line}: byte 0x{byte:02X} is not {encoding}: save the "
                          "file as UTF-8, or give its encoding (Windows-1252).").format(
            path=path, line=raw[:e.start].count(b"\n") + 1, byte=raw[e.start],
            encoding=encoding))
    if encoding == "UTF-8":
        return path
    copy = os.path.join(folder, os.path.basename(path))
    with open(copy, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    return copy


def _read_csv(path, feedback):
    """A CSV with lon/lat (WGS 84) or x/y (Lambert-93) columns."""
    wgs84 = any(h.startswith(("lon", "lat")) for h in _header(path))
    source = common.read_layer(path, assume_srid=4326 if wgs84 else 2154, feedback=feedback,
                               options=CSV_OPTIONS)
    if source.records and not any(r.geom for r in source.records):
        raise SitError(tr("{path}: no coordinate columns (lon/lat or x/y).").format(path=path))
    return source


def _header(path):
    with open(path, encoding="utf-8-sig", errors="replace") as f:
        return [h.strip().strip('"').lower() for h in re.split(r"[;,\t]", f.readline())]


def _litres(value):
    """Whole litres of a volume (None for 0), or ValueError. Text must be a
    plain number: float() would take "1_5" (15), "1e30" and "inf"."""
    if isinstance(value, str):
        if not _NUMBER.fullmatch(value.strip()):
            raise ValueError(value)
        value = Decimal(value.strip().replace(",", "."))
    if not 0 <= value <= MAX_LITRES:  # also refuses NaN
        raise ValueError(value)
    return int(value) or None


def _row(label, r, report, streams):
    a = r.attrs

    def pick(field):
        return next((a[k] for k in ALIASES[field] if a.get(k) not in (None, "")), None)

    ident = pick("identifiant")
    where = ident or r.number
    if r.geom is None or r.geom.IsEmpty():
        report.defect(label, where, tr("geometry"), tr("no coordinates: refused"), True)
        return None
    if r.geom.GetGeometryName() != "POINT":
        report.defect(label, where, tr("geometry"), tr("not a point: refused"), True)
        return None
    x, y = r.geom.GetX(), r.geom.GetY()
    x0, y0, x1, y1 = common.LAMBERT93_EXTENT
    if not (x0 <= x <= x1 and y0 <= y <= y1):
        report.defect(label, where, tr("coordinates"), tr(
            "point outside the area of its CRS (swapped or wrong coordinates?): refused"), True)
        return None
    names = [s.strip() for s in re.split(r"[,;/|+]", str(pick("flux") or "")) if s.strip()]
    codes = [stream_code(n) for n in names]
    for n, c in zip(names, codes):
        streams[(n, c)] = streams.get((n, c), 0) + 1
    if not codes or None in codes:
        unknown = [n for n, c in zip(names, codes) if c is None]
        report.defect(label, where, tr("code list"), tr(
            "stream {names} not in the pav_flux list: refused").format(
                names=", ".join(unknown) or tr("(empty)")), True)
        return None
    row = {"identifiant": str(ident) if ident is not None else "pav-%d" % r.number,
           "adresse": pick("adresse"), "observations": pick("observations"),
           "statut": "service", "date_pose": None}
    posed = pick("date_pose")
    try:
        row["date_pose"] = common.iso_date(posed) if posed is not None else None
    except ValueError:
        report.defect(label, where, tr("date"), tr("date {value} is not a date: left "
                                                   "empty").format(value=posed))
    volume = pick("volume_l")
    try:
        row["volume_l"] = None if volume is None else _litres(volume)
    except ValueError:
        report.defect(label, where, tr("volume"), tr(
            "volume {value} is not a number of litres up to {max}: left empty").format(
                value=volume, max=common.format_int(MAX_LITRES)))
        row["volume_l"] = None
    if codes[0] == "composteur":
        row["_table"] = "composteur"
        return row
    row["_table"] = "pav"
    row["flux"] = codes[0]
    buried = pick("enterre")
    row["enterre"] = None if buried is None else (
        str(buried).strip().lower() in ("1", "o", "oui", "true", "yes", "enterre", "enterré"))
    if len(names) > 1:
        flux = tr("Streams: {names}").format(names=", ".join(names))
        row["observations"] = "%s — %s" % (row["observations"], flux) \
            if row["observations"] else flux
    return row
