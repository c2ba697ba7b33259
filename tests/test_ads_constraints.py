"""sitchartreuse:adsconstraints: table, HTML and PDF fiche; the real CNIG
PLUi of ../shared/data through E's importer."""
import os
import subprocess

import pytest
from qgis.core import QgsVectorLayer

from sit_chartreuse.core import ads, store
from sit_chartreuse.core.imports.plu import import_plu

from ads_helpers import INSEE, add_dossier, small_plui

PLUI = os.path.join("plu-cnig", "241800432_PLUi_20200128")


def _pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], check=True,
                          capture_output=True, text=True).stdout


def test_fiche_of_a_dossier(new_store, tmp_path, run_algorithm):
    small_plui(new_store).close()
    out = run_algorithm("adsconstraints", {
        "STORE": new_store, "DOSSIERS": "PC 038 442 26 00001",
        "OUTPUT_TABLE": str(tmp_path / "constraints.csv"),
        "OUTPUT_HTML": str(tmp_path / "fiche.html"), "OUTPUT_PDF": str(tmp_path / "fiche.pdf")})
    table = QgsVectorLayer(out["OUTPUT_TABLE"], "t", "ogr")
    rows = [(f["libelle"], f["nature"], f["part_pct"]) for f in table.getFeatures()]
    assert [r[0] for r in rows] == ["UA", "N", "Haie", "Arbre", "Risque"]
    assert float(rows[0][2]) == 75.0
    html = open(out["OUTPUT_HTML"], encoding="utf-8").read()
    assert "PC 038 442 26 00001" in html and "15\u202f000\u00a0m²" in html
    assert "75,0\u00a0%" in html and "Zone urbaine" in html and "X 100, Y 50" in html
    text = _pdf_text(out["OUTPUT_PDF"])
    assert "PC 038 442 26 00001" in text
    for label in ("UA", "N", "Haie", "Zone urbaine", "Zone naturelle"):
        assert label in text
    assert "A" not in [line.split()[1] for line in text.splitlines()
                       if line.strip().startswith("Zone ") and len(line.split()) > 1]


def test_constraints_of_parcels_and_of_a_commune(new_store, tmp_path, run_algorithm):
    small_plui(new_store).close()
    out = run_algorithm("adsconstraints", {
        "STORE": new_store, "PARCELS": "AB 1; 380442000AB0002", "COMMUNE": INSEE,
        "OUTPUT_TABLE": str(tmp_path / "p.csv"), "OUTPUT_HTML": str(tmp_path / "p.html")})
    labels = [f["libelle"] for f in QgsVectorLayer(out["OUTPUT_TABLE"], "t", "ogr")
              .getFeatures()]
    assert labels == ["UA", "N", "Haie", "Arbre", "Risque"]
    out = run_algorithm("adsconstraints", {
        "STORE": new_store, "COMMUNE": INSEE, "OUTPUT_TABLE": str(tmp_path / "c.csv"),
        "OUTPUT_HTML": str(tmp_path / "c.html"), "OUTPUT_PDF": str(tmp_path / "c.pdf")})
    assert "A" in [f["libelle"] for f in QgsVectorLayer(out["OUTPUT_TABLE"], "t", "ogr")
                   .getFeatures()]
    assert "38442" in _pdf_text(out["OUTPUT_PDF"])


@pytest.mark.parametrize("parameters, message", [
    ({"DOSSIERS": "PC0384422699999"}, "PC0384422699999"),
    ({"PARCELS": "AB 1"}, "INSEE"),
    ({"PARCELS": "AB 1", "DOSSIERS": "PC0384422600001"}, "not both"),
    ({}, "Give dossier numbers"),
])
def test_bad_requests_are_explained(new_store, tmp_path, run_algorithm, parameters, message):
    from qgis.core import QgsProcessingException
    small_plui(new_store).close()
    with pytest.raises(QgsProcessingException, match=message):
        run_algorithm("adsconstraints", dict(parameters, STORE=new_store,
                                             OUTPUT_TABLE=str(tmp_path / "t.csv"),
                                             OUTPUT_HTML=str(tmp_path / "t.html")))


def test_real_plui_a_parcel_inside_a_zone(new_store, shared_data, tmp_path):
    """The real PLUi of CC Les Trois Provinces: a parcel drawn 1 m inside a
    real zone gets that zone at 100 %; the R-tree answer equals a full scan."""
    conn = store.open_store(new_store)
    report = import_plu(conn, os.path.join(shared_data, PLUI))
    assert not report.refused
    fid, libelle, area = conn.execute(
        "SELECT fid, libelle, ST_Area(geom) FROM zone_urba WHERE ST_IsValid(geom) "
        "ORDER BY ST_Area(geom) DESC LIMIT 1 OFFSET 10").fetchone()
    with store.transaction(conn):
        conn.execute("INSERT INTO parcelle (idu, insee, geom) SELECT '18275000ZA0001', '18275', "
                     "AsGPB(CastToMultiPolygon(ST_Buffer(geom, -1))) FROM zone_urba "
                     "WHERE fid = ?", (fid,))
        add_dossier(conn, "PA0182752600001", ["18275000ZA0001"])
    [subject] = ads.compute_constraints(conn, ads.dossier_subjects(conn, ["PA0182752600001"]))
    zones = [c for c in subject.constraints if c.kind == "zone"]
    assert zones[0].libelle == libelle and zones[0].share == pytest.approx(1.0)
    assert sum(c.share for c in zones) == pytest.approx(1.0)
    assert subject.area_m2 < area
    scan = set()
    for table, kind, family, _, _ in ads.CONSTRAINT_TABLES:
        measure = {"polygon": "ST_Area", "line": "ST_Length"}.get(family)
        sql = ("SELECT t.uuid FROM %s t, ads_dossier d WHERE d.numero = 'PA0182752600001' "
               "AND ST_Intersects(t.geom, d.geom) AND %s" % (
                   table, "%s(ST_Intersection(ST_MakeValid(t.geom), d.geom)) > %r" % (
                       measure, ads.MIN_AREA_M2 if family == "polygon" else ads.MIN_LENGTH_M)
                   if measure else "NOT ST_Touches(t.geom, d.geom)"))
        scan |= {r[0] for r in conn.execute(sql)}
    assert {c.uuid for c in subject.constraints} == scan
    assert len(scan) > 1   # the zone and prescriptions over it


def test_long_fiche_continues_on_further_pages(new_store, tmp_path, run_algorithm):
    from ads_helpers import add_overlay
    conn = small_plui(new_store)
    with store.transaction(conn):
        for i in range(30):
            add_overlay(conn, "prescription_pct", "Arbre remarquable %02d" % i,
                        "POINT(%d 60)" % (5 + 6 * i))
    conn.close()
    out = run_algorithm("adsconstraints", {
        "STORE": new_store, "DOSSIERS": "PC0384422600001, PC0384422600001",
        "OUTPUT_TABLE": str(tmp_path / "t.csv"), "OUTPUT_HTML": str(tmp_path / "t.html"),
        "OUTPUT_PDF": str(tmp_path / "t.pdf")})
    pages = _pdf_text(out["OUTPUT_PDF"]).split("\f")
    assert len([p for p in pages if p.strip()]) == 2       # 35 constraints, 24 a page
    assert "(continued)" in pages[1] and "Arbre remarquable 29" in pages[1]
