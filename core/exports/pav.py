"""Drop-off points and composters as GeoJSON (RFC 7946: WGS 84 longitude,
latitude) with OpenStreetMap tags, ready for an import into OSM or a map.

A container is `amenity=recycling` + `recycling_type=container` with the
tags of its stream (the description of the `pav_flux` code list: residual
waste is `amenity=waste_disposal` there, not recycling); a shared composter
is a container for organic waste. Each feature also carries the SIT's uuid
and identifier (`ref`), so that a feature can be traced back to the store,
and its other attributes as `sit:<field>`: `importpav` reads the file back.
"""
import json
import os

from osgeo import ogr, osr

from ..errors import SitError
from ..i18n import tr
from ..schema import SRID

CONTAINER = {"amenity": "recycling", "recycling_type": "container"}
# The attributes written as sit:<field> (identifiant and adresse are OSM's
# ref and addr:full), per table.
ATTRIBUTES = {"pav": ("flux", "volume_l", "enterre", "insee", "statut", "date_pose",
                      "observations"),
              "composteur": ("type_site", "volume_l", "structure_referente", "insee", "statut",
                             "date_pose", "observations")}
COMPOSTER = dict(CONTAINER, **{"recycling:organic": "yes"})
# 1e-7 degree is about 1 cm: more digits would only be noise.
DIGITS = 7


def stream_tags(conn):
    """pav_flux code -> its OSM tags, from the code list of the store."""
    return {code: dict(tag.split("=", 1) for tag in (description or "").split(";") if tag)
            for code, description in conn.execute(
                "SELECT code, description FROM codelist WHERE list = 'pav_flux'")}


def _tags(base, extra):
    tags = dict(base, **extra)
    if tags["amenity"] != "recycling":   # waste_disposal has no recycling_type
        del tags["recycling_type"]
    return tags


def export_pav(conn, path):
    """Write the store's drop-off points and composters to the GeoJSON file
    `path`. Returns {"pav": n, "composteur": n}."""
    to_wgs84 = osr.CoordinateTransformation(_srs(SRID), _srs(4326))
    by_stream = stream_tags(conn)
    features, counts = [], {}
    for table, attributes in ATTRIBUTES.items():
        rows = conn.execute(
            "SELECT uuid, identifiant, adresse, ST_AsBinary(geom), %s FROM %s "
            "WHERE geom IS NOT NULL ORDER BY identifiant, uuid" % (", ".join(attributes), table)
        ).fetchall()
        counts[table] = len(rows)
        for uuid, identifiant, address, wkb, *values in rows:
            tags = _tags(CONTAINER, by_stream.get(values[0], {})) if table == "pav" else dict(
                COMPOSTER)
            point = ogr.CreateGeometryFromWkb(bytes(wkb))
            point.Transform(to_wgs84)
            properties = dict(tags, **{"sit:table": table, "sit:uuid": uuid})
            for key, value in [("ref", identifiant), ("addr:full", address)] + [
                    ("sit:" + a, v) for a, v in zip(attributes, values)]:
                if value is not None and value != "":
                    properties[key] = _json(key, value)
            features.append({"type": "Feature", "properties": properties, "geometry": {
                "type": "Point",
                "coordinates": [round(point.GetX(), DIGITS), round(point.GetY(), DIGITS)]}})
    try:
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"type": "FeatureCollection", "features": features}, f,
                      ensure_ascii=False)
    except OSError as e:
        raise SitError(tr("Cannot write {path}: {error}").format(
            path=os.path.abspath(path), error=e.strerror))
    return counts


def _json(key, value):
    """A store value as JSON: enterre a boolean (SQLite holds 0 or 1), a
    date ISO text (PostgreSQL's datetime.date)."""
    if key == "sit:enterre":
        return bool(value)
    if isinstance(value, (int, float, str)):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _srs(epsg):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    # Longitude first, as GeoJSON wants (EPSG:4326's own order is lat, lon).
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs
