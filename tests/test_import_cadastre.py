"""Cadastre import on Luxiol's real EDIGEO sheets and Etalab-layout file, and
the yearly update that keeps the links pointing at parcels."""
import copy
import json
import os
import zipfile

import pytest

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
