"""Writing shapefiles (and attribute-only .dbf tables) the way deliveries
expect them: UTF-8 with its .cpg, Lambert-93 in an ESRI .prj, text fields
as wide as the standard says or as the longest value (never truncated).
A delivery is written into a temporary folder and moved into place whole.
"""
import os
import shutil
import tempfile
from contextlib import contextmanager

from osgeo import ogr, osr

from ..errors import SitError
from ..i18n import tr
from ..schema import SRID

# The dBASE limit on a field's width, in bytes.
MAX_WIDTH = 254
_DRIVER = "ESRI Shapefile"


@contextmanager
def delivery_folder(parent, name):
    """A temporary folder to fill, moved to `parent`/`name` when the block
    ends without error (and removed otherwise): never half a delivery."""
    target = os.path.join(os.path.abspath(parent), name)
    if os.path.exists(target):
        raise SitError(tr("{path} already exists: remove it or choose another folder.")
                       .format(path=target))
    try:
        os.makedirs(parent, exist_ok=True)
        tmp = tempfile.mkdtemp(prefix="." + name + ".", dir=parent)
    except OSError as e:
        raise SitError(tr("Cannot write {path}: {error}").format(path=target, error=e.strerror))
    try:
        yield tmp
        os.rename(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def write_table(path, fields, rows, geometry_type=ogr.wkbNone):
    """Write `rows` ([wkb or None] + values in the order of `fields`) to the
    .shp (or, without geometry, the .dbf) `path`. `fields` are (name, OGR
    type, standard width) with names in the case to write."""
    rows = list(rows)
    label = os.path.basename(path)
    ds = ogr.GetDriverByName(_DRIVER).CreateDataSource(path)
    if ds is None:
        raise SitError(tr("Cannot write {path}.").format(path=path))
    srs = None
    if geometry_type != ogr.wkbNone:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(SRID)
    layer = ds.CreateLayer(os.path.splitext(label)[0], srs, geometry_type,
                           ["ENCODING=UTF-8"])
    for i, (name, kind, width) in enumerate(fields, start=1):
        field = ogr.FieldDefn(name, kind)
        if kind == ogr.OFTString:
            field.SetWidth(_width(label, name, width, [r[i] for r in rows]))
        layer.CreateField(field)
    defn = layer.GetLayerDefn()
    for number, row in enumerate(rows, start=1):
        feature = ogr.Feature(defn)
        for i, value in enumerate(row[1:]):
            if value is not None:
                feature.SetField(i, value)
        if row[0] is not None:
            feature.SetGeometryDirectly(_geometry(row[0], geometry_type))
        if layer.CreateFeature(feature) != 0:
            raise SitError(tr("{file}, feature {n}: cannot be written.").format(
                file=label, n=number))
    ds = None


def _width(label, name, width, values):
    longest = max((len(str(v).encode("utf-8")) for v in values if v is not None), default=0)
    if longest > MAX_WIDTH:
        n = next(i for i, v in enumerate(values, start=1)
                 if v is not None and len(str(v).encode("utf-8")) == longest)
        raise SitError(tr("{file}, feature {n}: {field} holds {size} bytes, more than a "
                          "shapefile field can ({max}).").format(
                              file=label, n=n, field=name, size=longest, max=MAX_WIDTH))
    return max(width, longest, 1)


def _geometry(wkb, geometry_type):
    g = ogr.CreateGeometryFromWkb(bytes(wkb))
    if geometry_type == ogr.wkbPoint and g.GetGeometryType() == ogr.wkbMultiPoint:
        g = g.GetGeometryRef(0).Clone()
    return g


def point_type(wkbs):
    """wkbPoint when every multipoint of `wkbs` holds one point (what the
    templates use), else wkbMultiPoint."""
    single = all(ogr.CreateGeometryFromWkb(bytes(w)).GetGeometryCount() <= 1
                 for w in wkbs if w is not None)
    return ogr.wkbPoint if single else ogr.wkbMultiPoint
