"""Exports the Park delivers, read back: drop-off points as GeoJSON with
OpenStreetMap tags, the PLUi as a CNIG delivery, the networks as RAEPA 1.2."""
import json
import os

import pytest
from osgeo import ogr, osr

from sit_chartreuse.core.errors import SitError
from sit_chartreuse.core.exports.pav import export_pav
from sit_chartreuse.core.imports import pav
from sit_chartreuse.core.storage import store

NANTES = "pav_conteneurs_nantes_metropole_2018_4326.geojson"


def _wgs84(conn, table):
    """uuid -> (lon, lat) of the store's points, reprojected by GDAL."""
    target = osr.SpatialReference()
    target.ImportFromEPSG(4326)
    target.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    source = osr.SpatialReference()
    source.ImportFromEPSG(2154)
    transform = osr.CoordinateTransformation(source, target)
    points = {}
    for uuid, wkb in conn.execute("SELECT uuid, ST_AsBinary(geom) FROM %s" % table):
        g = ogr.CreateGeometryFromWkb(bytes(wkb))
        g.Transform(transform)
        points[uuid] = (g.GetX(), g.GetY())
    return points


def test_pav_export_carries_osm_tags_per_stream(shared_data, store_location, run_algorithm,
                                                tmp_path):
    conn = store.open_store(store_location)
    pav.import_pav(conn, os.path.join(shared_data, "pav", NANTES))
    pav.import_pav(conn, os.path.join(shared_data, "pav", "lyon_composteurs"))
    expected = {t: _wgs84(conn, t) for t in ("pav", "composteur")}
    streams = dict(conn.execute("SELECT uuid, flux FROM pav"))
    conn.close()
    out = str(tmp_path / "pav.geojson")
    run_algorithm("exportpav", {"STORE": str(store_location), "OUTPUT": out})
    with open(out, encoding="utf-8") as f:
        collection = json.load(f)
    features = collection["features"]
    by_table = {t: {f["properties"]["sit:uuid"]: f for f in features
                    if f["properties"]["sit:table"] == t} for t in ("pav", "composteur")}
    assert {t: len(v) for t, v in by_table.items()} == {"pav": 1418, "composteur": 41}
    assert set(by_table["pav"]) == set(expected["pav"])
    tags_by_stream = {}
    for uuid, feature in by_table["pav"].items():
        properties = dict(feature["properties"])
        assert properties.pop("sit:flux") == streams[uuid]
        for key in ("sit:uuid", "sit:table", "ref", "addr:full", "sit:insee"):
            properties.pop(key, None)
        tags_by_stream.setdefault(streams[uuid], []).append(properties)
    glass = {"amenity": "recycling", "recycling_type": "container",
             "recycling:glass_bottles": "yes"}
    assert tags_by_stream["verre"] == [glass] * 883
    assert tags_by_stream["papier"] == [{"amenity": "recycling", "recycling_type": "container",
                                         "recycling:paper": "yes",
                                         "recycling:cardboard": "yes"}] * 45
    assert tags_by_stream["emballages"] == [{
        "amenity": "recycling", "recycling_type": "container",
        "recycling:plastic_packaging": "yes", "recycling:cans": "yes"}] * 154
    # Residual waste is not recycled: a waste disposal, without recycling_type.
    assert tags_by_stream["omr"] == [{"amenity": "waste_disposal"}] * 336
    for feature in by_table["composteur"].values():
        p = feature["properties"]
        assert (p["amenity"], p["recycling_type"], p["recycling:organic"]) == (
            "recycling", "container", "yes")
        assert p["sit:type_site"] in ("etablissement", "quartier")
    assert by_table["pav"][next(u for u in streams)]["properties"]["ref"]
    for table, points in expected.items():
        for uuid, (lon, lat) in points.items():
            x, y = by_table[table][uuid]["geometry"]["coordinates"]
            assert abs(x - lon) < 1e-6 and abs(y - lat) < 1e-6
    # In Nantes, longitude first.
    x, y = by_table["pav"][next(iter(expected["pav"]))]["geometry"]["coordinates"]
    assert -1.8 < x < -1.4 and 47.1 < y < 47.3


def test_pav_export_to_a_missing_folder_names_the_file(store_location, tmp_path):
    conn = store.open_store(store_location)
    path = str(tmp_path / "nowhere" / "pav.geojson")
    with pytest.raises(SitError, match="Cannot write .*nowhere/pav.geojson"):
        export_pav(conn, path)
    conn.close()
