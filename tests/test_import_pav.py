"""Drop-off points: the 1 418 real Nantes containers, streams mapped, the
territory check, CSV with composters, re-runs and bad input."""
import json
import os
import re
import zipfile

import pytest

from sit_chartreuse.core.errors import SitError
from sit_chartreuse.core.imports import pav
from sit_chartreuse.core.imports.common import ImportCancelled
from sit_chartreuse.core.storage import db, store
from helpers import CancelAfter
from import_helpers import checks_made, last_changes, snapshot, total_changes
from ledger_helpers import box

NANTES = "pav_conteneurs_nantes_metropole_2018_4326.geojson"


@pytest.fixture
def nantes(shared_data):
    return os.path.join(shared_data, "pav", NANTES)


def _snapshot(conn):
    return snapshot(conn, ("pav", "composteur"))


@pytest.mark.parametrize("name, code", [
    ("verre", "verre"), ("papier-carton", "papier"), ("Ordures ménagères", "omr"),
    ("ordures-menageres", "omr"), ("emballages-journaux-magazines", "emballages"),
    ("metal-plastique-brique", "emballages"), ("Biodéchets", "biodechets"),
    ("Textiles", "textile"), ("composteur", "composteur"), ("amiante", None),
])
def test_stream_names_map_to_the_code_list(name, code):
    assert pav.stream_code(name) == code


def test_nantes_containers_land_with_their_streams(nantes, store_location, run_algorithm,
                                                   tmp_path):
    out = str(tmp_path / "rapport.html")
    result = run_algorithm("importpav", {"STORE": str(store_location), "INPUT": nantes,
                                         "OUTPUT_REPORT": out})
    assert result["SUMMARY"].startswith("1\u202f418 points read, 1\u202f418 drop-off points")
    conn = store.open_store(store_location)
    assert conn.execute("SELECT count(*), count(DISTINCT identifiant) FROM pav").fetchone() == \
        (1418, 1418)
    assert dict(conn.execute("SELECT flux, count(*) FROM pav GROUP BY flux").fetchall()) == \
        {"verre": 883, "omr": 336, "emballages": 154, "papier": 45}
    # A two-stream container keeps its second stream in its observations.
    assert conn.execute("SELECT flux, observations, adresse FROM pav WHERE identifiant = "
                        "'PC0015'").fetchone() == (
        "verre", "Conteneurs verre, papier-carton — Streams: verre, papier-carton",
        "Rue Danton 44100 Nantes")
    # Reprojected to Lambert-93, in Nantes.
    x, y = conn.execute("SELECT ST_X(geom), ST_Y(geom) FROM pav WHERE identifiant = 'VE0297'")\
        .fetchone()
    assert 350000 < x < 360000 and 6685000 < y < 6695000
    # Ids delivered twice are kept apart and reported.
    assert conn.execute("SELECT count(*) FROM pav WHERE identifiant LIKE '%-2'").fetchone()[0] == 10
    with open(out, encoding="utf-8") as f:
        html = f.read()
    assert "metal-plastique-brique" in html and "VE0687-2" in html


def test_rerun_is_idempotent(nantes, store_location):
    conn = store.open_store(store_location)
    pav.import_pav(conn, nantes)
    before = _snapshot(conn), last_changes(conn), total_changes(conn)
    report = pav.import_pav(conn, nantes)
    assert (_snapshot(conn), last_changes(conn), total_changes(conn)) == before
    assert ["pav", 1418, 0, 0, 1418] in {t: r for t, _, r in report.sections}["Landed"]


def test_points_outside_the_territory_are_reported(nantes, store_location):
    conn = store.open_store(store_location)
    # A "commune" around central Nantes only.
    conn.execute("INSERT INTO commune (insee, nom, geom) VALUES ('44109', 'Nantes', %s)"
                 % db.dialect(conn).geom_from_wkb, (box(350000, 6686000, 358000, 6692000),))
    report = pav.import_pav(conn, nantes)
    inside = conn.execute("SELECT count(*) FROM pav WHERE insee = '44109'").fetchone()[0]
    outside = [d for d in report.defects if d.rule == "territory"]
    assert inside > 0 and len(outside) > 0 and inside + len(outside) == 1418
    assert conn.execute("SELECT count(*) FROM pav").fetchone()[0] == 1418


CSV = """identifiant;type;adresse;volume;enterre;date_pose;lon;lat
C1;Verre;Place de la Mairie;4000;oui;01/03/2015;5.7850;45.3700
C2;Biodéchets;Rue du Pont;400;non;bientôt;5.7860;45.3710
C3;Composteur;Jardin des Écoles;600;;2019-06-30;5.7870;45.3720
C4;Amiante;Déchetterie;;;;5.7880;45.3730
C5;Verre;Coordonnées inversées;;;;45.3700;5.7850
"""


def test_csv_with_composters_and_refusals(store_location, tmp_path):
    path = tmp_path / "points.csv"
    path.write_text(CSV, encoding="utf-8")
    conn = store.open_store(store_location)
    report = pav.import_pav(conn, str(path))
    assert report.outcome.startswith("5 points read, 2 drop-off points and 1 composters landed, "
                                     "2 refused")
    assert conn.execute("SELECT identifiant, flux, volume_l, enterre, date_pose FROM pav "
                        "ORDER BY identifiant").fetchall() == [
        ("C1", "verre", 4000, True, "2015-03-01"), ("C2", "biodechets", 400, False, None)]
    assert conn.execute("SELECT identifiant, adresse, date_pose FROM composteur").fetchall() \
        == [("C3", "Jardin des Écoles", "2019-06-30")]
    # A date that is not one is reported and left empty, not stored as text.
    assert [(d.feature, d.rule) for d in report.defects if not d.blocking] == [("C2", "date")]
    refused = {d.feature: d.message for d in report.defects if d.blocking}
    assert "Amiante" in refused["C4"] and "outside the area" in refused["C5"]



def test_cancel_and_bad_input_leave_the_store_as_before(nantes, store_location, tmp_path):
    conn = store.open_store(store_location)
    path = tmp_path / "points.csv"
    path.write_text(CSV, encoding="utf-8")
    pav.import_pav(conn, str(path))
    before = _snapshot(conn)
    total = checks_made(tmp_path, lambda c: pav.import_pav(c, str(path)),
                        lambda c, feedback: pav.import_pav(c, nantes, feedback=feedback))
    for last in (1, 2, 3):
        with pytest.raises(ImportCancelled):
            pav.import_pav(conn, nantes, feedback=CancelAfter(total - last))
        assert _snapshot(conn) == before
    empty = tmp_path / "vide"
    empty.mkdir()
    with pytest.raises(SitError, match="vide holds nothing usable"):
        pav.import_pav(conn, str(empty))
    useless = tmp_path / "inutile.zip"
    with zipfile.ZipFile(useless, "w") as z:
        z.writestr("communes.geojson", '{"type": "FeatureCollection", "features": []}')
    with pytest.raises(SitError, match="inutile.zip holds nothing usable"):
        pav.import_pav(conn, str(useless))
    broken = tmp_path / "coupe.geojson"
    with open(nantes, encoding="utf-8") as f:
        broken.write_text(f.read()[:5000], encoding="utf-8")
    with pytest.raises(SitError, match="coupe.geojson"):
        pav.import_pav(conn, str(broken))
    assert _snapshot(conn) == before


def test_volumes_that_python_would_read_are_left_empty_and_reported(store_location, tmp_path):
    # float() reads "1_5" as 15; 1e30 and inf overflowed the integer column.
    lines = ["identifiant;type;volume;lon;lat"] + [
        "V%d;Verre;%s;5.78%d;45.37" % (n, volume, n) for n, volume in enumerate(
            ("1_5", "inf", "1e30", "1e999999999", "nan", "99999999999", "١٢", "4000", "1,5e3"))]
    path = tmp_path / "volumes.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    geojson = tmp_path / "volumes.geojson"
    geojson.write_text('{"type": "FeatureCollection", "features": [%s]}' % ", ".join(
        '{"type": "Feature", "properties": {"id": "G%d", "flux": "verre", "volume": %s}, '
        '"geometry": {"type": "Point", "coordinates": [5.79, 45.3%d]}}' % (n, volume, n)
        for n, volume in enumerate(("1e30", "1e999", '"1_5"', "-1e999", "660"))))
    conn = store.open_store(store_location)
    reported = []
    for source in (path, geojson):
        report = pav.import_pav(conn, str(source))
        assert "0 refused" in report.outcome
        reported += [d.feature for d in report.defects if d.rule == "volume"]
    stored = dict(conn.execute("SELECT identifiant, volume_l FROM pav"))
    assert stored.pop("V7") == 4000 and stored.pop("G4") == 660
    assert set(stored.values()) == {None} and sorted(reported) == sorted(stored)


@pytest.mark.parametrize("output", ["OUTPUT_REPORT", "OUTPUT_DEFECTS"])
def test_a_report_that_cannot_be_written_says_the_import_is_saved(sit_processing,
                                                                  store_location, tmp_path,
                                                                  output):
    # Written after the commit: the failure must not read as "nothing imported".
    import processing
    from qgis.core import QgsProcessingException
    path = tmp_path / "points.csv"
    path.write_text(CSV, encoding="utf-8")
    (tmp_path / "a-file").write_text("not a folder")
    parameters = {"STORE": str(store_location), "INPUT": str(path),
                  "OUTPUT_REPORT": str(tmp_path / "rapport.html"),
                  "OUTPUT_DEFECTS": str(tmp_path / "defauts.csv")}
    parameters[output] = str(tmp_path / "a-file" / "rapport")
    with pytest.raises(QgsProcessingException, match=r"^5 points read, 2 drop-off points .*"
                       r"The import is saved in the store, but: Cannot write the report "
                       r".*a-file/rapport"):
        processing.run("sitchartreuse:importpav", parameters)
    conn = store.open_store(store_location)
    assert conn.execute("SELECT count(*) FROM pav").fetchone()[0] == 2


def test_a_windows_1252_csv_is_read_when_said_so_and_refused_otherwise(store_location,
                                                                       tmp_path):
    # GDAL passed its bytes on as UTF-8: a traceback at the write.
    path = tmp_path / "points.csv"
    path.write_bytes(CSV.encode("cp1252"))
    conn = store.open_store(store_location)
    with pytest.raises(SitError, match=r"points.csv, line 3: byte 0xE9 is not UTF-8: save the "
                                       r"file as UTF-8, or give its encoding \(Windows-1252\)"):
        pav.import_pav(conn, str(path))
    assert _snapshot(conn) == {"pav": [], "composteur": []}
    pav.import_pav(conn, str(path), encoding="Windows-1252")
    assert conn.execute("SELECT adresse FROM composteur").fetchall() == [("Jardin des Écoles",)]


@pytest.mark.parametrize("name, raw, outcome", [
    ("nul.csv", CSV.replace("Rue du Pont", "Rue\0du Pont").encode(),
     "nul.csv, line 3: a NUL character: refused"),
    ("nul.geojson", b'{"type": "FeatureCollection", "features": [\n{"type": "Feature", '
     b'"properties": {"flux": "verre", "nom": "a\0b"}, "geometry": {"type": "Point", '
     b'"coordinates": [5.78, 45.37]}}]}', "nul.geojson, line 2: a NUL character: refused"),
    ("cr.csv", CSV.replace("\n", "\r").encode(), "5 points read, 2 drop-off points"),
    ("long.csv", CSV.replace("Rue du Pont", "R" * 140000).encode(),
     "5 points read, 2 drop-off points"),
    ("inf.csv", (CSV + "C6;Verre;Infini;;;;inf;45.37\nC7;Verre;Loin;;;;1e30;1e999999999\n")
     .encode(), "7 points read, 2 drop-off points and 1 composters landed, 4 refused"),
], ids=["NUL-csv", "NUL-geojson", "CR-only", "field-over-128KiB", "inf-coordinates"])
def test_hostile_files_are_refused_naming_the_line_or_read(store_location, tmp_path, name,
                                                           raw, outcome):
    path = tmp_path / name
    path.write_bytes(raw)
    conn = store.open_store(store_location)
    if outcome.endswith(": refused"):
        with pytest.raises(SitError, match=outcome):
            pav.import_pav(conn, str(path))
        assert _snapshot(conn) == {"pav": [], "composteur": []}
        return
    report = pav.import_pav(conn, str(path))
    assert report.outcome.startswith(outcome)
    addresses = dict(conn.execute("SELECT identifiant, adresse FROM pav"))
    assert addresses["C1"] == "Place de la Mairie" and len(addresses["C2"]) in (11, 140000)


# --- open-data layouts: guessed, or read through a mapping profile ----------

def test_lyon_composters_land_as_composters_with_their_kind_of_site(shared_data,
                                                                    store_location):
    # Two layouts: Eisenia's (x holds the latitude, y the longitude) and the
    # Métropole's, without coordinates. Every point was refused as an
    # unknown "stream": composters have a kind of site.
    conn = store.open_store(store_location)
    report = pav.import_pav(conn, os.path.join(shared_data, "pav", "lyon_composteurs"))
    assert report.outcome.startswith("48 points read, 0 drop-off points and 41 composters "
                                     "landed, 7 refused")
    assert dict(conn.execute("SELECT type_site, count(*) FROM composteur GROUP BY type_site")) \
        == {"etablissement": 22, "quartier": 19}
    assert [d.message for d in report.defects if d.blocking] == ["no coordinates: refused"] * 7
    guessed = {what: guess for _, what, guess in
               {t: r for t, _, r in report.sections}["Guessed layout"]}
    assert guessed["coordinates"].startswith("column y holds the longitude, column x the "
                                             "latitude, EPSG:4326 (41 points in France)")
    assert any("sites-grand-lyon.csv: no coordinate columns" in n for n in report.notes)
    # In Lyon once the columns are swapped; "45.777229, " (a stray comma) read too.
    x0, y0, x1, y1 = conn.execute("SELECT min(ST_X(geom)), min(ST_Y(geom)), max(ST_X(geom)), "
                                  "max(ST_Y(geom)) FROM composteur").fetchone()
    assert 835000 < x0 < x1 < 860000 and 6495000 < y0 < y1 < 6535000
    assert conn.execute("SELECT structure_referente, adresse FROM composteur WHERE "
                        "observations = 'Lycee Saint-Louis Saint-Bruno'").fetchone() == (
        "College St-Louis /St-Bruno", "16 Rue Des Chartreux")
    assert conn.execute("SELECT count(*) FROM composteur WHERE observations = "
                        "'CFPH Ecully'").fetchone()[0] == 1


def test_a_file_without_coordinates_is_refused_saying_why(shared_data, store_location):
    conn = store.open_store(store_location)
    with pytest.raises(SitError, match=r"holds nothing usable: .* sites-grand-lyon.csv: no "
                                       r"coordinate columns with points in France"):
        pav.import_pav(conn, os.path.join(shared_data, "pav", "lyon_composteurs",
                                          "sites-grand-lyon.csv"))
    assert _snapshot(conn) == {"pav": [], "composteur": []}


def test_lyon_glass_silos_land_and_the_saved_guess_reads_them_again(shared_data,
                                                                    store_location,
                                                                    run_algorithm, tmp_path):
    silos = os.path.join(shared_data, "pav", "lyon_silos_verre")
    saved = str(tmp_path / "silos.json")
    result = run_algorithm("importpav", {"STORE": str(store_location), "INPUT": silos,
                                         "OUTPUT_REPORT": str(tmp_path / "r.html"),
                                         "OUTPUT_PROFILE": saved})
    assert result["SUMMARY"].startswith("2\u202f747 points read, 2\u202f747 drop-off points")
    assert result["OUTPUT_PROFILE"] == saved
    conn = store.open_store(store_location)
    assert conn.execute("SELECT flux, count(*), count(DISTINCT insee) FROM pav GROUP BY flux"
                        ).fetchall() == [("verre", 2747, 67)]
    assert pav.load_profile(saved) == {
        "columns": {"identifiant": "identifiant", "adresse": "voie", "insee": "code_insee",
                    "structure_referente": "gestionnaire", "observations": "observation"},
        "kind": "pav", "stream": "verre"}
    before = _snapshot(conn)
    # The saved profile reads the file under any name, with nothing left to guess.
    renamed = tmp_path / "export.json"
    with open(os.path.join(silos, "gic_collecte.gicsiloverre.json"), "rb") as f:
        renamed.write_bytes(f.read())
    report = pav.import_pav(conn, str(renamed), profile_path=saved)
    assert _snapshot(conn) == before
    assert ["pav", 2747, 0, 0, 2747] in {t: r for t, _, r in report.sections}["Landed"]
    assert {t: r for t, _, r in report.sections}["Guessed layout"] == []
    # Without it, the layer's own name still says what it holds.
    report = pav.import_pav(conn, str(renamed))
    assert ["export.json (gic_collecte.gicsiloverre)", "kind",
            "drop-off points of stream verre (from its name)"] in \
        {t: r for t, _, r in report.sections}["Guessed layout"]


GERMAN = """Nr;Art;Fraktion;Standort;Lage;Kategorie
G1;Container;Altglas;45.3700, 5.7850;POINT (917962 6478355);Quartier
G2;Container;Altpapier + Altglas;45.3710, 5.7860;POINT (918036 6478469);
G3;Container;Sondermüll;45.3720, 5.7870;POINT (918110 6478583);
"""


@pytest.mark.parametrize("coordinates, crs", [
    ({"latlon": "Standort"}, None), ({"wkt": "Lage"}, "EPSG:2154")], ids=["lat-lon", "WKT"])
def test_a_profile_reads_a_layout_in_another_language(store_location, tmp_path,
                                                      coordinates, crs):
    path = tmp_path / "behaelter.csv"
    path.write_text(GERMAN, encoding="utf-8")
    profile = tmp_path / "profil.json"
    profile.write_text(json.dumps({
        "name": "Abfallwirtschaft", "kind": "pav", "coordinates": coordinates, "crs": crs,
        "columns": {"identifiant": "Nr", "flux": "Fraktion", "adresse": ["Art", "Nr"]},
        "streams": {"Altglas": "verre", "Altpapier": "papier"}}), encoding="utf-8")
    conn = store.open_store(store_location)
    report = pav.import_pav(conn, str(path), profile_path=str(profile))
    assert report.outcome.startswith("3 points read, 2 drop-off points and 0 composters "
                                     "landed, 1 refused")
    assert conn.execute("SELECT identifiant, flux, adresse FROM pav ORDER BY identifiant"
                        ).fetchall() == [("G1", "verre", "Container G1"),
                                         ("G2", "papier", "Container G2")]
    x, y = conn.execute("SELECT ST_X(geom), ST_Y(geom) FROM pav WHERE identifiant = 'G1'"
                        ).fetchone()
    assert abs(x - 917962) < 1 and abs(y - 6478355) < 1
    assert "Sondermüll" in {d.feature: d.message for d in report.defects}["G3"]


@pytest.mark.parametrize("profile, message", [
    ("[]", "must be a JSON object"),
    ('{"colonnes": {}}', "unknown keys: colonnes"),
    ('{"kind": "silo"}', '"kind" must be pav, composteur'),
    ('{"columns": {"couleur": "x"}}', '"columns" must be an object'),
    ('{"coordinates": {"lon": "x"}}', '"coordinates" must be'),
    ('{"crs": "EPSG:999999"}', '"crs" must be a CRS'),
    ('{"streams": {"Glas": "glass"}}', '"streams" must be an object'),
    ('{"sites": {"Hof": "cour"}}', '"sites" must be an object'),
    ('{"coordinates": {"latlon": "Standort"}, "columns": {"identifiant": "Numero"}}',
     "behaelter.csv: the profile names columns it does not have: numero"),
    ('{"coordinates": {"latlon": "Ort"}}',
     "behaelter.csv: the profile names columns it does not have: ort"),
])
def test_a_wrong_profile_is_refused_naming_the_key(store_location, tmp_path, profile,
                                                   message):
    path = tmp_path / "behaelter.csv"
    path.write_text(GERMAN, encoding="utf-8")
    (tmp_path / "profil.json").write_text(profile, encoding="utf-8")
    conn = store.open_store(store_location)
    with pytest.raises(SitError, match=re.escape(message)):
        pav.import_pav(conn, str(path), profile_path=str(tmp_path / "profil.json"))
    assert _snapshot(conn) == {"pav": [], "composteur": []}


def test_composters_by_profile_with_their_sites_named_in_the_source(store_location,
                                                                    tmp_path):
    path = tmp_path / "sites.csv"
    path.write_text("code,Hof,lat,lon\nK1,Innenhof,45.37,5.785\nK2,Schule,45.371,5.786\n"
                    "K3,Dach,45.372,5.787\n", encoding="utf-8")
    profile = tmp_path / "profil.json"
    profile.write_text(json.dumps({"kind": "composteur", "columns": {"type_site": "Hof"},
                                   "sites": {"Innenhof": "pied_immeuble",
                                             "Schule": "etablissement"}}), encoding="utf-8")
    conn = store.open_store(store_location)
    report = pav.import_pav(conn, str(path), profile_path=str(profile))
    assert dict(conn.execute("SELECT identifiant, type_site FROM composteur")) == {
        "K1": "pied_immeuble", "K2": "etablissement", "K3": None}
    assert [(d.feature, d.blocking) for d in report.defects] == [("K3", False)]
