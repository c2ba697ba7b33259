"""sitchartreuse:adsconstraints: table, HTML and PDF fiche, on both backends;
the real CNIG PLUi of ../shared/data through E's importer, copied into PostGIS
to check that both backends find the same constraints with the same areas;
a PostgreSQL schema named to inject SQL."""
import os
import subprocess
import uuid

import pytest
from qgis.core import QgsFeedback, QgsLocatorContext, QgsVectorLayer

from conftest import PG_SERVER
from sit_chartreuse.core import ads
from sit_chartreuse.core.imports.plu import import_plu
from sit_chartreuse.core.storage import db, store
from sit_chartreuse.plugin.locator import AdsLocatorFilter

from ads_helpers import INSEE, add_assiette, add_dossier, add_parcel, small_plui, square

PLUI = os.path.join("plu-cnig", "241800432_PLUi_20200128")


def _pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], check=True,
                          capture_output=True, text=True).stdout


def test_fiche_of_a_dossier(store_location, tmp_path, run_algorithm):
    small_plui(store_location).close()
    out = run_algorithm("adsconstraints", {
        "STORE": str(store_location), "DOSSIERS": "PC 038 442 26 00001",
        "OUTPUT_TABLE": str(tmp_path / "constraints.csv"),
        "OUTPUT_HTML": str(tmp_path / "fiche.html"), "OUTPUT_PDF": str(tmp_path / "fiche.pdf")})
    table = QgsVectorLayer(out["OUTPUT_TABLE"], "t", "ogr")
    rows = [(f["libelle"], f["nature"], f["part_pct"]) for f in table.getFeatures()]
    assert [r[0] for r in rows] == ["UA", "N", "Haie", "Arbre", "Risque"]
    assert float(rows[0][2]) == 75.0
    html = open(out["OUTPUT_HTML"], encoding="utf-8").read()
    assert "PC 038 442 26 00001" in html and "15\u202f000\u00a0m²" in html
    assert "75,0\u00a0%" in html and "Zone urbaine" in html and "X 100, Y 50" in html
    assert "sit_admin" not in html   # a PostgreSQL store is named without its credentials
    text = _pdf_text(out["OUTPUT_PDF"])
    assert "PC 038 442 26 00001" in text
    for label in ("UA", "N", "Haie", "Zone urbaine", "Zone naturelle"):
        assert label in text
    assert "A" not in [line.split()[1] for line in text.splitlines()
                       if line.strip().startswith("Zone ") and len(line.split()) > 1]


def test_constraints_of_parcels_and_of_a_commune(store_location, tmp_path, run_algorithm):
    small_plui(store_location).close()
    out = run_algorithm("adsconstraints", {
        "STORE": str(store_location), "PARCELS": "AB 1; 380442000AB0002", "COMMUNE": INSEE,
        "OUTPUT_TABLE": str(tmp_path / "p.csv"), "OUTPUT_HTML": str(tmp_path / "p.html")})
    labels = [f["libelle"] for f in QgsVectorLayer(out["OUTPUT_TABLE"], "t", "ogr")
              .getFeatures()]
    assert labels == ["UA", "N", "Haie", "Arbre", "Risque"]
    out = run_algorithm("adsconstraints", {
        "STORE": str(store_location), "COMMUNE": INSEE, "OUTPUT_TABLE": str(tmp_path / "c.csv"),
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
def test_bad_requests_are_explained(store_location, tmp_path, run_algorithm, parameters, message):
    from qgis.core import QgsProcessingException
    small_plui(store_location).close()
    with pytest.raises(QgsProcessingException, match=message):
        run_algorithm("adsconstraints", dict(parameters, STORE=str(store_location),
                                             OUTPUT_TABLE=str(tmp_path / "t.csv"),
                                             OUTPUT_HTML=str(tmp_path / "t.html")))


# The PLUi columns the constraints read (copied from one backend to the other).
PLUI_COLUMNS = {
    "zone_urba": ("libelle", "typezone", "libelong"),
    **{t: ("libelle", "typepsc", "stypepsc", "txt")
       for t in ("prescription_surf", "prescription_lin", "prescription_pct")},
    **{t: ("libelle", "typeinf", "stypeinf", "txt") for t in ("info_surf", "info_lin", "info_pct")},
}


def _copy_plui(source, target):
    """The PLUi features of one store written into another, as WKB."""
    with store.transaction(target):
        for table, columns in PLUI_COLUMNS.items():
            rows = source.execute("SELECT ST_AsBinary(geom), %s FROM %s" % (
                ", ".join(columns), table)).fetchall()
            target.executemany("INSERT INTO %s (geom, %s) VALUES (%s, %s)" % (
                table, ", ".join(columns), db.dialect(target).geom_from_wkb,
                ", ".join("?" * len(columns))), [(bytes(r[0]),) + tuple(r[1:]) for r in rows])


def real_plui(location, shared_data, tmp_path):
    """An open store at `location` holding the real PLUi: imported by E's
    importer into a GeoPackage, copied from there into PostGIS."""
    gpkg = location if not db.is_postgres(location) else \
        store.create_store(str(tmp_path / "plui.gpkg"))
    conn = store.open_store(gpkg)
    assert not import_plu(conn, os.path.join(shared_data, PLUI)).refused
    if gpkg == location:
        return conn
    target = store.open_store(location)
    _copy_plui(conn, target)
    conn.close()
    return target


def test_real_plui_a_parcel_inside_a_zone(store_location, shared_data, tmp_path):
    """The real PLUi of CC Les Trois Provinces: a parcel drawn 1 m inside a
    real zone gets that zone at 100 %; the spatial index's answer (R-tree,
    GiST) equals a full scan."""
    conn = real_plui(store_location, shared_data, tmp_path)
    fid, libelle, area = conn.execute(
        "SELECT fid, libelle, ST_Area(geom) FROM zone_urba WHERE ST_IsValid(geom) "
        "ORDER BY ST_Area(geom) DESC LIMIT 1 OFFSET 10").fetchone()
    with store.transaction(conn):
        conn.execute("INSERT INTO parcelle (idu, insee, geom) SELECT '18275000ZA0001', '18275', "
                     "%s FROM zone_urba WHERE fid = ?"
                     % db.dialect(conn).multipolygon_union.format("ST_Buffer(geom, -1)"), (fid,))
        add_dossier(conn, "PA0182752600001", ["18275000ZA0001"])
    [subject] = ads.compute_constraints(conn, ads.dossier_subjects(conn, ["PA0182752600001"]))
    zones = [c for c in subject.constraints if c.kind == "zone"]
    assert zones[0].libelle == libelle and zones[0].share == pytest.approx(1.0)
    assert sum(c.share for c in zones) == pytest.approx(1.0)
    assert subject.area_m2 < area
    scan = set()
    for table, _kind, family, *_ in ads.CONSTRAINT_TABLES:
        measure = {"polygon": "ST_Area", "line": "ST_Length"}.get(family)
        sql = ("SELECT t.uuid FROM %s t, ads_dossier d WHERE d.numero = 'PA0182752600001' "
               "AND ST_Intersects(t.geom, d.geom) AND %s" % (
                   table, "%s(ST_Intersection(ST_MakeValid(t.geom), d.geom)) > %r" % (
                       measure, ads.MIN_AREA_M2 if family == "polygon" else ads.MIN_LENGTH_M)
                   if measure else "NOT ST_Touches(t.geom, d.geom)"))
        scan |= {r[0] for r in conn.execute(sql)}
    assert {c.uuid for c in subject.constraints} == scan
    assert len(scan) > 1   # the zone and prescriptions over it


def _constraints_found(conn, squares):
    """Every constraint of one dossier per square, as comparable rows."""
    with store.transaction(conn):
        for i, wkt in enumerate(squares, 1):
            add_dossier(conn, "PA01827526%05d" % i,
                        [add_parcel(conn, "ZA", i, wkt, insee="18275")])
    subjects = ads.compute_constraints(conn, ads.dossier_subjects(
        conn, ["PA01827526%05d" % i for i in range(1, len(squares) + 1)]))
    return sorted((s.key, c.table, c.libelle, c.code, c.area_m2 or c.length_m or c.points)
                  for s in subjects for c in s.constraints)


def test_real_plui_same_constraints_on_both_backends(new_store, pg_location, shared_data,
                                                     tmp_path):
    """Squares of 150 m over the real PLUi (around a point of every fifth
    zone, and on the corner of every other zone's box, so that many straddle
    zone edges, its big invalid zone included): SpatiaLite and PostGIS list
    the same constraints with the same areas, lengths and counts."""
    gpkg = real_plui(new_store, shared_data, tmp_path)
    pg = store.open_store(store.create_store(pg_location))
    _copy_plui(gpkg, pg)
    spots = gpkg.execute(
        "SELECT ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)) FROM zone_urba "
        "WHERE fid % 5 = 0 UNION ALL SELECT ST_MinX(geom), ST_MinY(geom) FROM zone_urba "
        "WHERE fid % 2 = 0 ORDER BY 1, 2").fetchall()
    squares = [square(x - 75, y - 75, x + 75, y + 75) for x, y in spots]
    ours, theirs = _constraints_found(gpkg, squares), _constraints_found(pg, squares)
    assert [r[:4] for r in ours] == [r[:4] for r in theirs]
    assert [r[4] for r in ours] == pytest.approx([r[4] for r in theirs], rel=1e-9)
    assert len(ours) > 2 * len(squares)
    # Shares below 1: footprints cut by zone edges were measured.
    assert len({r[0] for r in ours if r[1] == "zone_urba" and r[4] < 150 * 150 - 1}) > 10


def test_long_fiche_continues_on_further_pages(store_location, tmp_path, run_algorithm):
    from ads_helpers import add_overlay
    conn = small_plui(store_location)
    with store.transaction(conn):
        for i in range(30):
            add_overlay(conn, "prescription_pct", "Arbre remarquable %02d" % i,
                        "POINT(%d 60)" % (5 + 6 * i))
    conn.close()
    out = run_algorithm("adsconstraints", {
        "STORE": str(store_location), "DOSSIERS": "PC0384422600001, PC0384422600001",
        "OUTPUT_TABLE": str(tmp_path / "t.csv"), "OUTPUT_HTML": str(tmp_path / "t.html"),
        "OUTPUT_PDF": str(tmp_path / "t.pdf")})
    pages = _pdf_text(out["OUTPUT_PDF"]).split("\f")
    assert len([p for p in pages if p.strip()]) == 2       # 35 constraints, 24 a page
    assert "(continued)" in pages[1] and "Arbre remarquable 29" in pages[1]


def test_a_schema_named_to_inject_sql_works_and_harms_nothing(pg_admin, tmp_path,
                                                              run_algorithm):
    schema = "ads we\"ird'; DROP TABLE parcelle;-- %s" % uuid.uuid4().hex[:6]
    location = db.PgLocation(schema, dict(PG_SERVER))
    try:
        store.create_store(location)
        small_plui(location).close()
        out = run_algorithm("adsconstraints", {
            "STORE": str(location), "DOSSIERS": "PC0384422600001",
            "OUTPUT_TABLE": str(tmp_path / "t.csv"), "OUTPUT_HTML": str(tmp_path / "t.html"),
            "OUTPUT_PDF": str(tmp_path / "t.pdf")})
        labels = [f["libelle"] for f in QgsVectorLayer(out["OUTPUT_TABLE"], "t", "ogr")
                  .getFeatures()]
        assert labels == ["UA", "N", "Haie", "Arbre", "Risque"]
        assert "PC 038 442 26 00001" in _pdf_text(out["OUTPUT_PDF"])
        search = AdsLocatorFilter(None, str(location))
        found = []
        search.resultFetched.connect(found.append)
        search.prepare("AB 2", QgsLocatorContext())
        search.fetchResults("AB 2", QgsLocatorContext(), QgsFeedback())
        assert [r.displayString for r in found] == ["38442000AB0002"]
        conn = store.open_store(location)
        assert conn.execute("SELECT count(*) FROM parcelle").fetchone()[0] == 3
        conn.close()
    finally:
        pg_admin.execute("DROP SCHEMA IF EXISTS %s CASCADE" % db.Dialect.quote(schema))


def test_a_dossier_over_an_assiette_gets_the_servitude_not_one_touching(store_location):
    conn = small_plui(store_location)
    with store.transaction(conn):
        add_assiette(conn, "PM3-1", "PM3", square(120, 0, 300, 100))   # 80 x 100 of AB 2
        add_assiette(conn, "AC1-1", "AC1", square(-50, -100, 250, 0))  # touches the outline
    subject, = ads.compute_constraints(conn, ads.dossier_subjects(conn, ["PC0384422600001"]))
    servitudes = [c for c in subject.constraints if c.kind == "servitude"]
    assert [(c.table, c.code, c.libelle, c.detail) for c in servitudes] == [
        ("sup_assiette_surf", "PM3", "PM3 – Plans de prévention des risques technologiques",
         "")]
    assert servitudes[0].area_m2 == pytest.approx(8000) and servitudes[0].share == \
        pytest.approx(0.4)
    assert subject.constraints[-1] is servitudes[0]      # after the PLUi's
    conn.close()
