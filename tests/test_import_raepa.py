"""RAEPA import: the real wastewater extract (import-template names), a
delivery with RAEPA names, re-runs, cancel and bad input."""
import csv
import os
import shutil
import zipfile
from collections import Counter

import pytest
from osgeo import gdal, ogr, osr

from sit_chartreuse.core.errors import SitError
from sit_chartreuse.core.imports import raepa
from sit_chartreuse.core.imports.common import ImportCancelled
from sit_chartreuse.core.storage import store
from helpers import CancelAfter
from import_helpers import checks_made, last_changes, snapshot, total_changes

TABLES = ("raepa_canalass_l", "raepa_ouvrass_p", "raepa_apparass_p",
          "raepa_canalaep_l", "raepa_apparaep_p", "raepa_ouvraep_p")


@pytest.fixture
def extract(shared_data):
    return os.path.join(shared_data, "raepa", "test_data")


def _snapshot(conn):
    return snapshot(conn, TABLES)


def test_wastewater_extract_lands_under_raepa_names(extract, store_location):
    conn = store.open_store(store_location)
    report = raepa.import_raepa(conn, extract)
    counts = {t: conn.execute("SELECT count(*) FROM %s" % t).fetchone()[0] for t in TABLES}
    assert counts == {"raepa_canalass_l": 53, "raepa_ouvrass_p": 56, "raepa_apparass_p": 27,
                      "raepa_canalaep_l": 0, "raepa_apparaep_p": 0, "raepa_ouvraep_p": 0}
    # Template names mapped to RAEPA's.
    pipe = conn.execute("SELECT idcana, idnini, idnterm, modecirc, diametre, zamont, typreseau, "
                        "fonccanass, materiau, longcana FROM raepa_canalass_l "
                        "WHERE idnini = 'BB33'").fetchone()
    assert pipe == ("BB33-appB33", "BB33", "appB33", "01", 150, 42.51, "02", "02", "27", 10)
    assert conn.execute("SELECT count(*) FROM raepa_canalass_l WHERE typreseau = '02'")\
        .fetchone()[0] == 53
    assert conn.execute("SELECT z, x IS NOT NULL FROM raepa_ouvrass_p WHERE idouvrage = 'BB36'")\
        .fetchone() == (42.86, 1)
    # Codes outside the RAEPA lists are reported and left empty, never invented.
    rules = Counter((d.rule, d.message.split(" =")[0]) for d in report.defects)
    assert rules[("code list", "fnouvass")] == 43
    assert rules[("code list", "branchemnt")] == 1
    assert conn.execute("SELECT count(*) FROM raepa_ouvrass_p WHERE fnouvass IS NULL")\
        .fetchone()[0] == 43
    # Pipes tied to their nodes: node ids unknown or far from the pipe are reported,
    # nodes learn their pipes.
    assert any(d.rule == "connection" and "appB33" in d.message for d in report.defects)
    assert conn.execute("SELECT idcanaval FROM raepa_ouvrass_p WHERE idouvrage = 'BB33'")\
        .fetchone() == ("BB33-appB33",)
    # Duplicate ids are kept apart, not lost.
    assert conn.execute("SELECT count(*) FROM raepa_ouvrass_p WHERE idouvrage LIKE 'BB36%'")\
        .fetchone()[0] == 2
    read = {title: rows for title, _, rows in report.sections}["Read"]
    assert any("mode_circ → modecirc" in row[4] for row in read)


def test_rerun_is_idempotent_and_updates_in_place(extract, store_location, tmp_path):
    conn = store.open_store(store_location)
    raepa.import_raepa(conn, extract)
    before = _snapshot(conn), last_changes(conn), total_changes(conn)
    report = raepa.import_raepa(conn, extract)
    assert "136 unchanged" in report.outcome
    assert (_snapshot(conn), last_changes(conn), total_changes(conn)) == before
    uuid = conn.execute("SELECT uuid FROM raepa_apparass_p WHERE idappareil = "
                        "(SELECT min(idappareil) FROM raepa_apparass_p)").fetchone()[0]
    # A corrected survey: the fittings' altitude changes, their uuids do not.
    fixed = str(tmp_path / "releve")
    shutil.copytree(extract, fixed)
    for name in os.listdir(fixed):
        os.chmod(os.path.join(fixed, name), 0o644)
    ds = ogr.Open(os.path.join(fixed, "app_test.shp"), 1)
    layer = ds.GetLayer(0)
    for feat in layer:
        feat.SetField("z_appareil", 100.0)
        layer.SetFeature(feat)
    ds = None
    report = raepa.import_raepa(conn, fixed)
    assert "27 updated" in report.outcome
    assert conn.execute("SELECT count(*) FROM raepa_apparass_p WHERE z = 100.0")\
        .fetchone()[0] == 27
    assert conn.execute("SELECT count(*) FROM raepa_apparass_p WHERE uuid = ?", (uuid,))\
        .fetchone()[0] == 1


def _aep_delivery(folder):
    """A small AEP survey with the RAEPA names, in a GeoPackage, 3D."""
    path = os.path.join(folder, "reseau_aep.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    pipes = ds.CreateLayer("raepa_canalaep_l", srs, ogr.wkbLineString25D)
    for name in ("idcana", "materiau", "modecirc", "contcanaep", "fonccanaep", "idnini",
                 "idnterm", "enservice", "branchemnt"):
        pipes.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    pipes.CreateField(ogr.FieldDefn("diametre", ogr.OFTInteger))
    pipes.CreateField(ogr.FieldDefn("datemaj", ogr.OFTDate))
    nodes = ds.CreateLayer("raepa_apparaep_p", srs, ogr.wkbPoint25D)
    for name in ("idappareil", "fnappaep"):
        nodes.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    for i, (x, y) in enumerate(((900000, 6470000), (900100, 6470000), (900100, 6470080))):
        f = ogr.Feature(nodes.GetLayerDefn())
        f.SetField("idappareil", "V%d" % i)
        f.SetField("fnappaep", "03")
        f.SetGeometry(ogr.CreateGeometryFromWkt("POINT Z (%d %d 300)" % (x, y)))
        nodes.CreateFeature(f)
    for i, wkt in enumerate(("LINESTRING Z (900000 6470000 300, 900100 6470000 301)",
                             "LINESTRING Z (900100 6470000 301, 900100 6470080 302)")):
        f = ogr.Feature(pipes.GetLayerDefn())
        for name, value in (("idcana", "C%d" % i), ("materiau", "11"), ("modecirc", "02"),
                            ("contcanaep", "01"), ("fonccanaep", "01"),
                            ("idnini", "V%d" % i), ("idnterm", "V%d" % (i + 1)),
                            ("enservice", "O"), ("branchemnt", "N")):
            f.SetField(name, value)
        f.SetField("diametre", 150)
        f.SetField("datemaj", "2024/03/15")
        f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        pipes.CreateFeature(f)
    ds = None
    return path


def test_raepa_names_in_a_geopackage_zip_and_processing(store_location, tmp_path,
                                                        run_algorithm):
    path = _aep_delivery(str(tmp_path))
    archive = str(tmp_path / "aep.zip")
    with zipfile.ZipFile(archive, "w") as z:
        z.write(path, "livraison/reseau_aep.gpkg")
    out = str(tmp_path / "rapport.html")
    result = run_algorithm("importraepa", {"STORE": str(store_location), "INPUT": archive,
                                           "OUTPUT_REPORT": out})
    assert "5 created" in result["SUMMARY"]
    conn = store.open_store(store_location)
    assert conn.execute("SELECT idcana, longcana, diametre, datemaj, ST_NDims(geom) FROM "
                        "raepa_canalaep_l ORDER BY idcana").fetchall() == \
        [("C0", 100, 150, "2024-03-15", 2), ("C1", 80, 150, "2024-03-15", 2)]
    assert conn.execute("SELECT idappareil, idcanamont, idcanaval FROM raepa_apparaep_p "
                        "ORDER BY idappareil").fetchall() == \
        [("V0", None, "C0"), ("V1", "C0", "C1"), ("V2", "C1", None)]
    with open(out, encoding="utf-8") as f:
        html = f.read()
    assert "raepa_canalaep_l" in html and "Defects (0)" in html
    # Dates compare equal once stored (ISO text on both backends): nothing to update.
    assert "0 created, 0 updated, 5 unchanged" in raepa.import_raepa(conn, archive).outcome



def test_cancel_and_bad_input_leave_the_store_as_before(extract, store_location, tmp_path):
    conn = store.open_store(store_location)
    aep = _aep_delivery(str(tmp_path))
    raepa.import_raepa(conn, aep)
    before = _snapshot(conn)
    total = checks_made(tmp_path, lambda c: raepa.import_raepa(c, aep),
                        lambda c, feedback: raepa.import_raepa(c, extract, feedback=feedback))
    for last in (1, 2):
        with pytest.raises(ImportCancelled):
            raepa.import_raepa(conn, extract, feedback=CancelAfter(total - last))
        assert _snapshot(conn) == before
    empty = tmp_path / "vide"
    empty.mkdir()
    with pytest.raises(SitError, match="vide.*nothing usable"):
        raepa.import_raepa(conn, str(empty))
    odd = tmp_path / "autre"
    odd.mkdir()
    gdal.VectorTranslate(str(odd / "points.shp"), os.path.join(extract, "ouv_test.shp"),
                         SQLStatement="SELECT angle_tamp FROM ouv_test")
    archive = str(tmp_path / "autre.zip")
    shutil.make_archive(archive[:-4], "zip", str(odd))
    with pytest.raises(SitError, match="autre.zip holds nothing usable.*points.shp"):
        raepa.import_raepa(conn, archive)           # points without a RAEPA field
    assert _snapshot(conn) == before


def test_empty_raepa_templates_are_recognised(shared_data, store_location):
    conn = store.open_store(store_location)
    for network in ("aep", "ass"):
        archive = os.path.join(shared_data, "raepa", "gabarits", "gabarits_%s_2154.zip" % network)
        report = raepa.import_raepa(conn, archive)
        read = {title: rows for title, _, rows in report.sections}["Read"]
        assert sorted(row[1] for row in read) == [
            "raepa_appar%s_p" % network, "raepa_canal%s_l" % network, "raepa_ouvr%s_p" % network]
        assert report.outcome.startswith("0 features read")


def test_values_are_typed_or_reported(store_location, tmp_path):
    """Text dates in the usual French forms become dates; a value that does
    not fit its column is reported and left empty (on both backends)."""
    path = str(tmp_path / "canalisations_aep.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    pipes = ds.CreateLayer("raepa_canalaep_l", srs, ogr.wkbLineString)
    for name in ("idcana", "datemaj", "diametre"):
        pipes.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    for name, date, diameter in (("C1", "15/03/2024", "150"), ("C2", "hier", "DN 200")):
        f = ogr.Feature(pipes.GetLayerDefn())
        for field, value in (("idcana", name), ("datemaj", date), ("diametre", diameter)):
            f.SetField(field, value)
        f.SetGeometry(ogr.CreateGeometryFromWkt("LINESTRING (900000 6470000, 900100 6470000)"))
        pipes.CreateFeature(f)
    ds = None
    conn = store.open_store(store_location)
    report = raepa.import_raepa(conn, path)
    assert conn.execute("SELECT idcana, datemaj, diametre FROM raepa_canalaep_l ORDER BY idcana")\
        .fetchall() == [("C1", "2024-03-15", 150), ("C2", None, None)]
    assert sorted((d.feature, d.message.split(" =")[0]) for d in report.defects
                  if d.rule == "type") == [("2", "datemaj"), ("2", "diametre")]


@pytest.fixture
def template12(shared_data):
    return os.path.join(shared_data, "raepa", "compiegne_raepa12_gabarit")


def test_raepa12_template_imports_as_12(template12, store_location):
    conn = store.open_store(store_location)
    report = raepa.import_raepa(conn, template12)
    assert not report.defects
    assert "RAEPA version read: 1.2 (RAEPA_CANALASS_L.shp: no profgen)." in report.notes
    # Each layer's one placeholder (no geometry, no value) is skipped, not refused.
    assert report.outcome == "6 features read, 0 created, 0 updated, 0 unchanged."
    assert sum("without geometry nor attributes skipped" in n for n in report.notes) == 6
    read = {title: rows for title, _, rows in report.sections}["Read"]
    assert len(read) == 6 and all(row[5] == "" for row in read)    # every field has a place


def test_raepa12_code_lists_are_in_the_store(template12, store_location):
    """Every code of the template's lists (UTF-8 with a byte-order mark) is
    a code of the store, bar the booleans and Compiègne's twice-used 18."""
    conn = store.open_store(store_location)
    stored = set(conn.execute("SELECT list, code FROM codelist WHERE list LIKE 'raepa_%'"))
    names = {"qualanee": "raepa_qualannee", "qualgloc": "raepa_qualgeoloc"}
    missing, read = [], 0
    for name in sorted(os.listdir(template12)):
        stem = name[len("lt_raepa_"):-len(".csv")]
        if not name.startswith("lt_raepa_") or stem in ("boolean", "sensecoul"):
            continue
        with open(os.path.join(template12, name), encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
        read += len(rows)
        missing += [(stem, r["code"]) for r in rows
                    if (names.get(stem, "raepa_" + stem), r["code"]) not in stored]
    assert read == 114 and missing == []
    assert ("raepa_fnappaep", "07-01") in stored


def _raepa12_delivery(template12, folder):
    """Pipes and structures of a wastewater network and a drinking-water
    fitting, in the template's layers. Its code fields are 2 characters wide,
    too narrow for 1.2's two-level codes: widened here as a producer would."""
    for layer_name, features in (
            ("RAEPA_CANALASS_L", [("LINESTRING (900000 6470000, 900050 6470000)", {
                "IDCANA": "EU1", "TYPRESEAU": "02", "MATERIAU": "27", "MODECIRC": "01",
                "CONTCANASS": "02", "FONCCANASS": "02", "IDNINI": "R1", "IDNTERM": "R2",
                "ZAMONT": 301.5, "ZAVAL": 300.25, "SENSECOUL": "1", "ENSERVICE": "O",
                "BRANCHEMNT": "N", "DIAMETRE": 200, "ANFINPOSE": "1998"})]),
            ("RAEPA_OUVRASS_P", [("POINT (900000 6470000)", {
                "IDOUVRAGE": "R1", "TYPRESEAU": "02", "FNOUVASS": "06-00", "Z": 301.5}),
                ("POINT (900050 6470000)", {
                    "IDOUVRAGE": "R2", "TYPRESEAU": "02", "FNOUVASS": "05-02", "Z": 300.25})]),
            ("RAEPA_APPARAEP_P", [("POINT (900200 6470100)", {
                "IDAPPAREIL": "CPT1", "FNAPPAEP": "07-01", "DIAMETRE": 40})])):
        src = ogr.Open(os.path.join(template12, layer_name + ".shp"))
        defn = src.GetLayer(0).GetLayerDefn()
        ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(
            os.path.join(folder, layer_name + ".shp"))
        layer = ds.CreateLayer(layer_name, src.GetLayer(0).GetSpatialRef(), defn.GetGeomType())
        for i in range(defn.GetFieldCount()):
            # A copy: GDAL >= 3.9 seals the source layer's field definitions.
            source = defn.GetFieldDefn(i)
            field = ogr.FieldDefn(source.GetName(), source.GetType())
            field.SetWidth(max(source.GetWidth(), 5) if source.GetType() == ogr.OFTString
                           else source.GetWidth())
            field.SetPrecision(source.GetPrecision())
            layer.CreateField(field)
        for wkt, values in features:
            f = ogr.Feature(layer.GetLayerDefn())
            for name, value in values.items():
                f.SetField(name, value)
            f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
            layer.CreateFeature(f)
        ds = src = None
    return folder


def test_raepa12_delivery_lands_with_its_values(template12, store_location, tmp_path):
    conn = store.open_store(store_location)
    (tmp_path / "livraison").mkdir()
    report = raepa.import_raepa(conn, _raepa12_delivery(template12, str(tmp_path / "livraison")))
    assert [d for d in report.defects if d.rule != "connection"] == []
    assert any(n.startswith("RAEPA version read: 1.2") and "two-level codes" in n
               for n in report.notes)
    assert conn.execute("SELECT idcana, typreseau, materiau, contcanass, zamont, zaval, "
                        "sensecoul, diametre, anfinpose, longcana FROM raepa_canalass_l")\
        .fetchall() == [("EU1", "02", "27", "02", 301.5, 300.25, "O", 200, "1998", 50)]
    assert conn.execute("SELECT idouvrage, fnouvass, idcanaval, idcanamont FROM raepa_ouvrass_p "
                        "ORDER BY idouvrage").fetchall() == \
        [("R1", "06-00", "EU1", None), ("R2", "05-02", None, "EU1")]
    assert conn.execute("SELECT idappareil, fnappaep, diametre FROM raepa_apparaep_p")\
        .fetchall() == [("CPT1", "07-01", 40)]
