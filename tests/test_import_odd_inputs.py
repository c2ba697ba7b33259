"""Odd files that ended in a Python traceback (issue 12, point 16): each now
gets a message naming the file (and line or feature), and the store stays
as it was, on both backends."""
import json
import os
import shutil

import pytest
from osgeo import ogr, osr

from sit_chartreuse.core.storage import store
from sit_chartreuse.core.errors import SitError
from sit_chartreuse.core.imports import ads, cadastre, plu, raepa
from import_helpers import last_changes, snapshot

RAEPA_TABLES = ("raepa_canalaep_l", "raepa_apparaep_p")
ADS_TABLES = ("ads_dossier", "ads_dossier_parcelle")
HUGE = 200 * 1024          # over csv's field limit (128 KiB)
NUMBERS = ["inf", "1e30", "1e999999999", "-Infinity", "NaN"]


@pytest.fixture
def etalab(shared_data):
    return os.path.join(shared_data, "cadastre",
                        "derived_etalab_format_cadastre-25354-parcelles.json")


def _pipes(path, diameters, kind=ogr.OFTString):
    """Two AEP pipes (RAEPA names) whose diameters are `diameters`."""
    ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    layer = ds.CreateLayer(os.path.basename(path)[:-4], srs, ogr.wkbLineString)
    layer.CreateField(ogr.FieldDefn("idcana", ogr.OFTString))
    layer.CreateField(ogr.FieldDefn("diametre", kind))
    for i, diameter in enumerate(diameters):
        f = ogr.Feature(layer.GetLayerDefn())
        f.SetField("idcana", "C%d" % i)
        f.SetField("diametre", diameter)
        f.SetGeometry(ogr.CreateGeometryFromWkt(
            "LINESTRING (900000 %d, 900100 %d)" % (6470000 + i, 6470000 + i)))
        layer.CreateFeature(f)
    ds = None
    return path


def test_a_shapefile_without_its_table_is_refused(store_location, tmp_path, shared_data):
    conn = store.open_store(store_location)
    folder = tmp_path / "reseau"
    folder.mkdir()
    _pipes(str(folder / "canalisations_aep.shp"), ["150", "200"])
    raepa.import_raepa(conn, str(folder))
    before = snapshot(conn, RAEPA_TABLES), last_changes(conn)
    os.remove(str(folder / "canalisations_aep.dbf"))
    with pytest.raises(SitError, match=r"canalisations_aep\.shp: its attribute table "
                                       r"\(canalisations_aep\.dbf\) is missing"):
        raepa.import_raepa(conn, str(folder))
    # The same for the zones of a PLU delivery.
    delivery = str(tmp_path / "plu")
    shutil.copytree(os.path.join(shared_data, "plu-cnig", "241800432_PLUi_20200128"), delivery)
    os.chmod(os.path.join(delivery, "Donnees_geographiques"), 0o755)
    os.remove(os.path.join(delivery, "Donnees_geographiques",
                           "241800432_ZONE_URBA_20200128.dbf"))
    with pytest.raises(SitError, match=r"241800432_ZONE_URBA_20200128\.shp: its attribute "
                                       r"table .* is missing"):
        plu.import_plu(conn, delivery)
    assert (snapshot(conn, RAEPA_TABLES), last_changes(conn)) == before


@pytest.mark.parametrize("value", NUMBERS)
def test_raepa_numbers_out_of_range_are_reported_and_left_empty(store_location, tmp_path,
                                                                value):
    """RAEPA's rule for a value that does not fit its column: reported with
    its file, feature and field, left empty; the rest lands."""
    conn = store.open_store(store_location)
    path = _pipes(str(tmp_path / "canalisations_aep.shp"), ["150", value])
    report = raepa.import_raepa(conn, path)
    assert conn.execute("SELECT idcana, diametre FROM raepa_canalaep_l ORDER BY idcana")\
        .fetchall() == [("C0", 150), ("C1", None)]
    assert [(d.layer, d.feature, d.message) for d in report.defects if d.rule == "type"] == [
        ("canalisations_aep.shp", "2", "diametre = %s is not a integer: left empty" % value)]


def test_raepa_real_numbers_out_of_range(store_location, tmp_path):
    conn = store.open_store(store_location)
    path = _pipes(str(tmp_path / "canalisations_aep.shp"), [1e30, 150.0], ogr.OFTReal)
    report = raepa.import_raepa(conn, path)
    assert conn.execute("SELECT idcana, diametre FROM raepa_canalaep_l ORDER BY idcana")\
        .fetchall() == [("C0", None), ("C1", 150)]
    assert [d.feature for d in report.defects if d.rule == "type"] == ["1"]


def _etalab_with(etalab, path, idu, **properties):
    with open(etalab, encoding="utf-8") as f:
        data = json.load(f)
    feature = next(f for f in data["features"] if f["id"] == idu)
    feature["properties"].update(properties)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f)
    return next(n for n, f in enumerate(data["features"], 1) if f["id"] == idu)


@pytest.mark.parametrize("contenance", NUMBERS + ["12 m²", "-5e99"])
def test_a_bad_contenance_refuses_its_parcel_only(etalab, store_location, tmp_path,
                                                  contenance):
    conn = store.open_store(store_location)
    cadastre.import_cadastre(conn, etalab, millesime=2025)
    before = snapshot(conn, ("parcelle",)), last_changes(conn)
    path = str(tmp_path / "cadastre-25354-parcelles.json")
    _etalab_with(etalab, path, "25354000AB0001", contenance=contenance)
    report = cadastre.import_cadastre(conn, path, millesime=2025)
    assert [(d.layer, d.feature, d.message) for d in report.defects] == [
        ("cadastre-25354-parcelles.json", "25354000AB0001",
         'contenance "%s" is not an area in m²: refused' % contenance)]
    assert report.outcome == "0 parcels created, 0 changed, 0 gone, 510 unchanged."
    assert (snapshot(conn, ("parcelle",)), last_changes(conn)) == before


def test_a_huge_or_deeply_nested_geojson_value(etalab, store_location, tmp_path):
    conn = store.open_store(store_location)
    cadastre.import_cadastre(conn, etalab, millesime=2025)
    before = snapshot(conn, ("parcelle",)), last_changes(conn)
    path = str(tmp_path / "cadastre-25354-parcelles.json")
    number = _etalab_with(etalab, path, "25354000AB0001", id="9" * HUGE)
    report = cadastre.import_cadastre(conn, path, millesime=2025)
    assert [(d.layer, d.feature, d.rule) for d in report.defects] == [
        ("cadastre-25354-parcelles.json", str(number), "parcel identifier")]
    assert (snapshot(conn, ("parcelle",)), last_changes(conn)) == before
    with open(path, "w") as f:
        f.write('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
                '{"id": "25354000AB0001", "x": %s%s}, "geometry": null}]}'
                % ("[" * 100000, "]" * 100000))
    with pytest.raises(SitError, match=r"cadastre-25354-parcelles\.json cannot be read"):
        cadastre.import_cadastre(conn, path, millesime=2025)
    assert (snapshot(conn, ("parcelle",)), last_changes(conn)) == before


def test_plu_numbers_that_are_no_number(store_location, tmp_path, shared_data):
    """DATVALID delivered as a real number field holding inf and 1e30:
    reported with their layer and feature, no traceback."""
    delivery = str(tmp_path / "plu")
    shutil.copytree(os.path.join(shared_data, "plu-cnig", "241800432_PLUi_20200128"), delivery)
    os.chmod(os.path.join(delivery, "Donnees_geographiques"), 0o755)
    zones = os.path.join(delivery, "Donnees_geographiques", "241800432_ZONE_URBA_20200128.shp")
    for ext in (".shp", ".shx", ".dbf"):
        os.chmod(zones[:-4] + ext, 0o644)
    ds = ogr.Open(zones, 1)
    layer = ds.GetLayer(0)
    layer.DeleteField(layer.GetLayerDefn().GetFieldIndex("DATVALID"))
    layer.CreateField(ogr.FieldDefn("DATVALID", ogr.OFTReal))
    for fid, value in ((0, float("inf")), (1, 1e30), (2, 20200128.0)):
        f = layer.GetFeature(fid)
        f.SetField("DATVALID", value)
        layer.SetFeature(f)
    ds = None
    conn = store.open_store(store_location)
    report = plu.import_plu(conn, delivery)
    found = [(d.feature.split()[0], d.rule, d.message) for d in report.defects
             if d.layer == "241800432_ZONE_URBA_20200128.shp" and d.feature[:2] in ("1 ", "2 ")]
    assert ("1", "number", "DATVALID = inf is no number: left empty") in found
    assert [rule for n, rule, _ in found if n == "2"] == ["date"]   # a number, not a date
    assert conn.execute("SELECT count(*) FROM zone_urba WHERE datvalid = '20200128'")\
        .fetchone()[0] >= 1


# --- ADS exports and profiles ----------------------------------------------------------

def _ads_state(conn):
    return snapshot(conn, ADS_TABLES), last_changes(conn)


def _ads_refused(conn, path, pattern, profile=None):
    before = _ads_state(conn)
    with pytest.raises(SitError, match=pattern):
        ads.import_ads(conn, str(path), profile)
    assert _ads_state(conn) == before


def test_ads_odd_exports_are_named_with_their_line(store_location, tmp_path):
    conn = store.open_store(store_location)
    ads.import_ads(conn, str(_text(tmp_path / "ok.csv", "numero;statut\nPC0383872400001;\n")))
    _ads_refused(conn, _text(tmp_path / "long.csv", "numero;statut\nPC0383872400002;%s\n"
                             % ("x" * HUGE)),
                 r"long\.csv, line 2: field larger than field limit")
    _ads_refused(conn, _text(tmp_path / "profond.json", "[" * 100000 + "]" * 100000),
                 r"profond\.json is not valid JSON: nested too deeply")
    _ads_refused(conn, _text(tmp_path / "nul.csv", "numero;insee\nPC0383872400002;38\x00387\n"),
                 r"nul\.csv, line 2: a NUL character")
    _ads_refused(conn, _text(tmp_path / "nul.json", json.dumps(
        [{"numero": "PC0383872400002"}, {"numero": "PC0383872400003", "insee": "38\x00387"}])),
                 r"nul\.json, dossier 2: a NUL character")


def test_ads_lines_ending_with_cr_alone(store_location, tmp_path):
    conn = store.open_store(store_location)
    report = ads.import_ads(conn, str(_text(
        tmp_path / "mac.csv", "numero;statut\rPC0383872400001;\rPC0383872400002;\r")))
    assert report.outcome.startswith("2 dossiers created")
    assert conn.execute("SELECT numero FROM ads_dossier ORDER BY 1").fetchall() == [
        ("PC0383872400001",), ("PC0383872400002",)]


@pytest.mark.parametrize("profile, key", [
    ({"columns": 3}, "columns"), ({"columns": {"numero": 3}}, "columns"),
    ({"date_formats": "x"}, "date_formats"), ({"date_formats": [3]}, "date_formats"),
    ({"ignore": 3}, "ignore"), ({"types": {"PC": 1}}, "types"), ({"statuts": []}, "statuts"),
    ({"statuts": {"ok": 1}}, "statuts"), ({"delimiter": 3}, "delimiter"),
    ({"delimiter": ";;"}, "delimiter"), ({"encoding": 8}, "encoding")])
def test_ads_profile_values_of_the_wrong_type(store_location, tmp_path, profile, key):
    conn = store.open_store(store_location)
    source = _text(tmp_path / "export.csv", "numero;date_depot\nPC0383872400001;2024-01-01\n")
    path = _text(tmp_path / "profil.json", json.dumps(profile))
    _ads_refused(conn, source, r'The import profile .*profil\.json: "%s"' % key, str(path))


def _text(path, text):
    with open(str(path), "w", encoding="utf-8", newline="") as f:
        f.write(text)
    return path
