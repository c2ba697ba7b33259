"""CNIG PLUi import on the real delivery the IGN validator tests with, its
defects, modes, history, encodings and bad inputs."""
import json
import os
import shutil
import zipfile

import pytest
from osgeo import gdal, ogr, osr

from sit_chartreuse.core.errors import SitError
from sit_chartreuse.core.imports import plu
from sit_chartreuse.core.imports.common import ImportCancelled
from sit_chartreuse.core.storage import store
from helpers import CancelAfter
from import_helpers import checks_made, last_changes, snapshot, total_changes

NAME = "241800432_PLUi_20200128"
IDURBA = "241800432_PLUI_20200128"
PLUI_TABLES = ("doc_urba", "doc_urba_com", "zone_urba", "prescription_surf",
               "prescription_lin", "prescription_pct", "info_surf", "info_lin", "info_pct")


@pytest.fixture
def delivery(shared_data):
    return os.path.join(shared_data, "plu-cnig", NAME)


@pytest.fixture
def expected(shared_data):
    with open(os.path.join(shared_data, "plu-cnig", "_expected", NAME, "document-info.json"),
              encoding="utf-8") as f:
        return json.load(f)


def _counts(conn):
    return {t: conn.execute("SELECT count(*) FROM %s" % t).fetchone()[0] for t in PLUI_TABLES}


def _snapshot(conn):
    return snapshot(conn, PLUI_TABLES + ("plui_import", "plui_archive"))


def _reads_zone_199_invalid(delivery):
    """Whether the GDAL/GEOS at hand read zone 199 (UA) of the real delivery
    as an invalid geometry, asked outside the plugin. The IGN validator finds
    it invalid (a ring touching itself) and GDAL 3.6 and 3.10 read it so,
    but GDAL 3.13 (Debian testing) reads it back valid: the import's defect
    must follow what the reader reads, not pin one version's reading."""
    ds = ogr.Open(os.path.join(delivery, "Donnees_geographiques",
                               "241800432_ZONE_URBA_20200128.shp"))
    feature = ds.GetLayer(0).GetFeature(198)        # the 199th, counted from 1
    assert feature["LIBELLE"] == "UA"
    return not feature.GetGeometryRef().IsValid()


def _assert_validator_defects(report, delivery):
    """The defects the IGN validator records for this document: one invalid
    geometry (if the reader at hand reads it so), two unexpected NULLs,
    DOC_URBA_COM of unexpected size. The identifiers it computes (LIB_IDZONE,
    LIB_IDPSC) are absent, as in the CNIG's 2017 template: no defect."""
    invalid_read = _reads_zone_199_invalid(delivery)
    defects = [(d.rule, d.message, d.blocking) for d in report.defects]
    assert [d for d in defects if d[0] == "valid geometry"] == [
        ("valid geometry", "invalid geometry (self-intersection?): kept as delivered", True)
    ] * invalid_read
    assert sorted(d[1] for d in defects if d[0] == "mandatory attribute") == [
        "NOMPROC is empty", "SIREN is empty (mandatory for a PLUi)"]
    assert [d[2] for d in defects if d[0] == "DOC_URBA_COM size"] == [False]
    assert [d for d in defects if d[0] == "attribute present"] == []
    assert len(defects) == 3 + invalid_read
    assert [(d.layer, d.feature) for d in report.defects if d.rule == "valid geometry"] == [
        ("241800432_ZONE_URBA_20200128.shp", "199 (UA)")] * invalid_read
    html = report.html()
    assert ("199 (UA)" in html) == invalid_read and "NOMPROC is empty" in html


def test_real_delivery_lands_with_the_validator_defects(delivery, expected, store_location):
    conn = store.open_store(store_location)
    report = plu.import_plu(conn, delivery)
    counts = _counts(conn)
    assert counts["zone_urba"] == 221
    assert counts["prescription_surf"] + counts["prescription_lin"] \
        + counts["prescription_pct"] == 463
    # Every table of the delivery, with the feature count the validator found.
    read = {title: rows for title, _, rows in report.sections}["Read"]
    by_file = {row[1]: row[2] for row in read}
    for f in expected["files"]:
        if f["type"] == "table":
            shp = f["name"].replace(".dbf", ".shp")
            assert by_file.get(shp, by_file.get(f["name"])) == f["totalFeatures"], f["name"]
    assert conn.execute("SELECT idurba, typedoc FROM doc_urba").fetchall() == \
        [(expected["tags"]["idurba"], "PLUi")]
    _assert_validator_defects(report, delivery)
    # Codes checked and combined for the CNIG list; multi-part kept.
    assert conn.execute("SELECT count(*) FROM prescription_lin WHERE code_cnig IS NULL")\
        .fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM zone_urba WHERE ST_NumGeometries(geom) > 1")\
        .fetchone()[0] == 3


def test_every_feature_has_its_uuid_and_its_box_in_the_spatial_index(delivery,
                                                                    store_location):
    # The layers are written many rows at once: uuids given by the importer,
    # the GeoPackage R-tree filled after the rows (its trigger set aside).
    conn = store.open_store(store_location)
    assert not plu.import_plu(conn, delivery).refused
    gpkg = str(store_location).endswith(".gpkg")
    for table, (n,) in ((t, conn.execute("SELECT count(*) FROM %s" % t).fetchone())
                        for t in PLUI_TABLES[2:]):
        assert conn.execute("SELECT count(DISTINCT uuid) FROM %s" % table).fetchone()[0] == n
        if gpkg:
            assert conn.execute(
                "SELECT count(*) FROM %s t JOIN rtree_%s_geom r ON r.id = t.fid "
                "WHERE r.minx <= ST_MinX(t.geom) AND r.maxx >= ST_MaxX(t.geom) "
                "AND r.miny <= ST_MinY(t.geom) AND r.maxy >= ST_MaxY(t.geom) "
                "AND r.maxx - ST_MaxX(t.geom) < 1 AND ST_MinY(t.geom) - r.miny < 1"
                % (table, table)).fetchone()[0] == n, table
            assert conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN "
                "('rtree_%s_geom_insert', '%s_last_change_insert')" % (table, table)
            ).fetchone()[0] == 2, table
    assert _counts(conn)["zone_urba"] == 221
    conn.close()


def test_zone_199_read_valid_gives_every_defect_but_the_geometry(delivery, new_store,
                                                                 tmp_path):
    """What a reader that reads zone 199 back valid (GDAL 3.13) gives, shown
    on any GDAL with that zone repaired (GEOS's MakeValid splits the ring
    where it touches itself; same area, same parts)."""
    target = _copy(delivery, tmp_path)
    ds = ogr.Open(_zone(target, ".shp"), update=1)
    layer = ds.GetLayer(0)
    feature = layer.GetFeature(198)
    feature.SetGeometry(feature.GetGeometryRef().MakeValid())
    layer.SetFeature(feature)
    del feature, layer, ds                          # written and closed
    assert not _reads_zone_199_invalid(target)
    report = plu.import_plu(store.open_store(new_store), target)
    _assert_validator_defects(report, target)
    assert not [d for d in report.defects if d.rule == "valid geometry"]


def test_zip_strict_mode_and_processing(delivery, store_location, tmp_path, run_algorithm):
    archive = str(tmp_path / (NAME + ".zip"))
    shutil.make_archive(archive[:-4], "zip", os.path.dirname(delivery), NAME)
    conn = store.open_store(store_location)
    before = _snapshot(conn)
    report = plu.import_plu(conn, archive, mode=plu.STRICT)
    assert report.refused and _snapshot(conn) == before
    out, table = str(tmp_path / "rapport.html"), str(tmp_path / "defauts.csv")
    with pytest.raises(Exception, match="strict mode"):
        run_algorithm("importplu", {"STORE": str(store_location), "INPUT": archive, "MODE": 1,
                                    "OUTPUT_REPORT": out, "OUTPUT_DEFECTS": table})
    assert os.path.exists(out) and _snapshot(conn) == before
    result = run_algorithm("importplu", {"STORE": str(store_location), "INPUT": archive,
                                         "MODE": 0, "OUTPUT_REPORT": out,
                                         "OUTPUT_DEFECTS": table})
    assert "686 features" in result["SUMMARY"]
    with open(table, encoding="utf-8") as f:
        lines = f.read().strip().splitlines()
    assert len(lines) == 1 + 3 + _reads_zone_199_invalid(delivery)
    assert lines[0] == "layer,feature,rule,message,level"
    assert _counts(conn)["zone_urba"] == 221


def test_rerun_is_idempotent(delivery, store_location):
    conn = store.open_store(store_location)
    plu.import_plu(conn, delivery)
    before = _snapshot(conn), last_changes(conn), total_changes(conn)
    report = plu.import_plu(conn, delivery)
    assert "already imported" in report.outcome
    assert (_snapshot(conn), last_changes(conn), total_changes(conn)) == before


def _newer_delivery(delivery, folder, idurba="241800432_PLUI_20230512", datappro="20230512",
                    edit=None):
    """The same PLUi as a GeoPackage (2024 way), approved later, in 3D,
    with its last ten zones dropped; `edit(layer, number, feature)` may
    change features on the way."""
    path = os.path.join(folder, "241800432_PLUi_20230512.gpkg")
    out = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    sources = [os.path.join(delivery, n) for n in sorted(os.listdir(delivery))
               if n.endswith(".dbf")]
    geo = os.path.join(delivery, "Donnees_geographiques")
    sources += [os.path.join(geo, n) for n in sorted(os.listdir(geo)) if n.endswith(".shp")]
    for src_path in sources:
        src = ogr.Open(src_path)
        layer = src.GetLayer(0)
        name = layer.GetName().split("_", 1)[1].rsplit("_", 1)[0]      # ZONE_URBA...
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(2154)
        kind = layer.GetGeomType()
        dst = out.CreateLayer(name, srs if kind != ogr.wkbNone else None,
                              ogr.GT_SetZ(kind) if kind != ogr.wkbNone else kind)
        defn = layer.GetLayerDefn()
        for i in range(defn.GetFieldCount()):
            dst.CreateField(defn.GetFieldDefn(i))
        features = list(layer)
        if name == "ZONE_URBA":
            features = features[:-10]
        if name == "ZONE_URBA":                # a 2024-template field
            dst.CreateField(ogr.FieldDefn("FORMDOMI", ogr.OFTString))
        for number, feat in enumerate(features, start=1):
            new = ogr.Feature(dst.GetLayerDefn())
            new.SetFrom(feat)
            new.SetField("IDURBA", idurba)
            if name == "DOC_URBA":
                new.SetField("DATAPPRO", datappro)
            if name == "ZONE_URBA":
                new.SetField("FORMDOMI", "0100")
            if edit:
                edit(name, number, new)
            g = feat.GetGeometryRef()
            if g is not None:
                g = g.Clone()
                g.Set3D(True)
                new.SetGeometry(g)
            dst.CreateFeature(new)
        src = None
    # An information layer (none in the 2020 delivery): a pre-emption perimeter
    # and a code outside the CNIG list.
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    info = out.CreateLayer("INFO_PCT", srs, ogr.wkbPoint)
    for name in ("LIBELLE", "TYPEINF", "STYPEINF", "IDURBA"):
        info.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    for label, code in (("DPU", "04-00"), ("Inconnu", "88-00")):
        f = ogr.Feature(info.GetLayerDefn())
        for name, value in zip(("LIBELLE", "TYPEINF", "STYPEINF", "IDURBA"),
                               (label,) + tuple(code.split("-")) + (idurba,)):
            f.SetField(name, value)
        f.SetGeometry(ogr.CreateGeometryFromWkt("POINT (690000 6635000)"))
        info.CreateFeature(f)
    out = None
    return path


def test_newer_delivery_replaces_and_keeps_history(delivery, store_location, tmp_path):
    conn = store.open_store(store_location)
    plu.import_plu(conn, delivery)
    old_uuids = {r[0] for r in conn.execute("SELECT uuid FROM zone_urba")}
    conn.execute("INSERT INTO ticket (application, layer_name, feature_uuid, category, title) "
                 "SELECT 'plui', 'zone_urba', uuid, 'maintenance_corrective', 'Limite de zone' "
                 "FROM zone_urba WHERE libelle = 'UA' LIMIT 1")
    newer = _newer_delivery(delivery, str(tmp_path))
    report = plu.import_plu(conn, newer)
    tickets = [rows for title, _, rows in report.sections if title.startswith("Tickets")][0]
    assert [(r[0].endswith("Limite de zone"), r[1], r[2]) for r in tickets] == \
        [(True, "zone_urba", IDURBA)]
    assert "241800432_PLUI_20230512 imported" in report.outcome
    assert _counts(conn)["zone_urba"] == 211
    assert conn.execute("SELECT DISTINCT idurba FROM zone_urba").fetchall() == \
        [("241800432_PLUI_20230512",)]
    assert conn.execute("SELECT count(*) FROM zone_urba WHERE ST_NDims(geom) > 2")\
        .fetchone()[0] == 0
    history = conn.execute("SELECT idurba, remplace_par FROM plui_import ORDER BY fid").fetchall()
    assert history == [(IDURBA, "241800432_PLUI_20230512"), ("241800432_PLUI_20230512", None)]
    archived = dict(conn.execute("SELECT layer_name, count(*) FROM plui_archive "
                                 "WHERE idurba = ? GROUP BY layer_name", (IDURBA,)).fetchall())
    assert archived == {"doc_urba": 1, "doc_urba_com": 1, "zone_urba": 221,
                        "prescription_surf": 32, "prescription_lin": 264, "prescription_pct": 167}
    kept = {r[0] for r in conn.execute("SELECT feature_uuid FROM plui_archive "
                                       "WHERE layer_name = 'zone_urba'")}
    assert kept == old_uuids
    # Each archived feature keeps its attributes (JSON) and its geometry.
    attributes = conn.execute("SELECT attributes FROM plui_archive WHERE layer_name = "
                              "'zone_urba' AND geom IS NOT NULL ORDER BY fid").fetchall()
    assert len(attributes) == 221
    assert all(json.loads(a)["libelle"] and json.loads(a)["idurba"] == IDURBA
               for (a,) in attributes)
    # The older delivery cannot come back over the newer one.
    with pytest.raises(SitError, match="newer than this delivery"):
        plu.import_plu(conn, delivery)


def test_each_defect_names_layer_feature_and_rule(delivery, store_location, tmp_path):
    def spoil(layer, number, feature):
        if layer == "ZONE_URBA" and number == 1:
            feature.SetField("TYPEZONE", "Z")              # unknown code: refused
        if layer == "ZONE_URBA" and number == 2:
            feature.SetField("DATVALID", "20231345")       # not a date
        if layer == "PRESCRIPTION_SURF" and number == 3:
            feature.SetField("IDURBA", "241800432_PLUI_20190101")   # broken reference
        if layer == "PRESCRIPTION_LIN" and number == 4:
            feature.SetField("STYPEPSC", "77")             # unknown TYPEPSC-STYPEPSC
    conn = store.open_store(store_location)
    report = plu.import_plu(conn, _newer_delivery(delivery, str(tmp_path), edit=spoil))
    # Layers of a GeoPackage are labelled "file.gpkg (LAYER)".
    found = {(d.layer.rsplit("(", 1)[-1].rstrip(")"), d.feature.split(" ")[0], d.rule): d.message
             for d in report.defects}
    assert "TYPEZONE Z is not in the CNIG list" in found[("ZONE_URBA", "1", "code list")]
    assert "DATVALID 20231345" in found[("ZONE_URBA", "2", "date")]
    assert "241800432_PLUI_20190101" in \
        found[("PRESCRIPTION_SURF", "3", "reference to DOC_URBA")]
    assert "TYPEPSC-STYPEPSC 07-77" in found[("PRESCRIPTION_LIN", "4", "code list")]
    # Tolerant mode: the zone without a known type is refused, the rest lands.
    assert conn.execute("SELECT count(*) FROM zone_urba").fetchone()[0] == 210
    assert conn.execute("SELECT count(DISTINCT formdomi) FROM zone_urba").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM prescription_lin WHERE code_cnig IS NULL")\
        .fetchone()[0] == 1
    landed = {r[0]: r for r in {t: rows for t, _, rows in report.sections}["Landed"]}
    assert landed["ZONE_URBA"][2:] == [211, 210, 1]
    # Information layers: TYPEINF-STYPEINF checked against their own list.
    assert "TYPEINF-STYPEINF 88-00" in found[("INFO_PCT", "2", "code list")]
    assert conn.execute("SELECT libelle, code_cnig, GeometryType(geom) FROM info_pct "
                        "ORDER BY fid").fetchall() == [("DPU", "04-00", "MULTIPOINT"),
                                                       ("Inconnu", None, "MULTIPOINT")]



def test_cancel_during_the_write_leaves_the_store_as_before(delivery, store_location,
                                                            tmp_path):
    conn = store.open_store(store_location)
    plu.import_plu(conn, delivery)
    before = _snapshot(conn)
    newer = _newer_delivery(delivery, str(tmp_path))
    total = checks_made(tmp_path, lambda c: plu.import_plu(c, delivery),
                        lambda c, feedback: plu.import_plu(c, newer, feedback=feedback))
    for last in (1, 3, 6):      # cancelled after the archive, mid-insert, at the end
        with pytest.raises(ImportCancelled):
            plu.import_plu(conn, newer, feedback=CancelAfter(total - last))
        assert _snapshot(conn) == before


def _copy(delivery, tmp_path):
    target = str(tmp_path / NAME)
    shutil.copytree(delivery, target)
    for folder, _, names in os.walk(target):
        for n in names:
            os.chmod(os.path.join(folder, n), 0o644)
        os.chmod(folder, 0o755)
    return target


def _zone(target, ext):
    return os.path.join(target, "Donnees_geographiques", "241800432_ZONE_URBA_20200128" + ext)


def test_encodings_never_give_mojibake(delivery, new_store, tmp_path):
    target = _copy(delivery, tmp_path)
    conn = store.open_store(new_store)
    # The delivery is UTF-8: a .cpg that says otherwise is refused, naming the file.
    with open(_zone(target, ".cpg"), "w") as f:
        f.write("1252")
    with pytest.raises(SitError) as e:
        plu.import_plu(conn, target)
    assert "ZONE_URBA_20200128.cpg" in str(e.value) or "ZONE_URBA_20200128.shp" in str(e.value)
    assert "UTF-8" in str(e.value)
    # Without a .cpg, UTF-8 is recognised and the report says so.
    os.remove(_zone(target, ".cpg"))
    report = plu.import_plu(conn, target)
    read = {title: rows for title, _, rows in report.sections}["Read"]
    assert any("no .cpg" in row[3] for row in read)
    libelongs = [r[0] for r in conn.execute("SELECT libelong FROM zone_urba WHERE libelong "
                                            "LIKE '%é%'")]
    assert libelongs and not any("Ã" in v for v in libelongs)


def test_cp1252_declared_utf8_is_refused(delivery, new_store, tmp_path):
    target = _copy(delivery, tmp_path)
    src = _zone(delivery, ".shp")
    for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qpj"):
        os.remove(_zone(target, ext))
    # QGIS sets SHAPE_ENCODING="" once it has opened a shapefile, which would
    # make GDAL copy the bytes as they are: recode for sure here.
    previous = gdal.GetConfigOption("SHAPE_ENCODING")
    gdal.SetConfigOption("SHAPE_ENCODING", None)
    try:
        gdal.VectorTranslate(_zone(target, ".shp"), src,
                             layerCreationOptions=["ENCODING=CP1252"])
    finally:
        gdal.SetConfigOption("SHAPE_ENCODING", previous)
    with open(_zone(target, ".dbf"), "rb") as f:
        assert "é".encode("cp1252") in f.read()
    with open(_zone(target, ".cpg"), "w") as f:
        f.write("UTF-8")
    conn = store.open_store(new_store)
    with pytest.raises(SitError, match="declares UTF-8 but the text is not UTF-8"):
        plu.import_plu(conn, target)
    assert _counts(conn)["zone_urba"] == 0
    # Declared as it is, the same file lands with its accents.
    with open(_zone(target, ".cpg"), "w") as f:
        f.write("CP1252")
    plu.import_plu(conn, target)
    assert conn.execute("SELECT count(*) FROM zone_urba WHERE libelong LIKE '%é%'")\
        .fetchone()[0] > 0


def test_bad_inputs_are_named_and_change_nothing(delivery, store_location, tmp_path):
    conn = store.open_store(store_location)
    plu.import_plu(conn, delivery)
    before = _snapshot(conn)

    def refused(path, *words):
        with pytest.raises(SitError) as e:
            plu.import_plu(conn, str(path))
        for word in words:
            assert word in str(e.value)
        assert _snapshot(conn) == before

    empty = tmp_path / "vide"
    empty.mkdir()
    refused(empty, "vide", "nothing usable")
    useless = tmp_path / "inutile.zip"
    with zipfile.ZipFile(useless, "w") as z:
        z.writestr("lisezmoi.txt", "pas de couche")
    refused(useless, "inutile.zip", "nothing usable")
    # A truncated shapefile.
    target = _copy(delivery, tmp_path / "tronque")
    with open(_zone(target, ".shp"), "r+b") as f:
        f.truncate(os.path.getsize(_zone(target, ".shp")) // 2)
    refused(target, "ZONE_URBA_20200128.shp", "damaged")
    # The zones in WGS 84 without their .prj.
    target = _copy(delivery, tmp_path / "sansprj")
    for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qpj"):
        os.remove(_zone(target, ext))
    gdal.VectorTranslate(_zone(target, ".shp"), _zone(delivery, ".shp"), dstSRS="EPSG:4326")
    os.remove(_zone(target, ".prj"))
    refused(target, "ZONE_URBA_20200128.shp", ".prj")


def _set_gdal_exceptions(use_gdal, use_ogr):
    # GDAL < 3.7 stacks one error handler per module: OGR's off first, on last.
    if not use_ogr and ogr.GetUseExceptions():
        ogr.DontUseExceptions()
    if not use_gdal and gdal.GetUseExceptions():
        gdal.DontUseExceptions()
    if use_gdal and not gdal.GetUseExceptions():
        gdal.UseExceptions()
    if use_ogr and not ogr.GetUseExceptions():
        ogr.UseExceptions()


@pytest.mark.parametrize("use_gdal, use_ogr", [(False, False), (True, False), (True, True)],
                         ids=["no exceptions", "gdal exceptions", "gdal and ogr exceptions"])
def test_a_damaged_file_is_named_whatever_gdal_exceptions_mode(delivery, new_store, tmp_path,
                                                               use_gdal, use_ogr):
    """Whatever mode QGIS or another plugin left GDAL in (GDAL >= 3.7 turns
    OGR's exceptions on with gdal.UseExceptions() and raises reading errors
    itself), a truncated file gives the message naming it, GDAL's reason
    included, nothing is written, and the mode is left as it was."""
    target = _copy(delivery, tmp_path)
    with open(_zone(target, ".shp"), "r+b") as f:
        f.truncate(os.path.getsize(_zone(target, ".shp")) // 2)
    conn = store.open_store(new_store)
    before = _snapshot(conn), gdal.GetUseExceptions(), ogr.GetUseExceptions()
    _set_gdal_exceptions(use_gdal, use_ogr)
    mode = gdal.GetUseExceptions(), ogr.GetUseExceptions()
    try:
        with pytest.raises(SitError, match=r"ZONE_URBA_20200128\.shp is damaged \(truncated "
                                           r"or corrupt\?\) near feature \d+: \S"):
            plu.import_plu(conn, target)
        assert (gdal.GetUseExceptions(), ogr.GetUseExceptions()) == mode
    finally:
        _set_gdal_exceptions(*before[1:])
    assert _snapshot(conn) == before[0]


def test_missing_mandatory_column_refuses_its_layer_only(delivery, new_store, tmp_path):
    target = _copy(delivery, tmp_path)
    for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qpj"):
        os.remove(_zone(target, ext))
    gdal.VectorTranslate(_zone(target, ".shp"), _zone(delivery, ".shp"),
                         SQLStatement="SELECT LIBELLE, LIBELONG, NOMFIC, IDURBA, DATVALID "
                                      "FROM \"241800432_ZONE_URBA_20200128\"",
                         layerCreationOptions=["ENCODING=UTF-8"])
    conn = store.open_store(new_store)
    report = plu.import_plu(conn, target)
    assert ("attribute present", "attribute TYPEZONE missing from the file", True) in \
        [(d.rule, d.message, d.blocking) for d in report.defects]
    counts = _counts(conn)
    assert counts["zone_urba"] == 0 and counts["prescription_lin"] == 264
    landed = {r[0]: r for r in {t: rows for t, _, rows in report.sections}["Landed"]}
    assert landed["ZONE_URBA"][2:] == [221, 0, 221]


def test_a_curved_zone_lands_as_straight_segments(delivery, store_location, tmp_path):
    """A zone drawn with arcs (CURVEPOLYGON, from a GeoPackage) lands with
    its arcs as segments and a warning naming it, never as an empty geometry."""
    path = _newer_delivery(delivery, str(tmp_path))
    ds = ogr.Open(path, 1)
    zones = ds.GetLayerByName("ZONE_URBA")
    feature = zones.GetFeature(1)
    arc = ogr.CreateGeometryFromWkt(
        "CURVEPOLYGON (CIRCULARSTRING (900000 6470000, 900100 6470100, 900200 6470000, "
        "900100 6469900, 900000 6470000))")
    feature.SetGeometryDirectly(arc)
    assert zones.SetFeature(feature) == 0
    libelle = feature.GetField("LIBELLE")
    ds = None
    conn = store.open_store(store_location)
    report = plu.import_plu(conn, path)
    assert ("241800432_PLUi_20230512.gpkg (ZONE_URBA)", "1 (%s)" % libelle, "geometry",
            "curved geometry: its arcs are stored as straight segments", False) in [
        (d.layer, d.feature, d.rule, d.message, d.blocking) for d in report.defects]
    assert conn.execute("SELECT count(*) FROM zone_urba WHERE geom IS NULL").fetchone()[0] == 0
    area = conn.execute("SELECT ST_Area(geom), ST_GeometryType(geom) FROM zone_urba "
                        "WHERE ST_Intersects(geom, ST_GeomFromText('POINT (900100 6470000)', "
                        "2154))").fetchall()
    assert len(area) == 1 and abs(area[0][0] - 3.14159 * 100 ** 2) < 100
    assert "MULTIPOLYGON" in area[0][1].upper()


def test_a_delivery_with_nothing_to_import_archives_nothing(delivery, store_location, tmp_path):
    """DOC_URBA and DOC_URBA_COM without a layer, or with empty layers:
    nothing is written, the report says so, the current plan stays as it is."""
    conn = store.open_store(store_location)
    plu.import_plu(conn, delivery)
    before = _snapshot(conn)
    tables = tmp_path / "tables_seules"
    tables.mkdir()
    for name in os.listdir(delivery):
        if name.endswith((".dbf", ".cpg")):
            shutil.copy(os.path.join(delivery, name), str(tables / name))
    emptied = _newer_delivery(delivery, str(tmp_path))
    ds = ogr.Open(emptied, 1)
    for name in ("ZONE_URBA", "PRESCRIPTION_SURF", "PRESCRIPTION_LIN", "PRESCRIPTION_PCT",
                 "INFO_PCT"):
        ds.ExecuteSQL("DELETE FROM %s" % name)
    ds = None
    for target in (str(tables), emptied):
        report = plu.import_plu(conn, target)
        assert report.outcome == ("%s: no zone, prescription or information of the delivery can "
                                  "be imported: nothing to import, the current plan is left as "
                                  "it is." % target)
        assert _snapshot(conn) == before


# --- older models, tolerant mode (issue 13, points 1 and 2) -----------------------

def _validator_expected(shared_data, name):
    with open(os.path.join(shared_data, "plu-cnig", name, "expected", "document-info.json"),
              encoding="utf-8") as f:
        return json.load(f)


@pytest.mark.parametrize("name, model, counts, rules", [
    # Pezou's PLU (2013 model): the validator's data error is DATEREF "2011"
    # (its three other errors are in the ISO metadata, which is not read here).
    ("41175_PLU_20140603", "2013",
     {"zone_urba": 118, "prescription_surf": 23, "prescription_lin": 10,
      "prescription_pct": 26, "doc_urba": 1, "doc_urba_com": 1},
     [("date", "DATEREF 2011 is not a date YYYYMMDD", True)]),
    # Portes du Berry's PLUi (2014 model): DATEREF "2014" and no prescription
    # at all (the validator's CNIG_PRESCRIPTION_NOT_FOUND warning).
    ("200011781_PLUi_20180101", "2013",
     {"zone_urba": 222, "prescription_surf": 0, "doc_urba": 1, "doc_urba_com": 12},
     [("date", "DATEREF 2014 is not a date YYYYMMDD", True),
      ("prescriptions", "no prescription table (PRESCRIPTION_SURF, _LIN or _PCT) in the "
                        "delivery", False)]),
])
def test_older_models_land_whole_in_tolerant_mode(shared_data, store_location, name, model,
                                                  counts, rules):
    """A 2013 PLU and a 2014 PLUi, refused whole before (no IDURBA in their
    layers, no STYPEPSC, TYPEZONE Nh): every feature lands, with the
    validator's data defects and the model named in the report."""
    expected = _validator_expected(shared_data, name)
    delivery = os.path.join(shared_data, "plu-cnig", name, "document")
    conn = store.open_store(store_location)
    report = plu.import_plu(conn, delivery)
    found = _counts(conn)
    assert {t: found[t] for t in counts} == counts
    for f in expected["files"]:
        if f["type"] == "table" and f["modelName"] in plu.LAYERS:
            assert found[plu.LAYERS[f["modelName"]][0]] == f["totalFeatures"], f["name"]
    assert [(d.rule, d.message, d.blocking) for d in report.defects] == rules
    assert "Read as the CNIG %s model, recognised from the delivery's fields." % model \
        in report.notes
    idurba = expected["tags"]["idurba"]
    assert conn.execute("SELECT idurba FROM doc_urba").fetchall() == [(idurba,)]
    # The layers of a 2013 delivery belong to its document; TYPE reads as TYPE-00.
    assert conn.execute("SELECT DISTINCT idurba FROM zone_urba").fetchall() == [(idurba,)]
    assert conn.execute("SELECT count(*) FROM prescription_surf WHERE stypepsc <> '00' OR "
                        "code_cnig IS NULL").fetchone()[0] == 0
    assert conn.execute("SELECT modele FROM plui_import").fetchall() == [(model,)]
    # Strict mode refuses them on the validator's error only.
    strict = store.open_store(store_location)
    strict.execute("DELETE FROM plui_import")
    assert plu.import_plu(strict, delivery, mode=plu.STRICT).refused


def test_deviations_are_defects_not_refusals(delivery, new_store, tmp_path):
    """A second DOC_URBA row, a missing DOC_URBA_COM, an unexpected field, an
    IDURBA written otherwise in a layer, a 2013 zone type in a 2017
    delivery: each a defect with its rule, and the delivery lands."""
    target = _copy(delivery, tmp_path)
    os.remove(os.path.join(target, "241800432_DOC_URBA_COM_20200128.dbf"))
    doc = ogr.Open(os.path.join(target, "241800432_DOC_URBA_20200128.dbf"), 1)
    layer = doc.GetLayer(0)
    twin = ogr.Feature(layer.GetLayerDefn())
    twin.SetFrom(layer.GetFeature(0))
    twin.SetField("IDURBA", "241800432_PLUI_20210101")
    layer.CreateFeature(twin)
    del twin, layer, doc
    zones = ogr.Open(_zone(target, ".shp"), 1)
    layer = zones.GetLayer(0)
    layer.CreateField(ogr.FieldDefn("COMMENT", ogr.OFTString))
    for fid, field, value in ((0, "IDURBA", "241800432_PLUi_20200128"), (1, "TYPEZONE", "Nh"),
                              (2, "COMMENT", "à revoir")):
        feature = layer.GetFeature(fid)
        feature.SetField(field, value)
        layer.SetFeature(feature)
    del feature, layer, zones
    conn = store.open_store(new_store)
    report = plu.import_plu(conn, target)
    defects = {(d.rule, d.message, d.blocking) for d in report.defects}
    assert {("DOC_URBA size", "DOC_URBA holds 2 documents: the first (%s) is imported"
             % IDURBA, True),
            ("DOC_URBA_COM", "no DOC_URBA_COM table: the communes of the document are unknown",
             True),
            ("unexpected attribute", "attribute COMMENT is not in the CNIG 2017 model: not kept",
             False),
            ("reference to DOC_URBA", "IDURBA 241800432_PLUi_20200128 is the document's written "
             "otherwise (%s): read as %s" % (IDURBA, IDURBA), False),
            ("code list", "TYPEZONE Nh is a code of the CNIG 2013 model, not of 2017", True),
            } <= defects
    assert _counts(conn)["zone_urba"] == 221
    assert conn.execute("SELECT idurba FROM doc_urba").fetchall() == [(IDURBA,)]
    assert conn.execute("SELECT count(*) FROM zone_urba WHERE idurba <> ?", (IDURBA,))\
        .fetchone()[0] == 0
