"""Cadastre import on Luxiol's real EDIGEO sheets and Etalab-layout file, and
the yearly update that keeps the links pointing at parcels."""
import copy
import json
import os
import zipfile

import pytest
from osgeo import ogr
from qgis.core import QgsProcessingException

from conftest import PG_SERVER
from sit_chartreuse.core.errors import SitError
from sit_chartreuse.core.imports import cadastre
from sit_chartreuse.core.imports.common import ImportCancelled
from sit_chartreuse.core.storage import db, store
from helpers import CancelAfter
from import_helpers import checks_made, last_changes, total_changes


@pytest.fixture
def luxiol(shared_data):
    base = os.path.join(shared_data, "cadastre")
    return {"edigeo": os.path.join(base, "edigeo", "25354"),
            "etalab": os.path.join(base, "derived_etalab_format_cadastre-25354-parcelles.json")}


def _parcels(conn):
    return {r[0]: r[1:] for r in conn.execute(
        "SELECT idu, uuid, contenance, millesime, insee, prefixe, section, numero FROM parcelle")}


def test_edigeo_and_etalab_give_the_same_511_parcels(luxiol, store_location):
    conn = store.open_store(store_location)
    got = {}
    for kind in ("edigeo", "etalab"):
        conn.execute("DELETE FROM parcelle")
        report = cadastre.import_cadastre(conn, luxiol[kind], millesime=2025)
        assert not report.defects
        assert report.outcome.startswith("511 parcels created")
        got[kind] = {idu: row[1:] for idu, row in _parcels(conn).items()}
        assert conn.execute("SELECT count(*) FROM parcelle WHERE geom IS NULL OR NOT "
                            "ST_IsValid(geom) OR ST_Area(geom) <= 0").fetchone()[0] == 0
        # Every parcel is found through the spatial index (R-tree or GiST).
        assert conn.execute("SELECT count(*) FROM parcelle WHERE %s"
                            % db.dialect(conn).in_box("parcelle"),
                            (0, 0, 2e6, 8e6)).fetchone()[0] == 511
    assert len(got["edigeo"]) == 511
    assert got["edigeo"] == got["etalab"]
    assert got["edigeo"]["25354000AB0001"] == (226060, 2025, "25354", "000", "AB", "0001")
    conn.close()


def test_the_geopackage_rtree_is_filled_and_its_triggers_restored(luxiol, new_store):
    conn = store.open_store(new_store)
    for kind in ("edigeo", "etalab"):
        conn.execute("DELETE FROM parcelle")
        cadastre.import_cadastre(conn, luxiol[kind], millesime=2025)
        assert conn.execute("SELECT count(*) FROM rtree_parcelle_geom").fetchone()[0] == 511
        # The spatial index holds each parcel's box (32-bit floats, rounded outwards).
        assert conn.execute(
            "SELECT count(*) FROM parcelle p JOIN rtree_parcelle_geom r ON r.id = p.fid "
            "WHERE r.minx <= ST_MinX(p.geom) AND r.maxx >= ST_MaxX(p.geom) "
            "AND r.miny <= ST_MinY(p.geom) AND r.maxy >= ST_MaxY(p.geom) "
            "AND r.maxx - ST_MaxX(p.geom) < 1 AND ST_MinY(p.geom) - r.miny < 1")\
            .fetchone()[0] == 511
        # The insert triggers are back for everyone else's edits.
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN "
                            "('rtree_parcelle_geom_insert', 'parcelle_last_change_insert')")\
            .fetchone()[0] == 2


def test_the_other_source_of_the_same_year_changes_nothing(luxiol, store_location):
    conn = store.open_store(store_location)
    cadastre.import_cadastre(conn, luxiol["edigeo"], millesime=2025)
    report = cadastre.import_cadastre(conn, luxiol["etalab"], millesime=2025)
    # Etalab's 7 decimals of a degree are rounding, not a change of the parcels.
    assert report.outcome.startswith("0 ")
    assert "511" in report.outcome


def test_rerun_is_idempotent(luxiol, store_location):
    conn = store.open_store(store_location)
    cadastre.import_cadastre(conn, luxiol["etalab"], millesime=2025)
    before = _parcels(conn), last_changes(conn), total_changes(conn)
    report = cadastre.import_cadastre(conn, luxiol["etalab"], millesime=2025)
    # Nothing written at all.
    assert (_parcels(conn), last_changes(conn), total_changes(conn)) == before
    assert "0 parcels created, 0 changed, 0 gone, 511 unchanged" in report.outcome


def _next_year(etalab, path):
    """Year N+1: AB 50 renumbered AB 900 (gone + created on the same ground),
    AB 254 moved by about 1 m, AB 1's area corrected."""
    with open(etalab, encoding="utf-8") as f:
        data = json.load(f)
    by_id = {feat["id"]: feat for feat in data["features"]}
    renumbered = copy.deepcopy(by_id["25354000AB0050"])
    renumbered["id"] = renumbered["properties"]["id"] = "25354000AB0900"
    renumbered["properties"]["numero"] = "900"
    data["features"] = [f for f in data["features"] if f["id"] != "25354000AB0050"]
    data["features"].append(renumbered)
    moved = by_id["25354000AB0254"]["geometry"]
    moved["coordinates"] = json.loads(json.dumps(moved["coordinates"]).replace("[6.", "[6.00001"))
    by_id["25354000AB0001"]["properties"]["contenance"] += 10
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f)
    return path


def _link(conn, idu, title):
    uuid = conn.execute("SELECT uuid FROM parcelle WHERE idu = ?", (idu,)).fetchone()[0]
    conn.execute("INSERT INTO ticket (application, layer_name, feature_uuid, category, title, "
                 "opened_on) VALUES ('ads', 'parcelle', ?, 'maintenance_corrective', ?, "
                 "'2026-01-05')", (uuid, title))
    conn.execute("INSERT INTO ads_dossier_parcelle (numero, idu) VALUES (?, ?)",
                 ("PC0253542600001", idu))
    return uuid


def test_yearly_update_reports_changes_and_keeps_links(luxiol, store_location, tmp_path):
    conn = store.open_store(store_location)
    cadastre.import_cadastre(conn, luxiol["etalab"], millesime=2025)
    kept = _link(conn, "25354000AB0254", "Limite à vérifier")
    _link(conn, "25354000AB0050", "Parcelle renumérotée")
    before = _parcels(conn)
    report = cadastre.import_cadastre(conn, _next_year(luxiol["etalab"], str(tmp_path / "n1.json")),
                                      millesime=2026)
    after = _parcels(conn)
    assert report.outcome.startswith("1 parcels created, 2 changed, 1 gone, 508 unchanged")
    assert set(after) == set(before) - {"25354000AB0050"} | {"25354000AB0900"}
    # A parcel that persists keeps its row and uuid: the ticket still finds it.
    assert after["25354000AB0254"][0] == kept
    assert conn.execute("SELECT p.idu FROM ticket t JOIN parcelle p ON p.uuid = t.feature_uuid "
                        "WHERE t.title = 'Limite à vérifier'").fetchone() == ("25354000AB0254",)
    assert after["25354000AB0001"][1] == before["25354000AB0001"][1] + 10
    assert {row[2] for row in after.values()} == {2026}
    # Links to the gone parcel are reported, with the parcel now on its ground.
    tables = {title: rows for title, _, rows in report.sections}
    broken = tables["Links to gone parcels (to re-point)"]
    assert sorted(r[0].split()[0] for r in broken) == ["dossier", "ticket"]
    assert {r[1] for r in broken} == {"25354000AB0050"}
    assert {r[2] for r in broken} == {"25354000AB0900"}
    html = report.html()
    assert "25354000AB0050" in html and "PC0253542600001" in html


def test_other_communes_are_left_alone(luxiol, store_location, tmp_path):
    conn = store.open_store(store_location)
    conn.execute("INSERT INTO parcelle (idu, insee, section, numero) "
                 "VALUES ('38185000AB0001', '38185', 'AB', '0001')")
    report = cadastre.import_cadastre(conn, luxiol["etalab"], millesime=2025)
    assert "0 gone" in report.outcome
    assert conn.execute("SELECT count(*) FROM parcelle").fetchone()[0] == 512


def test_zip_of_sheets_and_processing_algorithm(luxiol, store_location, tmp_path,
                                                run_algorithm):
    archive = str(tmp_path / "luxiol.zip")
    with zipfile.ZipFile(archive, "w") as z:
        for name in sorted(os.listdir(luxiol["edigeo"])):
            z.write(os.path.join(luxiol["edigeo"], name), "pci/" + name)
    out = str(tmp_path / "rapport.html")
    result = run_algorithm("importcadastre", {
        "STORE": str(store_location), "INPUT": archive, "MILLESIME": 2025,
        "OUTPUT_REPORT": out})
    assert result["OUTPUT_REPORT"] == out
    assert "511" in result["SUMMARY"]
    with open(out, encoding="utf-8") as f:
        assert "edigeo-25354000ZI01.tar.bz2" in f.read()
    conn = store.open_store(store_location)
    assert conn.execute("SELECT count(*), min(millesime) FROM parcelle").fetchone() == (511, 2025)
    # The delivery's folder is accepted as well (the year defaults to this year).
    result = run_algorithm("importcadastre", {
        "STORE": str(store_location), "INPUT": luxiol["edigeo"], "OUTPUT_REPORT": out})
    assert "0 parcels created, 0 changed, 0 gone, 511 unchanged" in result["SUMMARY"]



@pytest.mark.parametrize("checks", [0, 1, 2])
def test_cancel_leaves_the_store_as_before(luxiol, store_location, tmp_path, checks):
    conn = store.open_store(store_location)
    cadastre.import_cadastre(conn, luxiol["etalab"], millesime=2025)
    before = _parcels(conn)
    n1 = _next_year(luxiol["etalab"], str(tmp_path / "n1.json"))
    # Count the checks the import makes, then cancel at several of them
    # (the last ones are inside the transaction, after writing).
    total = checks_made(
        tmp_path, lambda c: cadastre.import_cadastre(c, luxiol["etalab"], millesime=2025),
        lambda c, feedback: cadastre.import_cadastre(c, n1, millesime=2026, feedback=feedback))
    with pytest.raises(ImportCancelled):
        cadastre.import_cadastre(conn, n1, millesime=2026,
                                 feedback=CancelAfter(total - 1 - checks))
    assert _parcels(conn) == before


@pytest.mark.parametrize("content, message", [
    (None, "holds nothing usable"),
    ("zip-empty", "holds nothing usable"),
    ('{"type": "FeatureCollection", "features": [{"type": "Feat', "parcelles.json"),
    ('{"type": "FeatureCollection", "features": []}', "no parcel could be read"),
])
def test_bad_input_is_named_and_changes_nothing(luxiol, store_location, tmp_path, content,
                                                message):
    conn = store.open_store(store_location)
    cadastre.import_cadastre(conn, luxiol["etalab"], millesime=2025)
    before = _parcels(conn)
    folder = tmp_path / "livraison"
    folder.mkdir()
    target = str(folder)
    if content == "zip-empty":
        (folder / "lisezmoi.txt").write_text("rien")
        target = str(tmp_path / "vide.zip")
        with zipfile.ZipFile(target, "w") as z:
            z.write(str(folder / "lisezmoi.txt"), "lisezmoi.txt")
    elif content:
        target = str(folder / "cadastre-25354-parcelles.json")
        with open(target, "w") as f:
            f.write(content)
    with pytest.raises(SitError) as e:
        cadastre.import_cadastre(conn, target, millesime=2026)
    assert message in str(e.value)
    assert os.path.basename(target) in str(e.value) or target in str(e.value)
    assert _parcels(conn) == before


def test_extracted_sheets_need_their_departement_and_gzip_is_read(luxiol, store_location,
                                                                  tmp_path):
    import gzip
    import tarfile
    folder = tmp_path / "feuilles"
    for name in sorted(os.listdir(luxiol["edigeo"]))[:2]:
        with tarfile.open(os.path.join(luxiol["edigeo"], name)) as t:
            t.extractall(str(folder / name[:-8]))
    conn = store.open_store(store_location)
    with pytest.raises(SitError, match="departement"):
        cadastre.import_cadastre(conn, str(folder), millesime=2025)
    report = cadastre.import_cadastre(conn, str(folder), millesime=2025, departement="25")
    sheets = conn.execute("SELECT count(*), min(idu) FROM parcelle").fetchone()
    assert sheets[0] > 0 and sheets[1].startswith("25354000AB")
    gz = str(tmp_path / "cadastre-25354-parcelles.json.gz")
    with open(luxiol["etalab"], "rb") as src, gzip.open(gz, "wb") as dst:
        dst.write(src.read())
    report = cadastre.import_cadastre(conn, gz, millesime=2025)
    assert report.outcome.startswith("%d parcels created, 0 changed" % (511 - sheets[0]))


def test_dossier_footprints_follow_the_parcels(luxiol, store_location, tmp_path):
    conn = store.open_store(store_location)
    cadastre.import_cadastre(conn, luxiol["etalab"], millesime=2025)
    # AB 900 does not exist yet: its dossier has no footprint until it arrives.
    conn.execute("INSERT INTO ads_dossier (numero, type_dossier, insee) "
                 "VALUES ('PC0253542600002', 'PC', '25354')")
    conn.execute("INSERT INTO ads_dossier_parcelle (numero, idu) "
                 "VALUES ('PC0253542600002', '25354000AB0900')")
    cadastre.import_cadastre(conn, _next_year(luxiol["etalab"], str(tmp_path / "n1.json")),
                             millesime=2026)
    footprint, parcel = conn.execute(
        "SELECT ST_Area(d.geom), ST_Area(p.geom) FROM ads_dossier d, parcelle p "
        "WHERE d.numero = 'PC0253542600002' AND p.idu = '25354000AB0900'").fetchone()
    assert footprint is not None and abs(footprint - parcel) < 0.01


def test_a_row_the_store_refuses_rolls_the_whole_import_back(luxiol, store_location):
    """A hand-edited store holds AB 1 under another commune's INSEE code: the
    delivery's AB 1 breaks the unique IDU mid-insert; nothing lands, and on a
    GeoPackage the deferred R-tree triggers are back."""
    conn = store.open_store(store_location)
    conn.execute("INSERT INTO parcelle (idu, insee, section, numero) "
                 "VALUES ('25354000AB0001', '38185', 'AB', '0001')")
    before = _parcels(conn), last_changes(conn)
    with pytest.raises(SitError, match="Table parcelle refused the delivery.*Nothing was written"):
        cadastre.import_cadastre(conn, luxiol["etalab"], millesime=2025)
    assert (_parcels(conn), last_changes(conn)) == before
    if not db.is_postgres(store_location):
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND "
                            "name IN ('rtree_parcelle_geom_insert', "
                            "'parcelle_last_change_insert')").fetchone()[0] == 2
    # The same delivery lands once the store is fixed.
    conn.execute("DELETE FROM parcelle")
    assert cadastre.import_cadastre(conn, luxiol["etalab"], millesime=2025).outcome.startswith(
        "511 parcels created")


def test_a_schema_named_to_inject_sql_imports_and_harms_nothing(luxiol, pg_admin, tmp_path,
                                                               run_algorithm):
    schema = 'we"ird; DROP TABLE parcelle;-- %s' % tmp_path.name[-8:]
    location = str(db.PgLocation(schema, dict(PG_SERVER)))
    try:
        store.create_store(location)
        result = run_algorithm("importcadastre", {
            "STORE": location, "INPUT": luxiol["etalab"], "MILLESIME": 2025,
            "OUTPUT_REPORT": str(tmp_path / "r.html")})
        assert result["SUMMARY"].startswith("511 parcels created")
        conn = store.open_store(location)
        assert conn.execute("SELECT count(*) FROM parcelle").fetchone()[0] == 511
        assert cadastre.import_cadastre(conn, luxiol["etalab"], millesime=2026).outcome \
            .startswith("0 parcels created, 0 changed, 0 gone, 511 unchanged")
        conn.close()
    finally:
        pg_admin.execute("DROP SCHEMA IF EXISTS %s CASCADE" % db.Dialect.quote(schema))


# --- what a delivery covers (issue 12, point 5) --------------------------------------

def _edited(etalab, path, edit):
    """A copy of the Etalab file at `path`, its feature list passed through `edit`."""
    with open(etalab, encoding="utf-8") as f:
        data = json.load(f)
    data["features"] = edit(data["features"])
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f)
    return path


def _gone_rows(report):
    return [r[0] for r in {t: rows for t, _, rows in report.sections}["Gone parcels"]]


def _add_square(conn, idu, near):
    """A stored parcel `idu`: a 2 m square on the ground of parcel `near`."""
    (wkb,) = conn.execute("SELECT ST_AsBinary(geom) FROM parcelle WHERE idu = ?",
                          (near,)).fetchone()
    square = ogr.CreateGeometryFromWkb(bytes(wkb)).PointOnSurface().Buffer(1, 1)
    conn.execute("INSERT INTO parcelle (geom, idu, insee, prefixe, section, numero) "
                 "VALUES (%s, ?, ?, '000', ?, ?)" % db.dialect(conn).geom_from_wkb,
                 (bytes(ogr.ForceToMultiPolygon(square).ExportToIsoWkb()), idu, idu[:5],
                  idu[8:10], idu[10:]))


def test_one_sheet_deletes_only_within_its_feuille(luxiol, store_location):
    """Luxiol's sheet AB01 re-imported alone: the 497 parcels of its 7 other
    sheets stay, and so does the ticket on one of them; a stored parcel of
    AB's feuille that the sheet no longer holds is gone, one of AK is not."""
    conn = store.open_store(store_location)
    cadastre.import_cadastre(conn, luxiol["edigeo"], millesime=2025)
    _link(conn, "25354000AK0010", "Limite à vérifier")
    _add_square(conn, "25354000AB0999", "25354000AB0001")
    _add_square(conn, "25354000AK0999", "25354000AK0010")
    sheet = os.path.join(luxiol["edigeo"], "edigeo-25354000AB01.tar.bz2")
    report = cadastre.import_cadastre(conn, sheet, millesime=2025)
    assert report.outcome == "0 parcels created, 0 changed, 1 gone, 14 unchanged."
    assert _gone_rows(report) == ["25354000AB0999"]
    assert not {t: rows for t, _, rows in report.sections}["Links to gone parcels (to re-point)"]
    assert conn.execute("SELECT count(*) FROM parcelle").fetchone()[0] == 512
    assert conn.execute("SELECT p.idu FROM ticket t JOIN parcelle p ON p.uuid = t.feature_uuid")\
        .fetchall() == [("25354000AK0010",)]


def test_refused_parcels_are_never_gone(luxiol, store_location, tmp_path):
    """AB 1 delivered without geometry, AB 22 with a malformed id (its outline
    still there), AB 23 as a point: each is refused with a defect naming it,
    and none of the stored ones is deleted. A parcel with neither a readable
    id nor an outline could be any: then nothing of its file is gone."""
    conn = store.open_store(store_location)
    cadastre.import_cadastre(conn, luxiol["etalab"], millesime=2025)
    before = _parcels(conn)

    def spoil(features):
        by_id = {f["id"]: f for f in features}
        by_id["25354000AB0001"]["geometry"] = None
        by_id["25354000AB0022"]["properties"]["id"] = "25354000AB00X2"
        by_id["25354000AB0023"]["geometry"] = {"type": "Point", "coordinates": [6.0, 47.4]}
        return features
    path = _edited(luxiol["etalab"], str(tmp_path / "cadastre-25354-parcelles.json"), spoil)
    report = cadastre.import_cadastre(conn, path, millesime=2025)
    assert report.outcome.startswith("0 parcels created, 0 changed, 0 gone")
    assert _parcels(conn) == before
    defects = {d.feature: d.message for d in report.defects}
    assert defects["25354000AB0001"] == "parcel without geometry: refused"
    assert "25354000AB00X2" in defects[str(next(
        i for i, f in enumerate(json.load(open(path))["features"], 1)
        if f["properties"]["id"] == "25354000AB00X2"))]
    assert defects["25354000AB0023"] == "a POINT is not the outline of a parcel: refused"
    assert all(d.layer == "cadastre-25354-parcelles.json" for d in report.defects)

    def blind(features):   # AB 24 removed, and a parcel no one can identify
        kept = [f for f in features if f["id"] != "25354000AB0024"]
        kept[0]["properties"]["id"], kept[0]["geometry"] = "???", None
        return kept
    path = _edited(luxiol["etalab"], str(tmp_path / "cadastre-25354-parcelles.json"), blind)
    report = cadastre.import_cadastre(conn, path, millesime=2025)
    assert "0 gone" in report.outcome
    assert _parcels(conn) == before


def test_a_stray_parcel_of_another_commune_deletes_nothing_there(luxiol, store_location,
                                                                tmp_path):
    """A typo puts one parcel of Luxiol under commune 38185: in Luxiol's own
    file it is refused; in a file that does not name its commune, the
    deletion of 38185's parcels it would bring is refused."""
    conn = store.open_store(store_location)
    cadastre.import_cadastre(conn, luxiol["etalab"], millesime=2025)
    for n in ("0001", "0002"):
        conn.execute("INSERT INTO parcelle (idu, insee, section, numero) "
                     "VALUES (?, '38185', 'AB', ?)", ("38185000AB" + n, n))
    before = _parcels(conn)

    def typo(features):
        features[0]["properties"]["id"] = "38185000AB0777"
        return features
    named = _edited(luxiol["etalab"], str(tmp_path / "cadastre-25354-parcelles.json"), typo)
    report = cadastre.import_cadastre(conn, named, millesime=2025)
    assert report.outcome.startswith("0 parcels created, 0 changed, 0 gone")
    assert [(d.feature, d.message) for d in report.defects] == [
        ("38185000AB0777", "parcel of commune 38185 in the file of commune 25354: refused")]
    assert _parcels(conn) == before
    unnamed = _edited(luxiol["etalab"], str(tmp_path / "parcelles.json"), typo)
    report = cadastre.import_cadastre(conn, unnamed, millesime=2025)
    assert report.refused
    assert "2 of the 2 parcels of commune 38185" in report.outcome
    assert _gone_rows(report) == ["25354000AB0001", "38185000AB0001", "38185000AB0002"]
    assert _parcels(conn) == before


def test_deleting_a_large_share_of_a_commune_needs_confirming(luxiol, store_location, tmp_path,
                                                              run_algorithm):
    """Half of Luxiol delivered as its commune file: refused, every parcel
    that would go listed, nothing written; confirmed, it lands."""
    conn = store.open_store(store_location)
    cadastre.import_cadastre(conn, luxiol["etalab"], millesime=2025)
    before = _parcels(conn), last_changes(conn)
    half = _edited(luxiol["etalab"], str(tmp_path / "cadastre-25354-parcelles.json"),
                   lambda features: features[:256])
    report = cadastre.import_cadastre(conn, half, millesime=2025)
    assert report.refused
    assert "255 of the 511 parcels of commune 25354" in report.outcome
    assert "Nothing was written" in report.outcome
    gone = _gone_rows(report)
    assert len(gone) == 255 and set(gone) == set(before[0]) - {
        f["id"] for f in json.load(open(half))["features"]}
    assert (_parcels(conn), last_changes(conn)) == before
    out = str(tmp_path / "rapport.html")
    parameters = {"STORE": str(store_location), "INPUT": half, "MILLESIME": 2025,
                  "OUTPUT_REPORT": out}
    with pytest.raises(QgsProcessingException, match="255 of the 511 parcels.*rapport.html"):
        run_algorithm("importcadastre", parameters)
    with open(out, encoding="utf-8") as f:
        html = f.read()
    assert all(idu in html for idu in gone)
    assert (_parcels(conn), last_changes(conn)) == before
    result = run_algorithm("importcadastre", dict(parameters, CONFIRM_DELETIONS=True))
    assert result["SUMMARY"] == "0 parcels created, 0 changed, 255 gone, 256 unchanged."
    assert conn.execute("SELECT count(*) FROM parcelle").fetchone()[0] == 256


SAVOIE = ("etalab_73253_savoie_2019", "2019-73253.json")


def _savoie_shapes(shared_data, tmp_path):
    """The real Savoie file in the shapes other tools leave it: gzipped,
    pretty-printed with contenance as a decimal (text or number), arpente as
    text and extra fields, and in Lambert-93 with its "crs" member."""
    import gzip
    from osgeo import gdal
    real = os.path.join(shared_data, "cadastre", *SAVOIE)
    with open(real, "rb") as f:
        raw = f.read()
    gz = tmp_path / "cadastre-73253-parcelles.json.gz"
    gz.write_bytes(gzip.compress(raw))
    collection = json.loads(raw)
    for n, feature in enumerate(collection["features"]):
        p = feature["properties"]
        if "contenance" in p:
            p["contenance"] = "%s.0" % p["contenance"] if n % 2 else float(p["contenance"])
        p["arpente"] = "oui" if p.get("arpente") else "non"
        p["nature"], p["source"] = "parcelle", "export SIG"
    pretty = tmp_path / "parcelles-2019.geojson"
    pretty.write_text(json.dumps(collection, indent=2), encoding="utf-8")
    lambert = tmp_path / "parcelles-l93-2019.geojson"
    gdal.VectorTranslate(str(lambert), str(pretty), format="GeoJSON", dstSRS="EPSG:2154",
                         layerCreationOptions=["RFC7946=NO", "WRITE_NAME=NO"])
    return real, {"gzip": gz, "pretty": pretty, "lambert-93": lambert}


def test_etalab_parcels_in_every_shape_land_the_same(shared_data, store_location, tmp_path):
    real, shapes = _savoie_shapes(shared_data, tmp_path)
    conn = store.open_store(store_location)
    report = cadastre.import_cadastre(conn, real)
    assert report.outcome == "7\u202f425 parcels created, 0 changed, 0 gone, 0 unchanged."
    # The millésime is the delivery's (its name says 2019), not this year's.
    assert conn.execute("SELECT count(*), count(contenance), min(millesime), max(millesime) "
                        "FROM parcelle").fetchone() == (7425, 7423, 2019, 2019)
    assert any("Cadastre year read from the delivery" in n for n in report.notes)
    before = _parcels(conn)
    for name, path in shapes.items():
        report = cadastre.import_cadastre(conn, str(path))
        assert report.outcome == "0 parcels created, 0 changed, 0 gone, 7\u202f425 unchanged.", \
            name
        assert [d for d in report.defects if d.blocking] == [], name
        assert _parcels(conn) == before, name


def test_the_millesime_is_read_from_the_latest_update_when_the_name_says_none(
        shared_data, store_location, tmp_path):
    real = os.path.join(shared_data, "cadastre", *SAVOIE)
    renamed = tmp_path / "cadastre-73253-parcelles.json"
    with open(real, "rb") as f:
        renamed.write_bytes(f.read())
    conn = store.open_store(store_location)
    cadastre.import_cadastre(conn, str(renamed))
    # Its latest parcel was updated on 2019-05-13.
    assert conn.execute("SELECT DISTINCT millesime FROM parcelle").fetchall() == [(2019,)]
    cadastre.import_cadastre(conn, str(renamed), millesime=2020)
    assert conn.execute("SELECT DISTINCT millesime FROM parcelle").fetchall() == [(2020,)]
