"""Servitudes d'utilité publique: the CNIG SUP tables, the import of the two
real deliveries the IGN validator tests with, their defects, re-runs and
bad inputs, on both backends."""
import json
import os
import shutil

import pytest
from osgeo import ogr

from sit_chartreuse.core import catalogue
from sit_chartreuse.core.errors import SitError
from sit_chartreuse.core.imports import sup
from sit_chartreuse.core.storage import store
from import_helpers import last_changes, snapshot

SUP_TABLES = ("sup_servitude", "sup_acte", "sup_gestionnaire", "sup_servitude_acte",
              "sup_generateur_surf", "sup_generateur_lin", "sup_generateur_pct",
              "sup_assiette_surf", "sup_assiette_lin", "sup_assiette_pct")
SPATIAL = {"sup_generateur_surf": "MULTIPOLYGON", "sup_generateur_lin": "MULTILINESTRING",
           "sup_generateur_pct": "MULTIPOINT", "sup_assiette_surf": "MULTIPOLYGON",
           "sup_assiette_lin": "MULTILINESTRING", "sup_assiette_pct": "MULTIPOINT"}


def test_sup_tables_in_lambert93_with_spatial_index_and_uuid(store_location, backend):
    conn = store.open_store(store_location)
    for table in SUP_TABLES:
        assert conn.execute("SELECT count(*) FROM %s" % table).fetchone()[0] == 0
    if backend == "postgres":
        schema = store_location.schema
        columns = dict(conn.execute(
            "SELECT f_table_name, type FROM geometry_columns WHERE f_table_schema = ? "
            "AND f_table_name LIKE 'sup\\_%%'", (schema,)))
        srids = {srid for (srid,) in conn.execute(
            "SELECT DISTINCT srid FROM geometry_columns WHERE f_table_schema = ? "
            "AND f_table_name LIKE 'sup\\_%%'", (schema,))}
        gist = {t for (t,) in conn.execute(
            "SELECT tablename FROM pg_indexes WHERE schemaname = ? AND indexdef LIKE "
            "'%%USING gist%%'", (schema,))}
    else:
        columns = dict(conn.execute(
            "SELECT table_name, geometry_type_name FROM gpkg_geometry_columns "
            "WHERE table_name LIKE 'sup\\_%' ESCAPE '\\'"))
        srids = {srid for (srid,) in conn.execute(
            "SELECT DISTINCT srs_id FROM gpkg_geometry_columns "
            "WHERE table_name LIKE 'sup\\_%' ESCAPE '\\'")}
        gist = {t for (t,) in conn.execute(
            "SELECT table_name FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index'")}
    assert {t: c.upper() for t, c in columns.items()} == SPATIAL
    assert srids == {2154}
    assert set(SPATIAL) <= gist
    # Every feature gets its uuid on insert, however it is written.
    with store.transaction(conn):
        conn.execute("INSERT INTO sup_servitude (idsup, categorie) VALUES ('AC1-1', 'AC1')")
    uuid = conn.execute("SELECT uuid FROM sup_servitude").fetchone()[0]
    assert uuid and len(uuid) == 36
    conn.close()


def test_catalogue_shows_the_servitudes_as_a_group_of_the_plui():
    plui = next(app for app in catalogue.APPLICATIONS if app.code == "plui")
    groups = {g.title: [layer.table for layer in g.layers] for g in plui.groups}
    assert sorted(groups["Servitudes"]) == sorted(SUP_TABLES)
    assert not set(SUP_TABLES) & set(groups[""])


PM3 = "110068012_PM3_28_20161104"
A5 = "123456789_A5_088_20200313"
# What each delivery holds (its SOURCE.txt and the validator's document-info.json).
COUNTS = {PM3: {"sup_servitude": 3, "sup_acte": 3, "sup_gestionnaire": 1,
                "sup_servitude_acte": 3, "sup_generateur_surf": 3, "sup_assiette_surf": 3},
          A5: {"sup_servitude": 1, "sup_acte": 1, "sup_gestionnaire": 1,
               "sup_servitude_acte": 1, "sup_generateur_lin": 1, "sup_assiette_surf": 1}}


def _delivery(shared_data, name):
    return os.path.join(shared_data, "sup-cnig", name, "document")


def _counts(conn):
    return {t: n for t in SUP_TABLES
            for (n,) in conn.execute("SELECT count(*) FROM %s" % t) if n}


def _expected_tables(shared_data, name):
    """{file read: features} as the validator counted them (a shapefile is
    read through its .shp)."""
    with open(os.path.join(shared_data, "sup-cnig", name, "expected", "document-info.json"),
              encoding="utf-8") as f:
        info = json.load(f)
    data = os.path.join(_delivery(shared_data, name), "Donnees_geographiques")

    def read_as(dbf):
        shp = dbf[:-4] + ".shp"
        return shp if os.path.exists(os.path.join(data, shp)) else dbf
    return {read_as(f["name"]): f["totalFeatures"] for f in info["files"] if f["type"] == "table"}


def _rules(report):
    return sorted((d.rule, d.blocking) for d in report.defects)


def test_pm3_delivery_lands_with_the_validator_constraint_defects(shared_data, store_location):
    conn = store.open_store(store_location)
    report = sup.import_sup(conn, _delivery(shared_data, PM3))
    assert _counts(conn) == COUNTS[PM3]
    read = {row[1]: row[2] for row in dict(
        (title, rows) for title, _, rows in report.sections)["Read"]}
    assert read == _expected_tables(shared_data, PM3)
    # The validator's 6 DATABASE_CONSTRAINT_MISMATCH: digitised, no source.
    sources = [(d.layer, d.feature) for d in report.defects
               if d.rule == "source of the geometry"]
    assert sorted(sources) == sorted(
        [("PM3_ASSIETTE_SUP_S_028.shp", "%d (%d)" % (n, n)) for n in (1, 2, 3)]
        + [("PM3_GENERATEUR_SUP_S_028.shp", "%d (%d)" % (n, n)) for n in (1, 2, 3)])
    # Its 3 ATTRIBUTE_INVALID_REGEXP: IDGEST is the manager's SIREN in the 2013 model.
    assert [(d.layer, d.feature, d.message) for d in report.defects if d.rule == "pattern"] == [
        ("SERVITUDE_028.dbf", "%d (%d)" % (n, idsup),
         "IDGEST 2 does not match the standard's pattern [0-9]{9}")
        for n, idsup in ((1, 35), (2, 36), (3, 37))]
    assert _rules(report) == [("pattern", True)] * 3 + [("source of the geometry", True)] * 6
    assert "Checked against the CNIG SUP 2013 model (numbered identifiers)." in report.html()
    assert conn.execute("SELECT idsup, categorie, echnum FROM sup_servitude ORDER BY idsup")\
        .fetchall() == [("35", "PM3", 10000), ("36", "PM3", 10000), ("37", "PM3", 10000)]
    assert conn.execute("SELECT idgen, idsup FROM sup_generateur_surf ORDER BY idgen")\
        .fetchall() == [("1", "35"), ("2", "36"), ("3", "37")]
    conn.close()


def test_a5_delivery_lands_with_its_three_unexpected_attributes(shared_data, store_location):
    conn = store.open_store(store_location)
    report = sup.import_sup(conn, _delivery(shared_data, A5))
    assert _counts(conn) == COUNTS[A5]
    # The validator: no error, 3 TABLE_UNEXPECTED_ATTRIBUTE warnings.
    assert _rules(report) == [("unexpected attribute", False)] * 3
    assert sorted(d.message.split()[1] for d in report.defects) == ["TYPE", "URLACTE", "URLMD"]
    assert conn.execute("SELECT idass, idgen, paramcalc FROM sup_assiette_surf").fetchall() == [
        ("A5-123456789-1-1-1", "A5-123456789-1-1", 0)]
    conn.close()


def test_reimport_changes_nothing_and_both_deliveries_sit_side_by_side(shared_data,
                                                                      store_location):
    conn = store.open_store(store_location)
    for name in (PM3, A5):
        sup.import_sup(conn, _delivery(shared_data, name))
    before, changes = snapshot(conn, SUP_TABLES), last_changes(conn)
    report = sup.import_sup(conn, _delivery(shared_data, PM3))
    assert "nothing changed" in report.outcome
    assert snapshot(conn, SUP_TABLES) == before and last_changes(conn) == changes
    landed = dict((title, rows) for title, _, rows in report.sections)["Landed"]
    assert sum(row[3] + row[4] for row in landed) == 0
    total = {t: COUNTS[PM3].get(t, 0) + COUNTS[A5].get(t, 0) for t in SUP_TABLES}
    assert _counts(conn) == {t: n for t, n in total.items() if n}
    conn.close()


def test_strict_mode_refuses_pm3_and_processing_imports_a5_from_a_zip(
        shared_data, store_location, tmp_path, run_algorithm):
    conn = store.open_store(store_location)
    before = snapshot(conn, SUP_TABLES)
    report = sup.import_sup(conn, _delivery(shared_data, PM3), mode=sup.STRICT)
    assert report.refused and snapshot(conn, SUP_TABLES) == before
    archive = shutil.make_archive(str(tmp_path / A5), "zip",
                                  os.path.join(shared_data, "sup-cnig"), A5)
    out = str(tmp_path / "rapport.html")
    result = run_algorithm("importsup", {"STORE": str(store_location), "INPUT": archive,
                                         "MODE": 1, "OUTPUT_REPORT": out})
    assert "6 features written" in result["SUMMARY"]
    assert _counts(conn) == COUNTS[A5]
    with open(out, encoding="utf-8") as f:
        assert "URLMD" in f.read()
    conn.close()


def test_bad_inputs_are_named_and_change_nothing(shared_data, store_location, tmp_path):
    conn = store.open_store(store_location)
    sup.import_sup(conn, _delivery(shared_data, A5))
    before = snapshot(conn, SUP_TABLES)
    folder = str(tmp_path / "pm3")
    shutil.copytree(_delivery(shared_data, PM3), folder)
    data = os.path.join(folder, "Donnees_geographiques")
    os.remove(os.path.join(data, "SERVITUDE_028.dbf"))
    with pytest.raises(SitError, match="no SERVITUDE table"):
        sup.import_sup(conn, folder)
    shutil.copy(os.path.join(_delivery(shared_data, PM3), "Donnees_geographiques",
                             "SERVITUDE_028.dbf"), data)
    shp = os.path.join(data, "PM3_ASSIETTE_SUP_S_028.shp")
    with open(shp, "r+b") as f:
        f.truncate(300)                      # a damaged file
    with pytest.raises(SitError, match="PM3_ASSIETTE_SUP_S_028.shp"):
        sup.import_sup(conn, folder)
    with pytest.raises(SitError, match="does not exist"):
        sup.import_sup(conn, str(tmp_path / "nowhere"))
    assert snapshot(conn, SUP_TABLES) == before
    conn.close()


def _set_fields(path, changes):
    """Rewrite fields of a copied delivery's table: {fid: {field: value}}."""
    ds = ogr.Open(path, update=1)
    layer = ds.GetLayer(0)
    for fid, values in changes.items():
        feature = layer.GetFeature(fid)
        for field, value in values.items():
            feature.SetField(field, value)
        layer.SetFeature(feature)
    del feature, layer, ds


def test_identifiers_and_names_out_of_the_2016_patterns_are_errors(shared_data,
                                                                   store_location, tmp_path):
    # The 2016 model names its rows: CATEGORY-SIREN-n, and the act's name ends with its date.
    folder = str(tmp_path / "a5")
    shutil.copytree(_delivery(shared_data, A5), folder)
    data = os.path.join(folder, "Donnees_geographiques")
    _set_fields(os.path.join(data, "A5_ACTE_SUP.dbf"), {0: {"NOMACTE": "A5_ValMoselle_act"}})
    _set_fields(os.path.join(data, "A5_ASSIETTE_SUP_S.shp"), {0: {"NOMASS": "A5_ValMoselle_mh"}})
    conn = store.open_store(store_location)
    report = sup.import_sup(conn, folder)
    assert sorted((d.layer, d.message) for d in report.defects if d.rule == "pattern") == [
        ("A5_ACTE_SUP.dbf", "NOMACTE A5_ValMoselle_act does not match the standard's pattern "
         "[a-zA-Z0-9]+_[A-Za-z0-9_-]+_[0-9]{8}_act"),
        ("A5_ASSIETTE_SUP_S.shp", "NOMASS A5_ValMoselle_mh does not match the standard's "
         "pattern [a-zA-Z0-9]+_[A-Za-z0-9_-]+(_gen[0-9]+)?_(ass)")]
    assert "Checked against the CNIG SUP 2016 model" in report.html()
    # Tolerant: errors reported, the values land as delivered.
    assert conn.execute("SELECT nomacte FROM sup_acte").fetchall() == [("A5_ValMoselle_act",)]
    assert sup.import_sup(conn, folder, mode=sup.STRICT).refused
    conn.close()


def test_a_feature_the_store_cannot_hold_is_refused_alone(shared_data, store_location,
                                                         tmp_path):
    """An assiette without its identifier, one pointing at no generator: the
    first is refused (tolerant mode), the second lands, both are reported."""
    folder = str(tmp_path / "pm3")
    shutil.copytree(_delivery(shared_data, PM3), folder)
    ds = ogr.Open(os.path.join(folder, "Donnees_geographiques", "PM3_ASSIETTE_SUP_S_028.shp"),
                  update=1)
    layer = ds.GetLayer(0)
    for fid, field, value in ((0, "IdAss", None), (1, "IdGen", 99)):
        feature = layer.GetFeature(fid)
        if value is None:
            feature.SetFieldNull(field)
        else:
            feature.SetField(field, value)
        layer.SetFeature(feature)
    del feature, layer, ds
    conn = store.open_store(store_location)
    report = sup.import_sup(conn, folder)
    assert conn.execute("SELECT idass FROM sup_assiette_surf ORDER BY idass").fetchall() == [
        ("2",), ("3",)]
    messages = {(d.feature, d.rule): d.message for d in report.defects}
    assert messages[("1", "mandatory attribute")] == "IDASS is empty"
    assert messages[("2 (2)", "reference")] == \
        "IDGEN 99 is in no GENERATEUR_SUP_S / GENERATEUR_SUP_L / GENERATEUR_SUP_P table"
    conn.close()
