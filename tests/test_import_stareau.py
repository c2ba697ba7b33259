"""StaR-Eau GeoPackages into the RAEPA tables: the official templates, a
small delivery built from them, the FORMAT parameter."""
import os
import shutil

from osgeo import ogr

from sit_chartreuse.core.imports import raepa, stareau
from sit_chartreuse.core.storage import store

TEMPLATES = ("eau_potable_no_style.gpkg", "assainissement_no_style.gpkg")


def _template(shared_data, name):
    return os.path.join(shared_data, "raepa", "stareau_gabarits_gpkg", name)


def _name(label):
    """The layer of a report's label "file.gpkg (layer)"."""
    return label.rsplit("(", 1)[-1].rstrip(")")


def test_templates_every_layer_mapped_or_reported(shared_data, store_location):
    conn = store.open_store(store_location)
    for name in TEMPLATES:
        path = _template(shared_data, name)
        report = raepa.import_raepa(conn, path)
        assert report.title == "StaR-Eau import" and not report.defects
        sections = {title: rows for title, _, rows in report.sections}
        mapped = {_name(row[0]) for row in sections["Read"]}
        reported = {_name(row[0]) for row in sections["Layers with no place in RAEPA"]}
        ds = ogr.Open(path)
        layers = {ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())}
        assert mapped | reported == layers and not mapped & reported
        assert mapped == {n for n in stareau.LAYERS if n in layers}
        assert any("does not model repairs" in n for n in report.notes)


def _feature(layer, wkt, values):
    """A feature with the template's mandatory fields filled, then `values`."""
    defn = layer.GetLayerDefn()
    f = ogr.Feature(defn)
    for i in range(defn.GetFieldCount()):
        field = defn.GetFieldDefn(i)
        if not field.IsNullable():
            f.SetField(i, {ogr.OFTString: "x", ogr.OFTDateTime: "2024-01-01T00:00:00"}
                       .get(field.GetType(), 0))
    for name, value in values.items():
        f.SetField(name, value)
    f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
    layer.CreateFeature(f)


def _delivery(shared_data, folder):
    path = os.path.join(folder, "aep.gpkg")
    shutil.copyfile(_template(shared_data, TEMPLATES[0]), path)
    os.chmod(path, 0o644)
    ds = ogr.Open(path, 1)
    common = {"maitre_ouvrage": "CC Cœur de Chartreuse", "exploitant": "Régie des eaux",
              "precision_xy": "A", "precision_z": "B", "an_pose_sup": "2004",
              "an_pose_inf": "2003", "date_maj": "2024-06-30T10:00:00", "etat_service": "x"}
    for node, x in (("V1", 900000), ("R1", 900100)):
        layer = "aep_vanne" if node == "V1" else "aep_reservoir"
        extra = {"diametre": 100} if node == "V1" else {"cote_radier": 512.5}
        _feature(ds.GetLayerByName(layer), "POINT (%d 6470000)" % x,
                 {**common, "id_noeud_reseau": node, **extra})
    _feature(ds.GetLayerByName("aep_canalisation"),
             "LINESTRING (900000 6470000, 900100 6470000)",
             {**common, "id_canalisation": "C1", "materiau": "fonte_ductile",
              "mode_circulation": "gravitaire", "contenu_canalisation": "eau_potable",
              "fonction_canalisation": "distribution", "diametre_equivalent": 150,
              "noeudinitial": "V1", "noeudterminal": "R1", "longueur_terrain": 101.4,
              "etat_service": "en_service", "type_pression": "reseau_basse_pression"})
    _feature(ds.GetLayerByName("aep_canalisation"),
             "LINESTRING (900300 6470000, 900300 6470050)",
             {**common, "id_canalisation": "C2", "materiau": "bois", "noeudinitial": "K1",
              "noeudterminal": "K2"})
    _feature(ds.GetLayerByName("aep_captage"), "POINT (900300 6470000)",
             {**common, "id_noeud_reseau": "K1"})
    _feature(ds.GetLayerByName("aep_genie_civil"),
             "POLYGON ((900000 6470000, 900010 6470000, 900010 6470010, 900000 6470000))",
             common)
    ds = None
    return path


def test_delivery_lands_mapped(shared_data, store_location, tmp_path):
    conn = store.open_store(store_location)
    report = raepa.import_raepa(conn, _delivery(shared_data, str(tmp_path)))
    assert conn.execute(
        "SELECT idcana, materiau, modecirc, contcanaep, fonccanaep, diametre, idnini, idnterm, "
        "longcana, enservice, branchemnt, mouvrage, gexploit, qualglocxy, qualglocz, "
        "anfinpose, andebpose, datemaj FROM raepa_canalaep_l WHERE idcana = 'C1'").fetchall() == [
        ("C1", "11", "01", "02-00", "02", 150, "V1", "R1", 101, "O", "N",
         "CC Cœur de Chartreuse", "Régie des eaux", "01", "02", "2004", "2003", "2024-06-30")]
    assert conn.execute("SELECT idappareil, fnappaep, diametre, idcanaval FROM "
                        "raepa_apparaep_p").fetchall() == [("V1", "03-00", 100, "C1")]
    assert conn.execute("SELECT idouvrage, fnouvaep, z, idcanamont FROM raepa_ouvraep_p "
                        "ORDER BY idouvrage").fetchall() == \
        [("K1", "05-00", None, None), ("R1", "03-00", 512.5, "C1")]
    defects = {(_name(d.layer), d.message) for d in report.defects}
    # What has no place in RAEPA is reported, per field and per layer.
    assert ("aep_canalisation", "type_pression: 2 values have no place in RAEPA: not kept") \
        in defects
    assert ("aep_genie_civil", "1 features of a kind RAEPA does not hold: not kept") in defects
    # A value with no RAEPA counterpart is reported and left empty.
    assert ("aep_vanne", "etat_service: 1 values have no place in RAEPA: not kept") in defects
    assert ("aep_canalisation", "materiau = bois is not in the RAEPA list raepa_materiau: "
            "left empty") in defects
    assert ("aep_canalisation", "enservice = x is not O or N: left empty") in defects
    assert not any(d.blocking for d in report.defects)
    assert "0 updated" in raepa.import_raepa(conn, str(tmp_path / "aep.gpkg")).outcome


def test_format_parameter(shared_data, store_location, tmp_path, run_algorithm):
    """A zip is not looked into to tell the format: FORMAT says StaR-Eau."""
    _delivery(shared_data, str(tmp_path))
    archive = shutil.make_archive(str(tmp_path / "livraison"), "zip", str(tmp_path), "aep.gpkg")
    result = run_algorithm("importraepa", {"STORE": str(store_location), "INPUT": archive,
                                           "FORMAT": 2,
                                           "OUTPUT_REPORT": str(tmp_path / "r.html")})
    assert "5 created" in result["SUMMARY"]
