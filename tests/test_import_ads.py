"""sitchartreuse:importads: Next'ADS exports (CSV, JSON) through a profile;
real parcels of Luxiol (../shared/data) imported by E's cadastre importer."""
import json
import os

import pytest
from qgis.core import QgsProcessingException

from sit_chartreuse.core import ads
from sit_chartreuse.core.imports.ads import import_ads
from sit_chartreuse.core.imports.cadastre import import_cadastre
from sit_chartreuse.core.storage import db, store

from ads_helpers import small_plui

ETALAB = os.path.join("cadastre", "derived_etalab_format_cadastre-25354-parcelles.json")


def _write(path, text, encoding="utf-8"):
    path.write_text(text, encoding=encoding)
    return str(path)


def _state(conn):
    """Everything the import may touch."""
    return (conn.execute("SELECT fid, uuid, numero, type_dossier, insee, date_depot, statut, "
                         "date_decision, ST_AsBinary(geom) FROM ads_dossier ORDER BY fid")
            .fetchall(),
            conn.execute("SELECT numero, idu FROM ads_dossier_parcelle ORDER BY 1, 2")
            .fetchall())


def test_real_cadastre_dossiers_in_every_parcel_form(store_location, shared_data, tmp_path):
    conn = store.open_store(store_location)
    import_cadastre(conn, os.path.join(shared_data, ETALAB), millesime=2026)
    source = _write(tmp_path / "export.csv", (
        "numero,type_dossier,insee,date_depot,statut,date_decision,parcelles\n"
        "PC 025 354 26 00001,PC,,2026-02-01,accorde,2026-04-15,\"25354000AB0001, AB 50\"\n"
        "DP0253542600002,,,02/03/2026,En cours d'instruction,,250354000AB0254\n"
        "PA0253542600003,,,,,,\"AB 1;ZZ 9999\"\n"))
    report = import_ads(conn, source)
    assert not report.refused, [d.message for d in report.defects]
    assert report.outcome.startswith("3 dossiers created, 0 updated")
    area, union = conn.execute(
        "SELECT ST_Area(d.geom), (SELECT ST_Area(ST_Union(geom)) FROM parcelle WHERE idu IN "
        "('25354000AB0001', '25354000AB0050')) FROM ads_dossier d WHERE numero = "
        "'PC0253542600001'").fetchone()
    assert area == pytest.approx(union) and area > 0
    row = conn.execute("SELECT type_dossier, insee, date_depot, statut, date_decision FROM "
                       "ads_dossier WHERE numero = 'DP0253542600002'").fetchone()
    assert row == ("DP", "25354", "2026-03-02", "instruction", None)
    assert ads.dossier_parcels(conn, "DP0253542600002") == ["25354000AB0254"]
    # A parcel missing from the cadastre: reported on its dossier, kept without footprint.
    [missing] = [d for d in report.defects if d.rule == "parcelle_absente"]
    assert missing.feature == "PA0253542600003" and "25354000ZZ9999" in missing.message
    assert "line 4" in missing.message and not missing.blocking
    assert conn.execute("SELECT geom FROM ads_dossier WHERE numero = 'PA0253542600003'"
                        ).fetchone() == (None,)
    assert ads.dossier_parcels(conn, "PA0253542600003") == ["25354000AB0001",
                                                            "25354000ZZ9999"]

    # Re-import: updated by number, same uuid, parcels replaced.
    uuid = conn.execute("SELECT uuid FROM ads_dossier WHERE numero = 'PC0253542600001'"
                        ).fetchone()[0]
    again = _write(tmp_path / "again.csv", (
        "numero,statut,parcelles\nPC0253542600001,refuse,AB 254\n"))
    report = import_ads(conn, again)
    assert report.outcome.startswith("0 dossiers created, 1 updated")
    assert conn.execute("SELECT uuid, statut FROM ads_dossier WHERE numero = "
                        "'PC0253542600001'").fetchone() == (uuid, "refuse")
    assert ads.dossier_parcels(conn, "PC0253542600001") == ["25354000AB0254"]
    assert conn.execute("SELECT count(*) FROM ads_dossier").fetchone()[0] == 3


def test_profile_maps_columns_and_nothing_personal_is_stored(store_location, tmp_path):
    small_plui(store_location).close()
    profile = _write(tmp_path / "nextads.json", json.dumps({
        "name": "Export Next'ADS de la Communauté",
        "columns": {"numero": "N° dossier", "date_depot": "Déposé le", "statut": "Décision",
                    "parcelles": "Références cadastrales"},
        "ignore": ["Demandeur", "Adresse du demandeur"],
        "date_formats": ["%d/%m/%Y"], "statuts": {"Favorable": "accorde"}}))
    source = _write(tmp_path / "export.csv", (
        "N° dossier;Demandeur;Adresse du demandeur;Déposé le;Décision;"
        "Références cadastrales\n"
        "PC 038 442 26 00007;Jeanne Martin-Personnelle;12 rue des Alpes;05/01/2026;"
        "Favorable;AB 1, AB 2\n"), encoding="cp1252")
    conn = store.open_store(store_location)
    report = import_ads(conn, source, profile)
    assert not report.refused and "Windows-1252" in " ".join(report.notes)
    assert conn.execute("SELECT statut, date_depot, ST_Area(geom) FROM ads_dossier WHERE "
                        "numero = 'PC0384422600007'").fetchone() == ("accorde", "2026-01-05",
                                                                     20000.0)
    stored = repr([conn.execute("SELECT * FROM %s" % t).fetchall()
                   for t in ("ads_dossier", "ads_dossier_parcelle")])
    assert "Martin" not in stored and "Alpes" not in stored
    conn.close()
    if not db.is_postgres(store_location):      # nor anywhere in the file
        with open(store_location, "rb") as f:
            content = f.read()
        assert b"Martin-Personnelle" not in content and b"rue des Alpes" not in content


def test_json_export(store_location, tmp_path):
    small_plui(store_location).close()
    source = _write(tmp_path / "export.json", json.dumps({"dossiers": [
        {"numero": "CU0384422600009", "parcelles": ["38442000AB0001", "380442000AB0002"],
         "date_depot": "2026-05-04T10:00:00"}]}))
    conn = store.open_store(store_location)
    assert not import_ads(conn, source).refused
    assert conn.execute("SELECT type_dossier, date_depot, ST_Area(geom) FROM ads_dossier WHERE "
                        "numero = 'CU0384422600009'").fetchone() == ("CU", "2026-05-04",
                                                                     20000.0)


def test_bad_lines_are_reported_and_the_store_is_unchanged(store_location, tmp_path,
                                                           run_algorithm):
    conn = small_plui(store_location)
    before = _state(conn)
    source = _write(tmp_path / "bad.csv", (
        "numero,parcelles,demandeur,statut\n"
        "PC0384422600001,AB 1,,accorde\n"           # line 2: fine (an update)
        ",AB 2,,\n"                                 # line 3: empty number
        "PC0384422600050,AB 2,,\n"                  # line 4: fine
        "PC 038 442 26 00050,AB 1,,\n"              # line 5: duplicate of line 4
        "PC0384422600051,A-B-1,,\n"                 # line 6: malformed parcel
        "XY123,AB 1,,\n"                            # line 7: malformed number
        "PC0384422600052,AB 1,,peut-être\n"        # line 8: unknown status
        "PC0384422600053,AB 1,AB 2,,\n"))           # line 9: a value too many
    report = import_ads(conn, source)
    assert report.refused
    found = {(d.feature, d.rule) for d in report.defects}
    assert found == {("line 1", "colonne_inconnue"), ("line 3", "numero_vide"),
                     ("line 5", "numero_double"), ("line 6", "parcelle_invalide"),
                     ("line 7", "numero_invalide"), ("line 8", "statut_inconnu"),
                     ("line 9", "colonnes_en_trop")}
    assert all(d.blocking for d in report.defects)
    assert "demandeur" in next(d.message for d in report.defects if d.feature == "line 1")
    assert "line 4" in next(d.message for d in report.defects if d.feature == "line 5")
    assert _state(conn) == before
    conn.close()
    # Through Processing: refused with the report written, store unchanged.
    with pytest.raises(QgsProcessingException, match="nothing was written"):
        run_algorithm("importads", {"STORE": str(store_location), "INPUT": source,
                                    "OUTPUT_REPORT": str(tmp_path / "report.html")})
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "line 6" in page and "A-B-1" in page
    conn = store.open_store(store_location)
    assert _state(conn) == before


def test_importads_algorithm_and_profile_errors(store_location, tmp_path, run_algorithm):
    small_plui(store_location).close()
    source = _write(tmp_path / "ok.csv", "numero;parcelles\nDP0384422600020;AB 2\n")
    out = run_algorithm("importads", {"STORE": str(store_location), "INPUT": source,
                                      "OUTPUT_REPORT": str(tmp_path / "r.html")})
    assert out["SUMMARY"].startswith("1 dossiers created")
    profile = _write(tmp_path / "p.json", json.dumps({"columns": {"demandeur": "Nom"}}))
    with pytest.raises(QgsProcessingException, match="numero required"):
        run_algorithm("importads", {"STORE": str(store_location), "INPUT": source,
                                    "PROFILE": profile,
                                    "OUTPUT_REPORT": str(tmp_path / "r.html")})
