"""What every import shares: finding the files of a delivery (file, folder
or zip), reading a layer into memory in EPSG:2154 and 2D with its text in the
right encoding, writing geometries, cancelling, and the HTML report.

Everything is read and checked before anything is written, so an import
either lands whole in one transaction or leaves the store as it was.
"""
import codecs
import datetime
import html
import math
import os
import shutil
import sqlite3
import stat
import struct
import tarfile
import tempfile
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from typing import List, Optional

from osgeo import gdal, ogr, osr

from .. import safe_csv
from ..errors import SitError
from ..i18n import tr
from ..schema import SRID
from ..storage import db

# Where Lambert-93 coordinates of metropolitan France can fall: a file
# without a .prj whose coordinates lie elsewhere is in another CRS.
LAMBERT93_EXTENT = (-400000.0, 5900000.0, 1600000.0, 7300000.0)


class ImportCancelled(SitError):
    """The user cancelled: the transaction is rolled back."""


# --- the files of a delivery ------------------------------------------------

# What an archive may expand to: a zip of a few MB can fill the disk. In all,
# and per entry as a multiple of its compressed size (real deliveries stay
# below 100: shapefile tables padded with blanks; zeros deflate 1 000 times).
MAX_EXTRACTED_BYTES = 4 * 1024 ** 3
MAX_RATIO = 500
# Below this size an entry's ratio says nothing (a few KB of blanks).
_RATIO_FLOOR = 1024 ** 2
_CHUNK = 1024 ** 2


@contextmanager
def delivery(path, max_bytes=MAX_EXTRACTED_BYTES, max_ratio=MAX_RATIO):
    """The folder (or single file) to read for `path`: a file, a folder, or
    a zip extracted to a temporary folder removed afterwards."""
    path = os.path.abspath(str(path or ""))
    if not os.path.exists(path):
        raise SitError(tr("{path} does not exist.").format(path=path))
    if os.path.isfile(path) and zipfile.is_zipfile(path):
        tmp = tempfile.mkdtemp(prefix="sit-import-")
        try:
            extract_zip(path, tmp, max_bytes, max_ratio)
            yield tmp
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    else:
        yield path


def extract_zip(path, folder, max_bytes=MAX_EXTRACTED_BYTES, max_ratio=MAX_RATIO):
    """Extract a zip into `folder`, entry by entry, after checking its
    directory: no entry outside the folder, no link, no bomb."""
    try:
        with zipfile.ZipFile(path) as z:
            entries = z.infolist()
            expansion = _Expansion(path, max_bytes, max_ratio)
            expansion.declare(sum(e.file_size for e in entries))
            for e in entries:
                if _inside(folder, e.filename) is None:
                    raise SitError(tr("{path}: the zip holds a file outside its folder "
                                      "({name}): refused.").format(path=path, name=e.filename))
                if stat.S_ISLNK(e.external_attr >> 16):
                    raise _unexpected(path, e.filename)
                expansion.check_ratio(e.filename, e.file_size, e.compress_size)
            for e in entries:
                target = _inside(folder, e.filename)
                if e.is_dir():
                    os.makedirs(target, exist_ok=True)
                else:
                    with z.open(e) as src:
                        expansion.copy(e.filename, src, target, e.compress_size)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as e:
        raise SitError(tr("{path} is not a readable zip: {error}").format(path=path, error=e))


def extract_tar(path, folder, max_bytes=MAX_EXTRACTED_BYTES, max_ratio=MAX_RATIO):
    """Extract a (bzip2/gzip) tar archive such as an EDIGEO sheet, member by
    member, each checked when its header is read: files and folders only
    (no link, device or fifo), inside `folder`, within the limits."""
    try:
        packed = os.path.getsize(path)
        expansion = _Expansion(path, max_bytes, max_ratio)
        declared = 0
        with tarfile.open(path) as t:
            for member in t:
                target = _inside(folder, member.name)
                if not (member.isfile() or member.isdir()) or target is None:
                    raise _unexpected(path, member.name)
                declared += member.size
                expansion.declare(declared)
                # A tar has no compressed size per member: the archive's as a whole.
                expansion.check_ratio(member.name, declared, packed)
                if member.isdir():
                    os.makedirs(target, exist_ok=True)
                else:
                    expansion.copy(member.name, t.extractfile(member), target, packed)
    except (tarfile.TarError, zlib.error, OSError, EOFError) as e:
        raise SitError(tr("{path} is not a readable archive: {error}").format(path=path, error=e))


def _unexpected(path, name):
    return SitError(tr("{path}: unexpected entry {name} in the archive: refused.")
                    .format(path=path, name=name))


def _inside(folder, name):
    """The path of archive entry `name` in `folder`, or None when it would
    land outside (absolute path, drive letter, "..": zip-slip)."""
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or ":" in parts[0] or ".." in parts:
        return None
    root = os.path.realpath(folder)
    target = os.path.realpath(os.path.join(root, *[p for p in parts if p not in ("", ".")]))
    return target if target.startswith(root + os.sep) or target == root else None


class _Expansion:
    """What an archive expands to, checked against the limits from its own
    directory first, then counted while extracting (headers can lie)."""

    def __init__(self, path, max_bytes, max_ratio):
        self.path, self.max_bytes, self.max_ratio = path, max_bytes, max_ratio
        self.written = 0

    def declare(self, total):
        if total > self.max_bytes:
            raise self._too_big()

    def check_ratio(self, name, size, packed):
        if size > _RATIO_FLOOR and size > self.max_ratio * max(packed, 1):
            raise SitError(tr("{path}: {name} expands to more than {ratio} times its compressed "
                              "size (an archive bomb?): refused.").format(
                                  path=self.path, name=name, ratio=self.max_ratio))

    def copy(self, name, src, target, packed):
        os.makedirs(os.path.dirname(target), exist_ok=True)
        size = 0
        with open(target, "wb") as out:
            for chunk in iter(lambda: src.read(_CHUNK), b""):
                size += len(chunk)
                self.written += len(chunk)
                if self.written > self.max_bytes:
                    raise self._too_big()
                self.check_ratio(name, size, packed)
                out.write(chunk)

    def _too_big(self):
        return SitError(tr("{path} expands to more than {limit} MB: refused.").format(
            path=self.path, limit=_mb(self.max_bytes)))


def _mb(n):
    return format_int(-(-n // 1024 ** 2))


def files_in(root, extensions):
    """Files under `root` (or `root` itself) whose name ends with one of
    `extensions` (lower case), sorted for reproducible reports."""
    if os.path.isfile(root):
        return [root] if root.lower().endswith(tuple(extensions)) else []
    found = []
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        found += [os.path.join(folder, n) for n in sorted(names)
                  if n.lower().endswith(tuple(extensions)) and not n.startswith(".")]
    return found


def require_files(path, root, extensions, what):
    """`files_in`, refusing an input that holds none of what is expected."""
    found = files_in(root, extensions)
    if not found:
        raise SitError(tr("{path} holds nothing usable: no {what} found.")
                       .format(path=path, what=what))
    return found


# --- encodings ---------------------------------------------------------------

_CPG_NAMES = {"UTF8": "utf-8", "UTF-8": "utf-8", "65001": "utf-8",
              "1252": "cp1252", "CP1252": "cp1252", "WINDOWS-1252": "cp1252",
              "ANSI 1252": "cp1252", "ANSI": "cp1252",
              "88591": "latin-1", "8859-1": "latin-1", "ISO-8859-1": "latin-1",
              "ISO88591": "latin-1", "LATIN1": "latin-1", "ISO-8859-15": "iso8859-15",
              "885915": "iso8859-15"}


def declared_encoding(shp_path):
    """The Python codec named by the shapefile's .cpg, or None without one."""
    base = os.path.splitext(shp_path)[0]
    for ext in (".cpg", ".CPG"):
        if os.path.exists(base + ext):
            with open(base + ext, "rb") as f:
                name = f.read().decode("ascii", "replace").strip().upper()
            codec = _CPG_NAMES.get(name) or _codec_or_none(name)
            if codec is None:
                raise SitError(tr("{path}: unknown encoding \"{name}\" declared in the .cpg "
                                  "file.").format(path=base + ext, name=name))
            return codec
    return None


def _codec_or_none(name):
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _looks_utf8(values):
    """True if the non-ASCII byte strings are all valid UTF-8 (and there are
    some): text that a single-byte codec would turn into mojibake."""
    seen = False
    for raw in values:
        if any(b > 127 for b in raw):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                return False
            seen = True
    return seen


def choose_encoding(path, raw_strings):
    """(codec, note) for the raw byte strings of a shapefile's table.

    The .cpg wins when the bytes agree with it. A contradiction (declared
    UTF-8 but not decodable, or declared single-byte but the text is UTF-8)
    is refused rather than imported as mojibake. Without a .cpg, UTF-8 when
    the bytes are valid UTF-8, else Windows-1252, and the report says so.
    """
    declared = declared_encoding(path)
    non_ascii = [r for r in raw_strings if not r.isascii()]
    if declared == "utf-8":
        for raw in non_ascii:
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                raise SitError(tr(
                    "{path}: the .cpg file declares UTF-8 but the text is not UTF-8 "
                    "(for example \"{sample}\"): fix the .cpg file (probably CP1252).")
                    .format(path=path, sample=raw.decode("cp1252", "replace")))
        return declared, tr("UTF-8 (declared in the .cpg file)")
    if declared:
        if _looks_utf8(non_ascii):
            raise SitError(tr(
                "{path}: the .cpg file declares {codec} but the text is UTF-8 (for example "
                "\"{sample}\"): fix the .cpg file (UTF-8).").format(
                    path=path, codec=declared, sample=non_ascii[0].decode("utf-8")))
        return declared, tr("{codec} (declared in the .cpg file)").format(codec=declared)
    if not non_ascii or _looks_utf8(non_ascii):
        return "utf-8", tr("UTF-8 (no .cpg file; the text is valid UTF-8)")
    return "cp1252", tr("Windows-1252 (no .cpg file; the text is not UTF-8)")


# --- reading a layer ---------------------------------------------------------

@dataclass
class Record:
    number: int                      # 1-based position in the source layer
    attrs: dict                      # lower-case field name -> value
    geom: Optional[ogr.Geometry]     # EPSG:2154, 2D; None when absent
    valid: bool = True               # geometry valid (OGC simple features)


@dataclass
class SourceLayer:
    path: str
    name: str
    fields: List[str]                # lower-case names
    records: List[Record]
    encoding_note: str = ""
    crs_note: str = ""

    @property
    def label(self):
        base = os.path.basename(self.path)
        return base if self.name in (base, os.path.splitext(base)[0]) else \
            "%s (%s)" % (base, self.name)


class _GdalErrors:
    """GDAL's messages while reading, kept instead of printed (GEOS's notices
    on invalid geometries among them). A reading error (truncated file...)
    raises RuntimeError in the exceptions mode `_reading` sets; GDAL < 3.7
    leaves that exception's text empty and gives the text to this handler."""
    def __init__(self):
        self.failures = []

    def __call__(self, level, number, message):
        if level >= gdal.CE_Failure:
            self.failures.append(message)

    def message(self, error):
        return str(error) or (self.failures[0] if self.failures else "")


@contextmanager
def _reading(errors):
    """GDAL and OGR in exceptions mode with `errors` as handler, the previous
    modes restored afterwards: GDAL >= 3.7 raises reading errors whenever
    exceptions are on (a handler no longer sees them), and before 3.7
    gdal.UseExceptions() did not cover OGR, so one mode for both is set here.
    GDAL < 3.7 keeps a stack of handlers: undone in reverse order."""
    before = gdal.GetUseExceptions(), ogr.GetUseExceptions()
    if not before[0]:
        gdal.UseExceptions()
    if not ogr.GetUseExceptions():
        ogr.UseExceptions()
    gdal.PushErrorHandler(errors)
    try:
        yield
    finally:
        gdal.PopErrorHandler()
        if not before[1] and ogr.GetUseExceptions():
            ogr.DontUseExceptions()
        if not before[0] and gdal.GetUseExceptions():
            gdal.DontUseExceptions()


def open_vector(path, options=()):
    try:
        ds = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_READONLY, open_options=list(options))
    except RuntimeError as e:
        raise SitError(tr("{path} cannot be read: {error}").format(path=path, error=e))
    if ds is None:
        raise SitError(tr("{path} cannot be read as vector data.").format(path=path))
    return ds


def read_layer(path, layer=None, assume_srid=None, feedback=None, options=(), fields=None):
    """Read a whole layer of `path` (first layer unless `layer` names one).

    Geometries are made 2D and reprojected to EPSG:2154. A layer without a
    CRS is accepted only when `assume_srid` says what it is (GeoJSON: 4326)
    or, for a shapefile without .prj, when its coordinates lie in
    Lambert-93's range; otherwise the file is refused. `fields` (lower-case
    names) limits the attributes read: GDAL skips the others.
    """
    base, ext = os.path.splitext(path)
    if ext.lower() == ".shp" and not any(os.path.exists(base + e) for e in (".dbf", ".DBF")):
        # GDAL would read the shapes without a single attribute.
        raise SitError(tr("{path}: its attribute table ({name}.dbf) is missing: add it.")
                       .format(path=path, name=os.path.basename(base)))
    errors = _GdalErrors()
    with _reading(errors):
        return _read_layer(path, layer, assume_srid, feedback, errors, options, fields)


def _read_layer(path, layer, assume_srid, feedback, errors, options, wanted):
    is_shp = path.lower().endswith((".shp", ".dbf"))   # text bytes decoded here
    ds = open_vector(path, (["ENCODING="] if is_shp else []) + list(options))
    lyr = ds.GetLayerByName(layer) if layer else ds.GetLayer(0)
    if lyr is None:
        raise SitError(tr("{path}: no layer {layer}.").format(path=path, layer=layer))
    defn = lyr.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName().lower() for i in range(defn.GetFieldCount())]
    columns = range(defn.GetFieldCount())
    if wanted is not None:
        lyr.SetIgnoredFields([defn.GetFieldDefn(i).GetName() for i in columns
                              if names[i] not in wanted])
        columns = [i for i in columns if names[i] in wanted]
    # Typed getters: OGR's generic GetField costs a third of the reading.
    readers = [(i, _getter(defn.GetFieldDefn(i).GetType(), is_shp)) for i in columns]
    raw_rows = []
    total = max(lyr.GetFeatureCount(), 1)
    try:
        for n, feat in enumerate(lyr, start=1):
            if feedback is not None and feedback.isCanceled():
                raise ImportCancelled(tr("Import cancelled: nothing was written."))
            if n % 1000 == 0:
                progress(feedback, 80.0 * n / total)
            values = [get(feat, i) if feat.IsFieldSetAndNotNull(i) else None
                      for i, get in readers]
            g = feat.GetGeometryRef()
            raw_rows.append((n, values, g.Clone() if g is not None else None))
    except RuntimeError as e:
        raise SitError(tr("{path} is damaged (truncated or corrupt?) near feature {n}: "
                          "{error}").format(path=path, n=len(raw_rows) + 1,
                                            error=errors.message(e)))
    srs = lyr.GetSpatialRef()
    source = SourceLayer(path, lyr.GetName(), names, [])
    decode = lambda v: v  # noqa: E731
    if is_shp:
        codec, source.encoding_note = choose_encoding(
            path, [v for _, vals, _ in raw_rows for v in vals if isinstance(v, bytes)])
        decode = lambda v: v.decode(codec).strip() if isinstance(v, bytes) else v  # noqa: E731
    transform, source.crs_note = _transform_to_l93(path, srs, assume_srid,
                                                   [g for _, _, g in raw_rows if g])
    names = [names[i] for i in columns]    # the attributes read
    for n, values, g in raw_rows:
        valid = True
        if g is not None:
            g.FlattenTo2D()
            if transform is not None:
                g.Transform(transform)
            valid = g.IsValid()
        source.records.append(Record(n, dict(zip(names, map(decode, values))), g, valid))
    return source


def _getter(kind, raw_strings):
    if kind == ogr.OFTDate:
        return _iso_date
    if kind == ogr.OFTDateTime:
        return ogr.Feature.GetFieldAsString
    if kind == ogr.OFTString:
        # Shapefile text is read as bytes and decoded once its encoding is known.
        return ((lambda f, i: bytes(f.GetFieldAsBinary(i))) if raw_strings
                else ogr.Feature.GetFieldAsString)
    return {ogr.OFTInteger: ogr.Feature.GetFieldAsInteger,
            ogr.OFTInteger64: ogr.Feature.GetFieldAsInteger64,
            ogr.OFTReal: ogr.Feature.GetFieldAsDouble}.get(kind, ogr.Feature.GetField)


# The store's integer columns are 32-bit (PostgreSQL's integer).
INTEGER_RANGE = (-2 ** 31, 2 ** 31 - 1)


def as_integer(value):
    """`value` (a number or its text) rounded to an integer the store can
    hold; ValueError for anything else (text, inf, NaN, out of range)."""
    number = as_real(value)
    if not INTEGER_RANGE[0] <= number <= INTEGER_RANGE[1]:
        raise ValueError(value)
    return int(round(number))


def as_real(value):
    """`value` (a number or its text) as a finite float; ValueError for
    anything else: inf, 1e999 (inf too) and NaN are no measure."""
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(value)
    return number


# Dates as deliveries write them; stored as ISO text (a date column on PostgreSQL).
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%Y%m%d")


def iso_date(value):
    """The ISO text (YYYY-MM-DD) of a date written in one of DATE_FORMATS (a
    time after it is ignored); ValueError for anything else."""
    text = str(value).strip()[:10]
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(value)


def _iso_date(feature, i):
    """A date as ISO text: OGR's own text (YYYY/MM/DD) would be stored as is
    in a GeoPackage and read back from PostgreSQL as YYYY-MM-DD, so a re-run
    would see every date changed."""
    return "%04d-%02d-%02d" % tuple(feature.GetFieldAsDateTime(i)[:3])


def _transform_to_l93(path, srs, assume_srid, geoms):
    target = osr.SpatialReference()
    target.ImportFromEPSG(SRID)
    target.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    if not geoms:
        return None, tr("no geometry")
    if srs is None and assume_srid:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(assume_srid)
    if srs is None:
        env = _envelope(geoms)
        x0, y0, x1, y1 = LAMBERT93_EXTENT
        if env is None or (x0 <= env[0] and env[1] <= x1 and y0 <= env[2] and env[3] <= y1):
            return None, tr("no CRS declared: coordinates in the Lambert-93 range, "
                            "read as EPSG:2154")
        raise SitError(tr("{path} declares no coordinate reference system (no .prj file) and "
                          "its coordinates are not Lambert-93 (EPSG:2154): add the .prj file.")
                       .format(path=path))
    srs = srs.Clone()
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    if srs.IsSame(target) or srs.GetAuthorityCode(None) == str(SRID):
        return None, "EPSG:2154"
    name = srs.GetName() or "?"
    return osr.CoordinateTransformation(srs, target), tr("{crs}, reprojected to EPSG:2154") \
        .format(crs=name)


def _envelope(geoms):
    env = None
    for g in geoms:
        e = g.GetEnvelope()   # minx, maxx, miny, maxy
        env = e if env is None else (min(env[0], e[0]), max(env[1], e[1]),
                                     min(env[2], e[2]), max(env[3], e[3]))
    return env


def multi_wkb(geom):
    """ISO WKB of `geom` as its multi type (the store's polygons and lines
    are multi): a single part is wrapped by prefixing a multi header, far
    cheaper than OGR's conversion on tens of thousands of parcels."""
    single = bytes(geom.ExportToIsoWkb(ogr.wkbNDR))
    kind = struct.unpack("<I", single[1:5])[0]
    if kind in (ogr.wkbPoint, ogr.wkbLineString, ogr.wkbPolygon):
        return b"\x01" + struct.pack("<II", kind + 3, 1) + single
    return single


def wkb(geom):
    return None if geom is None else bytes(geom.ExportToIsoWkb(ogr.wkbNDR))


def upsert(conn, table, key, columns, rows, geometry=True):
    """Write `rows` (dicts with `key`, `columns` and "geom" as WKB) into
    `table` keyed on `key`: new keys are inserted, changed rows updated in
    place (their uuid is kept), identical rows left alone, so a re-run
    writes nothing. Returns (created, updated, unchanged) counts."""
    d = db.dialect(conn)
    fields = [key] + list(columns)
    names = ", ".join(map(d.quote, fields))
    existing = {}
    for r in conn.execute("SELECT %s%s FROM %s" % (
            names, ", ST_AsBinary(geom)" if geometry else "", d.quote(table))):
        existing[r[0]] = tuple(r[1:])
    created, updated, same = [], [], 0
    for row in rows:
        values = tuple(row.get(c) for c in columns) + ((row["geom"],) if geometry else ())
        old = existing.get(row[key])
        if old is None:
            created.append((row[key],) + values)
        elif old != values:
            updated.append(values + (row[key],))
        else:
            same += 1
    marks = ["?"] * len(fields) + ([d.geom_from_wkb] if geometry else [])
    assignments = ["%s = ?" % d.quote(c) for c in columns] + (
        ["geom = %s" % d.geom_from_wkb] if geometry else [])
    with store_rules(table):
        d.insert_many(conn, "INSERT INTO %s (%s%s)" % (
            d.quote(table), names, ", geom" if geometry else ""),
            "(%s)" % ", ".join(marks), created)
        conn.executemany("UPDATE %s SET %s WHERE %s = ?" % (
            d.quote(table), ", ".join(assignments), d.quote(key)), updated)
    return len(created), len(updated), same


@contextmanager
def store_rules(table):
    """A rule of the store (constraint, code list, trigger) refusing a row is
    the delivery's fault, not a crash: say so, the transaction rolls back."""
    try:
        yield
    except sqlite3.IntegrityError as e:     # PostgreSQL's too (core/db.py)
        raise SitError(tr("Table {table} refused the delivery: {error}. Nothing was written.")
                       .format(table=table, error=e))


def insert_features(conn, table, columns, rows):
    """INSERT `rows` (WKB first, then `columns`) into `table`."""
    d = db.dialect(conn)
    with store_rules(table):
        d.insert_many(conn, "INSERT INTO %s (geom, %s)" % (
            d.quote(table), ", ".join(map(d.quote, columns))),
            "(%s, %s)" % (d.geom_from_wkb, ", ".join("?" * len(columns))), rows)


def bulk_insert(conn, table, columns, rows, envelopes):
    """INSERT `rows` (WKB first, then `columns`) into `table`, many at once.

    On a GeoPackage, the R-tree is filled from `envelopes` ((minx, maxx,
    miny, maxy) per row, computed by OGR) rather than through the per-row
    trigger, which parses every blob four times; GDAL's GeoPackage driver
    defers its spatial index the same way. Must run inside the caller's
    transaction: the trigger is dropped and re-created with its own SQL, so
    a rollback restores everything. PostgreSQL keeps its GiST index and
    statement-level triggers as they are: they cost little there."""
    if not envelopes:
        return
    if db.dialect(conn) is db.POSTGRES:
        insert_features(conn, table, columns, rows)
        return
    index = "rtree_%s_geom" % table
    deferred = ["%s_insert" % index, "%s_last_change_insert" % table]
    saved = [sql for (sql,) in conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN (?, ?)", deferred)]
    start = conn.execute("SELECT coalesce(max(fid), 0) FROM %s" % table).fetchone()[0]
    for name in deferred:
        conn.execute('DROP TRIGGER IF EXISTS "%s"' % name)
    insert_features(conn, table, columns, rows)
    fids = [fid for (fid,) in conn.execute(
        "SELECT fid FROM %s WHERE fid > ? ORDER BY fid" % table, (start,))]
    conn.executemany("INSERT INTO %s VALUES (?, ?, ?, ?, ?)" % index,
                     ((fid,) + tuple(env) for fid, env in zip(fids, envelopes)))
    conn.execute("UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                 "WHERE table_name = ?", (table,))
    for sql in saved:
        conn.execute(sql)


def twin_key(key, seen):
    """A key for the second feature delivered under `key`: `key`-2, -3...
    Same suffix on every run (delivery order), so re-runs stay idempotent;
    refusing the feature would lose it, merging would invent one."""
    n = 2
    while "%s-%d" % (key, n) in seen:
        n += 1
    return "%s-%d" % (key, n)


def progress(feedback, percent):
    """Move the Processing progress bar (reading is 0-80 %, writing the rest)."""
    if hasattr(feedback, "setProgress"):
        feedback.setProgress(min(percent, 100.0))


def check_cancel(feedback):
    if feedback is not None and feedback.isCanceled():
        raise ImportCancelled(tr("Import cancelled: nothing was written."))


# --- report ------------------------------------------------------------------

@dataclass
class Defect:
    layer: str
    feature: str
    rule: str
    message: str
    blocking: bool = False      # an error (refused, or blocks a strict import), else a warning


class Report:
    """What an import read, landed and refused, as an HTML page in the
    user's language (French for the Park)."""

    def __init__(self, title, source):
        self.title = title
        self.source = source
        self.notes = []
        self.sections = []              # (title, headers, rows)
        self.defects = []
        self.outcome = ""
        self.refused = False            # blocking defects: nothing was written

    def note(self, text):
        self.notes.append(text)

    def table(self, title, headers, rows, max_rows=None):
        """A table of the report; beyond `max_rows` (a first import lists
        tens of thousands of parcels) a last row says how many are left out."""
        rows = [list(r) for r in rows]
        if max_rows is not None and len(rows) > max_rows:
            more = len(rows) - max_rows
            rows = rows[:max_rows] + [[tr("… and {n} more").format(n=format_int(more))]
                                      + [""] * (len(headers) - 1)]
        self.sections.append((title, list(headers), rows))

    def defect(self, layer, feature, rule, message, blocking=False):
        self.defects.append(Defect(layer, str(feature), rule, message, blocking))

    def html(self):
        e = html.escape
        now = datetime.datetime.now().strftime("%d/%m/%Y %H:%M")
        out = ["<!DOCTYPE html>", '<html lang="fr"><head><meta charset="utf-8">',
               "<title>%s</title>" % e(self.title),
               "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;"
               "margin:1em 0}td,th{border:1px solid #999;padding:.2em .5em;text-align:left}"
               "td.n{text-align:right}</style>",
               "</head><body>", "<h1>%s</h1>" % e(self.title),
               "<p>%s</p>" % e(tr("Source: {source}").format(source=self.source)),
               "<p>%s</p>" % e(tr("Run on {date}").format(date=now))]
        if self.outcome:
            out.append("<p><strong>%s</strong></p>" % e(self.outcome))
        if self.notes:
            out.append("<ul>%s</ul>" % "".join("<li>%s</li>" % e(n) for n in self.notes))
        for title, headers, rows in self.sections:
            out.append(_html_table(title, headers, rows))
        out.append(_html_table(
            tr("Defects ({n})").format(n=len(self.defects)),
            [tr("Layer"), tr("Feature"), tr("Rule"), tr("Message"), tr("Level")],
            [[d.layer, d.feature, d.rule, d.message, _level(d)] for d in self.defects]))
        out.append("</body></html>")
        return "\n".join(out)

    def write(self, path):
        if not path:
            return None
        try:
            with open(path, "w", encoding="utf-8") as f:
                f.write(self.html())
        except OSError as e:
            raise SitError(tr("Cannot write the report {path}: {error}")
                           .format(path=path, error=e))
        return path


    def write_defects(self, path):
        """The defects as a CSV table (opens as a layer in QGIS)."""
        if not path:
            return None
        try:
            with open(path, "w", encoding="utf-8", newline="") as f:
                out = safe_csv.writer(f)
                out.writerow(["layer", "feature", "rule", "message", "level"])
                out.writerows([d.layer, d.feature, d.rule, d.message, _level(d)]
                              for d in self.defects)
        except OSError as e:
            raise SitError(tr("Cannot write the report {path}: {error}")
                           .format(path=path, error=e))
        return path


def _level(defect):
    return tr("error") if defect.blocking else tr("warning")


def _html_table(title, headers, rows):
    e = html.escape

    def cell(v):
        if isinstance(v, int) and not isinstance(v, bool):
            return '<td class="n">%s</td>' % e(format_int(v))
        return "<td>%s</td>" % e("" if v is None else str(v))
    body = "".join("<tr>%s</tr>" % "".join(cell(v) for v in r) for r in rows)
    if not rows:
        body = '<tr><td colspan="%d">%s</td></tr>' % (len(headers), e(tr("none")))
    return "<h2>%s</h2><table><tr>%s</tr>%s</table>" % (
        e(title), "".join("<th>%s</th>" % e(h) for h in headers), body)


def format_int(n):
    """French thousands separator: 60 000."""
    return "{:,}".format(n).replace(",", "\u202f")
