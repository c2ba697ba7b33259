"""Drop-off points (PAV) and shared composters from open-data GeoJSON or CSV.

Open data comes in many layouts. A mapping profile (a JSON file, PROFILE)
says how to read one: which column holds which field, where the coordinates
are (two columns, one "lat, lon" column, WKT, or the file's own geometry)
and in which CRS, the stream names in the source's language, and the kind
of the records (drop-off containers, or composters with their kind of
site). Without a profile, or for what it leaves out, the layout is guessed
from the headers, the file's name and the values (coordinates must fall in
France), and the report says what was guessed; that guess can be saved as
a profile (`write_profile`).

Streams map to the `pav_flux` code list (compatible with OpenStreetMap's
recycling:* keys). A container with several streams (multi-compartment) is
one drop-off point: its first stream is its `flux`, the whole list goes to
its observations. Points outside Lambert-93's area are refused; points
outside the communes of the store are reported. Features are keyed on
their identifier, so a re-run updates in place.
"""
import functools
import json
import os
import re
import tempfile
import unicodedata
from decimal import Decimal

from osgeo import ogr, osr

from ..errors import SitError
from ..i18n import tr
from ..schema import BY_NAME, SRID, codelist_rows
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
# Kinds of composting site as open data names them -> composteur_site code.
SITES = {
    "quartier": "quartier", "composteur-de-quartier": "quartier",
    "pied-d-immeuble": "pied_immeuble", "pied-immeuble": "pied_immeuble",
    "residence": "pied_immeuble", "residentiel": "pied_immeuble",
    "etablissement": "etablissement", "prive": "etablissement", "restaurant": "etablissement",
    "ecole": "etablissement", "entreprise": "etablissement",
    "jardin": "jardin", "jardin-partage": "jardin",
}
# A dataset without a stream column is often named after what it holds
# (gicsiloverre, geocompost): words of at least five letters, so that "om"
# is not found in "communes".
NAME_HINTS = (("compost", "composteur"), ("verre", "verre"), ("papier", "papier"),
              ("emballage", "emballages"), ("textile", "textile"), ("biodechet", "biodechets"))
# Source column (normalised, see _key) -> SIT field, first match wins; the
# last ones are the SIT's own GeoJSON export's (core/exports/pav.py).
ALIASES = {
    "identifiant": ("identifiant", "id_colonne", "id_pav", "id", "gid", "objectid", "code",
                    "ref"),
    "flux": ("flux", "type_dechet", "dechet", "flux_dechet", "categorie", "type", "sit_flux"),
    "type_site": ("type_site", "typesite", "type_sites_compostage", "type_de_site",
                  "sit_type_site"),
    "adresse": ("adresse", "address", "adr", "localisation", "voie", "addr_full"),
    "insee": ("insee", "code_insee", "codeinsee", "sit_insee"),
    "volume_l": ("volume_l", "volume", "capacite", "contenance", "sit_volume_l"),
    "enterre": ("enterre", "enterree", "type_pose", "sit_enterre"),
    "statut": ("statut", "sit_statut"),
    "date_pose": ("date_pose", "date_mise_en_service", "date_installation", "dateinstal",
                  "date_mise_en_route_du_site", "sit_date_pose"),
    "structure_referente": ("structure_referente", "exploitant_structure", "exploitant",
                            "gestionnaire", "sit_structure_referente"),
    "observations": ("observations", "observation", "libelle", "nom", "nom_du_site",
                     "commentaire", "sit_observations"),
}
# Coordinate columns, as pairs (easting or longitude, northing or latitude),
# a single "lat, lon" column, or WKT.
XY_NAMES = (("lon", "lat"), ("longitude", "latitude"), ("lng", "lat"), ("x", "y"),
            ("coord_x", "coord_y"), ("x_wgs84", "y_wgs84"), ("x_l93", "y_l93"))
LATLON_NAMES = ("geo_point_2d", "geo_point", "geopoint", "coordonnees", "coordinates",
                "lat_lon", "latlon", "position")
WKT_NAMES = ("wkt", "geom", "the_geom", "geometry", "geometrie")
# Where longitudes and latitudes of metropolitan France and Corsica fall.
FRANCE_LONLAT = (-5.5, 41.0, 10.0, 51.5)
KINDS = ("pav", "composteur")
PROFILE_KEYS = ("name", "description", "kind", "columns", "coordinates", "crs", "stream",
                "streams", "sites")
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)?")
MAX_LITRES = 100000     # 100 m³: more than any container holds
ENCODINGS = {"UTF-8": "utf-8", "Windows-1252": "cp1252"}   # of CSV files (JSON is UTF-8)


def _key(name):
    """A name without accents, case or punctuation: "Nom Du Site" -> nom_du_site."""
    text = unicodedata.normalize("NFKD", str(name or "")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def stream_code(name, names=None):
    """The pav_flux code (or "composteur") of a stream name, None if unknown;
    `names` (source name -> code, from a profile) first."""
    key = _key(name).replace("_", "-")
    own = {_key(k).replace("_", "-"): v for k, v in (names or {}).items()}
    return own.get(key) or STREAMS.get(key)


def load_profile(path):
    """The mapping profile saved at `path` (None: an empty one); a wrong
    profile raises a SitError naming the file and the key."""
    if not path:
        return {}
    try:
        with open(path, encoding="utf-8") as f:
            profile = json.load(f)
    except (OSError, ValueError) as e:
        raise SitError(tr("The import profile {path} cannot be read: {error}")
                       .format(path=path, error=e))
    if not isinstance(profile, dict):
        raise SitError(tr("The import profile {path} must be a JSON object.").format(path=path))
    unknown = sorted(set(profile) - set(PROFILE_KEYS))
    if unknown:
        raise SitError(tr("The import profile {path} has unknown keys: {keys}.")
                       .format(path=path, keys=", ".join(unknown)))
    codes = {}
    for lst, code, _, _ in codelist_rows():
        codes.setdefault(lst, set()).add(code)
    fields = {f.name for t in KINDS for f in BY_NAME[t].fields}
    coordinates = profile.get("coordinates")
    checks = (
        ("kind", profile.get("kind") in (None,) + KINDS, "pav, composteur"),
        ("columns", isinstance(profile.get("columns", {}), dict) and all(
            k in fields and (isinstance(v, str) or isinstance(v, list) and v and all(
                isinstance(c, str) for c in v))
            for k, v in profile.get("columns", {}).items()),
         tr("an object: store field -> column (or list of columns), fields {fields}")
         .format(fields=", ".join(sorted(fields)))),
        ("coordinates", coordinates is None or isinstance(coordinates, dict) and (
            sorted(coordinates) in (["x", "y"], ["latlon"], ["wkt"]) and all(
                isinstance(v, str) for v in coordinates.values())),
         tr("\"x\" and \"y\" (two columns), \"latlon\" (one \"lat, lon\" column) or "
            "\"wkt\" (one column), each naming its column")),
        ("crs", profile.get("crs") is None or _srs(profile["crs"]) is not None,
         tr("a CRS such as EPSG:4326")),
        ("stream", profile.get("stream") in (None,) + tuple(codes["pav_flux"]),
         ", ".join(sorted(codes["pav_flux"]))),
        ("streams", isinstance(profile.get("streams", {}), dict) and set(
            profile.get("streams", {}).values()) <= codes["pav_flux"] | {"composteur"},
         tr("an object: stream name -> code of {codes}").format(
             codes=", ".join(sorted(codes["pav_flux"] | {"composteur"})))),
        ("sites", isinstance(profile.get("sites", {}), dict) and set(
            profile.get("sites", {}).values()) <= codes["composteur_site"],
         tr("an object: kind of site -> code of {codes}").format(
             codes=", ".join(sorted(codes["composteur_site"])))),
    )
    for key, ok, what in checks:
        if not ok:
            raise SitError(tr("The import profile {path}: \"{key}\" must be {what}.")
                           .format(path=path, key=key, what=what))
    return profile


def write_profile(profile, path):
    """Save a profile (the guess of an import: Report.profile) as JSON."""
    try:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(profile, f, ensure_ascii=False, indent=2)
    except OSError as e:
        raise SitError(tr("Cannot write the profile {path}: {error}").format(path=path, error=e))
    return path


def import_pav(conn, input_path, feedback=None, encoding="UTF-8", profile_path=None):
    report = common.Report(tr("Drop-off points import"), input_path)
    profile = load_profile(profile_path)
    report.profile = None   # the layout guessed for the first file, to save as a profile
    records = _read_delivery(input_path, profile, report, feedback, encoding)
    communes = [(insee, ogr.CreateGeometryFromWkb(g)) for insee, g in conn.execute(
        "SELECT insee, ST_AsBinary(geom) FROM commune WHERE geom IS NOT NULL")]
    if not communes:
        report.note(tr("No commune in the store: points are not checked against the "
                       "territory."))
    rows = {"pav": [], "composteur": []}
    seen, streams, outside = set(), {}, 0
    for layout, r in records:
        row = _row(layout, r, report, streams)
        if row is None:
            continue
        table, point = row.pop("_table"), row.pop("_point")
        if communes:
            insee = next((i for i, g in communes if g.Contains(point)), None)
            if insee is None:
                outside += 1
                report.defect(layout.label, row["identifiant"], tr("territory"), tr(
                    "point outside the communes of the store ({x:.0f}, {y:.0f})").format(
                        x=point.GetX(), y=point.GetY()))
            row["insee"] = row.get("insee") or insee
        if row["identifiant"] in seen:
            twin = common.twin_key(row["identifiant"], seen)
            report.defect(layout.label, r.number, tr("unique identifier"), tr(
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


class _Layout:
    """How one file is read: its profile (given, completed by the guess)."""

    def __init__(self, label, profile):
        self.label = label
        self.kind = profile.get("kind")
        self.stream = profile.get("stream")
        self.streams = profile.get("streams", {})
        self.sites = {_key(k): v for k, v in profile.get("sites", {}).items()}
        self.columns = {f: [_key(c) for c in ([c] if isinstance(c, str) else c)]
                        for f, c in profile.get("columns", {}).items()}
        self.coordinates = {k: _key(v) for k, v in (profile.get("coordinates") or {}).items()}
        self.transform = None
        if self.coordinates:
            target = osr.SpatialReference()
            target.ImportFromEPSG(SRID)
            target.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
            source = _srs(profile.get("crs") or "EPSG:4326")
            self.transform = osr.CoordinateTransformation(source, target)

    def pick(self, attrs, field):
        if field in self.columns:
            values = [attrs.get(c) for c in self.columns[field]]
            values = [str(v).strip() for v in values if v not in (None, "")]
            return " ".join(values) if len(values) > 1 else (values or [None])[0]
        return next((attrs[k] for k in ALIASES[field] if attrs.get(k) not in (None, "")), None)

    def point(self, attrs, geom):
        """The record's point in Lambert-93, None without coordinates;
        ValueError for coordinates that cannot be read."""
        if not self.coordinates:
            return geom
        c = self.coordinates
        if "wkt" in c:
            text = attrs.get(c["wkt"])
            if not text:
                return None
            point = ogr.CreateGeometryFromWkt(str(text))
            if point is None:
                raise ValueError(text)
        else:
            x, y = _pair(attrs.get(c["latlon"]))[::-1] if "latlon" in c else (
                attrs.get(c["x"]), attrs.get(c["y"]))
            if x in (None, "") or y in (None, ""):
                return None
            point = ogr.Geometry(ogr.wkbPoint)
            point.AddPoint_2D(_number(x), _number(y))
        point.FlattenTo2D()
        point.Transform(self.transform)
        return point


def _srs(text):
    srs = osr.SpatialReference()
    try:
        if srs.SetFromUserInput(str(text)) != 0:
            return None
    except RuntimeError:
        return None
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def _number(value):
    """A coordinate written as a number, a decimal comma or a stray
    separator after it ("45.777229, ")."""
    if isinstance(value, (int, float)):
        return common.as_real(value)
    text = str(value).strip().rstrip(",;").strip()
    if re.fullmatch(r"-?[0-9]+,[0-9]+", text):
        text = text.replace(",", ".")
    return common.as_real(text)


def _pair(value):
    """(first, second) of "45.76, 4.83" (or with semicolons, or decimal commas)."""
    parts = re.split(r"\s*;\s*|,\s+", str(value or "").strip().strip("[]()"))
    if len(parts) != 2:
        parts = str(value or "").split(",")
    if len(parts) != 2:
        return None, None
    return parts[0], parts[1]


def _read_delivery(input_path, profile, report, feedback, encoding):
    records, read, guessed, skipped = [], [], [], []
    with common.delivery(input_path) as root, tempfile.TemporaryDirectory() as tmp:
        paths = common.require_files(input_path, root, (".geojson", ".json", ".csv"),
                                     tr("GeoJSON or CSV file"))
        for path in paths:
            csv = path.lower().endswith(".csv")
            # CSV coordinates are read from the columns (OGR's own guess would
            # make a geometry of a WKT column only).
            source = common.read_layer(_as_utf8(path, encoding if csv else "UTF-8", tmp),
                                       assume_srid=4326, feedback=feedback)
            source.path = path
            for r in source.records:
                r.attrs = {_key(k): v for k, v in r.attrs.items()}
                if csv:
                    r.geom = None
            headers = [_key(f) for f in source.fields]
            named = list((profile.get("coordinates") or {}).values())
            for columns in profile.get("columns", {}).values():
                named += [columns] if isinstance(columns, str) else columns
            missing = sorted({_key(c) for c in named} - set(headers))
            if missing:
                raise SitError(tr("{file}: the profile names columns it does not have: "
                                  "{columns}.").format(file=source.label,
                                                       columns=", ".join(missing)))
            guess, notes = _guess(source.label, source, headers, csv, profile)
            if guess is None:
                skipped.append(tr("{file}: {why}: skipped.").format(file=source.label,
                                                                    why=notes))
                continue
            guessed += [(source.label, what, value) for what, value in notes]
            if report.profile is None:
                report.profile = guess
            layout = _Layout(source.label, dict(guess, **profile))
            read.append((source.label, len(source.records),
                         profile.get("crs") or guess.get("crs") or source.crs_note))
            records += [(layout, r) for r in source.records]
    if not records:
        raise SitError(" ".join([tr("{path} holds nothing usable: no drop-off point or "
                                    "composter found.").format(path=input_path)] + skipped))
    for note in skipped:
        report.note(note)
    report.table(tr("Read"), [tr("File"), tr("Features"), tr("CRS")], read)
    report.table(tr("Guessed layout"), [tr("File"), tr("What"), tr("Guess")], guessed)
    return records


def _guess(name, source, headers, csv, profile):
    """The layout guessed for what `profile` leaves out (`name`: the file's
    and its layer's), and what was guessed
    ((what, guess) pairs for the report); (None, why) if the file holds no
    drop-off point or composter."""
    guess, notes = {}, []
    columns = dict(profile.get("columns", {}))
    for field, aliases in ALIASES.items():
        found = next((a for a in aliases if a in headers), None)
        if field not in columns and found:
            columns[field] = guess.setdefault("columns", {})[field] = found
    if guess.get("columns"):
        notes.append((tr("columns"), ", ".join("%s: %s" % kv for kv in guess["columns"].items())))
    if not csv and "coordinates" not in profile:
        if not any(r.geom for r in source.records) and source.records:
            return None, tr("no geometry")
    elif "coordinates" not in profile:
        found = _guess_coordinates(source, headers)
        if found is None:
            return None, tr("no coordinate columns with points in France (lon/lat, x/y, "
                            "\"lat, lon\" or WKT)")
        guess["coordinates"], guess["crs"], how = found
        notes.append((tr("coordinates"), how))
    hint = next((code for word, code in NAME_HINTS if word in _key(name).replace("_", "")),
                None)
    if "kind" not in profile and "stream" not in profile and "flux" not in columns:
        if hint is None and "type_site" not in columns:
            return None, tr("no stream field ({fields}) and nothing in its name saying what "
                            "it holds").format(fields=", ".join(ALIASES["flux"]))
        if hint in (None, "composteur"):
            guess["kind"] = "composteur"
            notes.append((tr("kind"), tr("composters (from its name or its kind of site "
                                         "column)")))
        else:
            guess["kind"], guess["stream"] = "pav", hint
            notes.append((tr("kind"), tr("drop-off points of stream {code} (from its name)")
                          .format(code=hint)))
    return guess, notes


def _guess_coordinates(source, headers):
    """({"x"/"y", "latlon" or "wkt": column}, CRS, what was guessed) for the
    candidate columns whose values fall in France, the most points first."""
    best = None
    candidates = [{"x": x, "y": y} for x, y in XY_NAMES if x in headers and y in headers] + [
        {"x": y, "y": x} for x, y in XY_NAMES if x in headers and y in headers] + [
        {"latlon": c} for c in LATLON_NAMES if c in headers] + [
        {"wkt": c} for c in WKT_NAMES if c in headers]
    for columns in candidates:
        for crs in ("EPSG:4326", "EPSG:2154"):
            if "latlon" in columns and crs != "EPSG:4326":
                continue
            area = FRANCE_LONLAT if crs == "EPSG:4326" else common.LAMBERT93_EXTENT
            inside = 0
            for r in source.records:
                try:
                    values = _raw_xy(columns, r.attrs)
                    inside += values is not None and area[0] <= values[0] <= area[2] \
                        and area[1] <= values[1] <= area[3]
                except (ValueError, TypeError):
                    continue
            if inside and (best is None or inside > best[0]):
                best = (inside, columns, crs)
    if best is None:
        return None
    inside, columns, crs = best
    if "x" in columns:
        lon, lat = (tr("longitude"), tr("latitude")) if crs == "EPSG:4326" else ("x", "y")
        how = tr("column {x} holds the {lon}, column {y} the {lat}").format(
            x=columns["x"], y=columns["y"], lon=lon, lat=lat)
    elif "latlon" in columns:
        how = tr("column {c} holds \"latitude, longitude\"").format(c=columns["latlon"])
    else:
        how = tr("column {c} holds WKT").format(c=columns["wkt"])
    return columns, crs, tr("{how}, {crs} ({n} points in France)").format(
        how=how, crs=crs, n=common.format_int(inside))


def _raw_xy(columns, attrs):
    """The (x, y) written in a record, in its own CRS (None if none)."""
    if "wkt" in columns:
        point = ogr.CreateGeometryFromWkt(str(attrs.get(columns["wkt"]) or ""))
        return None if point is None or point.GetGeometryName() != "POINT" else (
            point.GetX(), point.GetY())
    x, y = _pair(attrs.get(columns["latlon"]))[::-1] if "latlon" in columns else (
        attrs.get(columns["x"]), attrs.get(columns["y"]))
    if x in (None, "") or y in (None, ""):
        return None
    return _number(x), _number(y)


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


def _row(layout, r, report, streams):
    a, label = r.attrs, layout.label
    ident = layout.pick(a, "identifiant")
    where = ident or r.number
    try:
        point = layout.point(a, r.geom)
    except ValueError:
        report.defect(label, where, tr("coordinates"), tr("coordinates that are not numbers: "
                                                          "refused"), True)
        return None
    if point is None or point.IsEmpty():
        report.defect(label, where, tr("geometry"), tr("no coordinates: refused"), True)
        return None
    if point.GetGeometryName() != "POINT":
        report.defect(label, where, tr("geometry"), tr("not a point: refused"), True)
        return None
    x, y = point.GetX(), point.GetY()
    x0, y0, x1, y1 = common.LAMBERT93_EXTENT
    if not (x0 <= x <= x1 and y0 <= y <= y1):
        report.defect(label, where, tr("coordinates"), tr(
            "point outside the area of its CRS (swapped or wrong coordinates?): refused"), True)
        return None
    row = {"identifiant": str(ident) if ident is not None else "%s-%d" % (
               os.path.splitext(label)[0], r.number),
           "adresse": layout.pick(a, "adresse"), "observations": layout.pick(a, "observations"),
           "insee": layout.pick(a, "insee"), "statut": "service", "date_pose": None,
           "_point": point}
    status = layout.pick(a, "statut")
    if status is not None:
        row["statut"] = _statuses().get(_key(status))
        if row["statut"] is None:
            report.defect(label, where, tr("code list"), tr(
                "status {value} not in the equipement_statut list: in service "
                "assumed").format(value=status))
            row["statut"] = "service"
    posed = layout.pick(a, "date_pose")
    try:
        row["date_pose"] = common.iso_date(posed) if posed is not None else None
    except ValueError:
        report.defect(label, where, tr("date"), tr("date {value} is not a date: left "
                                                   "empty").format(value=posed))
    volume = layout.pick(a, "volume_l")
    try:
        row["volume_l"] = None if volume is None else _litres(volume)
    except ValueError:
        report.defect(label, where, tr("volume"), tr(
            "volume {value} is not a number of litres up to {max}: left empty").format(
                value=volume, max=common.format_int(MAX_LITRES)))
        row["volume_l"] = None
    delivered = layout.stream or layout.pick(a, "flux")
    # In a file of both (the SIT's own export), a kind of site and no stream
    # make a composter.
    if layout.kind == "composteur" or layout.kind is None and delivered is None and \
            layout.pick(a, "type_site") is not None:
        return _composter(layout, row, a, report, where)
    names = [s.strip() for s in re.split(r"[,;/|+]", str(delivered or "")) if s.strip()]
    codes = [stream_code(n, layout.streams) for n in names]
    for n, c in zip(names, codes):
        streams[(n, c)] = streams.get((n, c), 0) + 1
    if layout.kind == "pav" and "composteur" in codes or not codes or None in codes:
        unknown = [n for n, c in zip(names, codes) if c in (None, "composteur")]
        report.defect(label, where, tr("code list"), tr(
            "stream {names} not in the pav_flux list: refused").format(
                names=", ".join(unknown) or tr("(empty)")), True)
        return None
    if codes[0] == "composteur":
        return _composter(layout, row, a, report, where)
    row["_table"] = "pav"
    row["flux"] = codes[0]
    buried = layout.pick(a, "enterre")
    row["enterre"] = None if buried is None else (
        str(buried).strip().lower() in ("1", "o", "oui", "true", "yes", "enterre", "enterré"))
    if len(names) > 1:
        flux = tr("Streams: {names}").format(names=", ".join(names))
        row["observations"] = "%s — %s" % (row["observations"], flux) \
            if row["observations"] else flux
    return row


@functools.lru_cache(maxsize=1)
def _statuses():
    """Normalised code or label -> equipement_statut code."""
    return {_key(name): code for lst, code, label, _ in codelist_rows()
            if lst == "equipement_statut" for name in (code, label)}


def _composter(layout, row, a, report, where):
    """A composter's own fields: its kind of site (left empty and reported
    if unknown) and its referent structure."""
    row["_table"] = "composteur"
    row["structure_referente"] = layout.pick(a, "structure_referente")
    site = layout.pick(a, "type_site")
    row["type_site"] = None if site is None else (
        layout.sites.get(_key(site)) or SITES.get(_key(site).replace("_", "-")))
    if site is not None and row["type_site"] is None:
        report.defect(layout.label, where, tr("code list"), tr(
            "kind of site {value} not in the composteur_site list: left empty (a profile "
            "can name it in \"sites\")").format(value=site))
    return row
