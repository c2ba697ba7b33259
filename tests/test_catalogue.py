"""The catalogue in QGIS: every layer of the store loaded, grouped, styled,
with forms generated from the schema; the project stored in the GeoPackage."""
import os
import re
import shutil

import pytest
from qgis.core import (QgsCategorizedSymbolRenderer, QgsFeature, QgsFeatureRequest,
                       QgsGeometry, QgsLayerTreeLayer, QgsPointXY, QgsProject, QgsWkbTypes)

from helpers import clear_project, with_authcfg
from ledger_helpers import wkb
from sit_chartreuse.core import catalogue
from sit_chartreuse.core.errors import StoreError
from sit_chartreuse.core.schema import BY_NAME, CATALOGUED, SCHEMA_VERSION, TABLES
from sit_chartreuse.core.storage import db, store
from sit_chartreuse.plugin import project as sit_project

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
RAEPA_CANAL = ("idcana mouvrage gexploit enservice branchemnt materiau diametre anfinpose "
               "modecirc idnini idnterm idcanppale profgen andebpose longcana nbranche "
               "qualglocxy qualglocz datemaj sourmaj qualannee dategeoloc sourgeoloc "
               "sourattrib").split()
STANDARD_FIELDS = {
    "raepa_canalaep_l": RAEPA_CANAL + ["contcanaep", "fonccanaep"],
    "raepa_canalass_l": RAEPA_CANAL + ["typreseau", "contcanass", "fonccanass", "zamont",
                                       "zaval", "sensecoul"],
    "raepa_reparaep_p": ["idrepar", "supprepare", "defreparee", "idsuprepar", "daterepar"],
    "raepa_reparass_p": ["idrepar", "supprepare", "defreparee", "idsuprepar", "daterepar"],
    "zone_urba": ["libelle", "libelong", "typezone", "destdomi", "nomfic", "urlfic",
                  "idurba", "datvalid"],
    "prescription_surf": ["libelle", "txt", "typepsc", "stypepsc"],
    "info_surf": ["libelle", "txt", "typeinf", "stypeinf"],
    "commune": ["insee", "nom", "epci_siren"],
    "parcelle": ["idu"],
}


def _line(x, y):
    return wkb("LINESTRING(%d %d, %d %d)" % (x, y, x + 50, y + 20))


@pytest.fixture
def wet_store(store_location, pg_authcfg):
    """A store with wastewater pipes of each network type and their repairs,
    on each backend (PostgreSQL reached by QGIS through its authentication
    configuration)."""
    conn = store.open_store(store_location)
    geom = db.dialect(conn).geom_from_wkb
    point = wkb("POINT(925010 6480005)")
    with store.transaction(conn):
        for i, typ in enumerate(("01", "01", "02", "03", "00")):
            conn.execute("INSERT INTO raepa_canalass_l (idcana, typreseau, geom) VALUES "
                         "(?, ?, %s)" % geom, ("C%d" % i, typ, _line(925000 + 100 * i, 6480000)))
        conn.execute("INSERT INTO raepa_ouvrass_p (idouvrage, typreseau, geom) VALUES "
                     "('O1', '01', %s)" % geom, (wkb("POINT(925000 6480100)"),))
        for rid, support in (("R1", "C0"), ("R2", "O1"), ("R3", "C2"), ("R4", None)):
            conn.execute("INSERT INTO raepa_reparass_p (idrepar, idsuprepar, geom) VALUES "
                         "(?, ?, %s)" % geom, (rid, support, point))
    conn.close()
    return with_authcfg(store_location, pg_authcfg)


@pytest.fixture
def project():
    """The application's project, as in QGIS (polymorphic relations added by
    the ledger's project extension only resolve layers there), left empty."""
    instance = QgsProject.instance()
    instance.clear()
    yield instance
    clear_project()


@pytest.fixture
def sit(store_location, pg_authcfg, project):
    """(store location, project, layers) of a freshly opened SIT, on each
    backend (PostgreSQL reached through a QGIS authentication configuration)."""
    location = with_authcfg(store_location, pg_authcfg)
    layers = sit_project.open_sit(location, project)
    yield location, project, layers


@pytest.fixture
def gpkg_sit(new_store, project):
    """(store path, project, layers) of a freshly opened GeoPackage SIT."""
    layers = sit_project.open_sit(new_store, project)
    yield new_store, project, layers


def _tree(node):
    """The layer tree as nested (name, children) tuples."""
    if isinstance(node, QgsLayerTreeLayer):
        return node.name()
    return (node.name(), tuple(_tree(child) for child in node.children()))


def test_every_table_is_a_valid_layer_in_lambert_93(sit):
    _, project, layers = sit
    tables = {layer.customProperty("sit/table") for layer in layers.values()}
    assert tables == {t.name for t in TABLES} | {"codelist"}
    for key, layer in layers.items():
        assert layer.isValid(), key
        table = BY_NAME.get(layer.customProperty("sit/table"))
        # (QGIS reads an empty table of generic GEOMETRY type as a plain table.)
        if table is not None and table.geometry and table.geometry != "GEOMETRY":
            assert layer.crs().authid() == "EPSG:2154", key
            assert layer.geometryType() != QgsWkbTypes.NullGeometry, key
        if table is not None:
            names = set(layer.fields().names())
            assert {f.name for f in table.fields} | {"uuid"} <= names, key
    assert project.crs().authid() == "EPSG:2154"


@pytest.mark.parametrize("table", sorted(STANDARD_FIELDS))
def test_standard_field_names(sit, table):
    _, _, layers = sit
    layer = next(layer for layer in layers.values()
                 if layer.customProperty("sit/table") == table)
    missing = set(STANDARD_FIELDS[table]) - set(layer.fields().names())
    assert not missing


def test_layer_tree_groups_the_applications(sit):
    _, project, _ = sit
    root = project.layerTreeRoot()
    groups = [child.name() for child in root.children()]
    assert groups == ["Points d'apport volontaire et composteurs", "Réseaux humides",
                      "PLUi Cœur de Chartreuse – Urbanisme", "Interfaçage Next'ADS",
                      "Référentiels", "Gestion", "Listes de codes"]
    networks = root.findGroup("Réseaux humides")
    assert [g.name() for g in networks.children()] == [
        "AEP (eau potable)", "EU (eaux usées)", "EP (eaux pluviales)"]
    assert [l.name() for l in networks.findGroup("EU (eaux usées)").children()] == [
        "Ouvrages EU", "Appareils EU", "Réparations EU", "Canalisations EU"]
    assert root.findGroup("Interfaçage Next'ADS").findGroup("Dossiers") is not None
    assert {l.name() for l in root.findGroup("Référentiels").findLayers()} == {
        "Communes", "Parcelles cadastrales"}
    assert {l.layer().customProperty("sit/table")
            for l in root.findGroup("Gestion").findLayers()} >= {
        "ticket", "time_entry", "convention", "convention_line", "hosting_cost",
        "settlement", "settlement_line"}
    assert not root.findGroup("Listes de codes").isExpanded()


def test_forms_follow_the_schema(sit):
    _, _, layers = sit
    codelist = layers["codelist"]
    for key, layer in layers.items():
        table = BY_NAME.get(layer.customProperty("sit/table"))
        if table is None:
            continue
        fields = layer.fields()
        uuid_idx = fields.indexOf("uuid")
        assert layer.editFormConfig().readOnly(uuid_idx), key
        assert fields.field(uuid_idx).alias() == "Identifiant unique (uuid)"
        for spec in table.fields:
            idx = fields.indexOf(spec.name)
            assert fields.field(idx).alias() == spec.alias, (key, spec.name)
            setup = layer.editorWidgetSetup(idx)
            if spec.codelist:
                config = setup.config()
                assert setup.type() == "ValueRelation", (key, spec.name)
                assert config["Layer"] == codelist.id()
                assert (config["Key"], config["Value"]) == ("code", "label")
                assert config["FilterExpression"] == "\"list\" = '%s'" % spec.codelist
                request = QgsFeatureRequest().setFilterExpression(config["FilterExpression"])
                assert any(codelist.getFeatures(request)), spec.codelist
            elif spec.type == "boolean":
                assert setup.type() == "CheckBox", (key, spec.name)
            elif spec.type in ("date", "datetime"):
                assert setup.type() == "DateTime", (key, spec.name)


def test_every_catalogued_map_layer_has_a_style(sit):
    _, _, layers = sit
    for table in CATALOGUED:
        if not table.geometry:
            continue
        qml = os.path.join(sit_project.STYLE_DIR, table.name + ".qml")
        assert os.path.exists(qml), qml
    for key in ("pav", "zone_urba", "raepa_canalass_l:eu", "raepa_canalass_l:ep"):
        assert isinstance(layers[key].renderer(), QgsCategorizedSymbolRenderer), key
    # EU and EP legends list only their own network types.
    for key in ("raepa_canalass_l:ep", "raepa_apparass_p:ep", "raepa_ouvrass_p:ep"):
        assert [c.value() for c in layers[key].renderer().categories()] == ["01"], key
    eu = [c.value() for c in layers["raepa_canalass_l:eu"].renderer().categories()]
    assert "01" not in eu and {"02", "03"} <= set(eu)
    assert layers["commune"].labelsEnabled()
    zone_colors = {c.value(): c.symbol().color()
                   for c in layers["zone_urba"].renderer().categories()}
    assert {"U", "AUc", "AUs", "A", "N"} <= set(zone_colors)
    assert all(0 < color.alpha() < 255 for color in zone_colors.values())


def test_a_feature_drawn_in_qgis_gets_a_uuid(sit):
    _, _, layers = sit
    layer = layers["pav"]
    feature = QgsFeature(layer.fields())
    feature["flux"] = "verre"
    feature["enterre"] = True
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(925000, 6480000)))
    assert layer.startEditing()
    assert layer.addFeature(feature)
    assert layer.commitChanges(), layer.commitErrors()
    stored = list(layer.getFeatures())
    assert len(stored) == 1
    assert UUID_RE.match(stored[0]["uuid"])
    assert stored[0]["enterre"] in (True, 1)


def test_an_unknown_code_is_refused_in_an_edit_session(sit):
    _, _, layers = sit
    layer = layers["pav"]
    feature = QgsFeature(layer.fields())
    feature["flux"] = "plutonium"
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(925000, 6480000)))
    layer.startEditing()
    layer.addFeature(feature)
    assert not layer.commitChanges()
    assert "pav.flux: unknown code" in " ".join(layer.commitErrors())
    layer.rollBack()
    assert layer.featureCount() == 0


def test_eu_and_ep_split_the_wastewater_tables(wet_store, project):
    layers = sit_project.open_sit(wet_store, project)
    counts = {key: layers[key].featureCount() for key in (
        "raepa_canalass_l:eu", "raepa_canalass_l:ep",
        "raepa_reparass_p:eu", "raepa_reparass_p:ep")}
    # pipes 02, 03 and 00 are EU, 01 EP; repairs follow their support.
    assert counts == {"raepa_canalass_l:eu": 3, "raepa_canalass_l:ep": 2,
                      "raepa_reparass_p:eu": 2, "raepa_reparass_p:ep": 2}
    ep_repairs = {f["idrepar"] for f in layers["raepa_reparass_p:ep"].getFeatures()}
    assert ep_repairs == {"R1", "R2"}
    conn = store.open_store(wet_store)
    summary = {entry["key"]: entry["count"] for app in catalogue.store_summary(conn)
               for entry in app["layers"]}
    conn.close()
    for key, count in counts.items():
        assert summary[key] == count


def test_store_summary(wet_store):
    conn = store.open_store(wet_store)
    summary = catalogue.store_summary(conn)
    conn.close()
    assert [app["code"] for app in summary] == ["pav", "reseaux", "plui", "ads", "ref"]
    by_code = {app["code"]: app for app in summary}
    assert [by_code[c]["park_develops"] for c in ("pav", "reseaux", "plui", "ads")] == [
        True, True, False, True]
    reseaux = by_code["reseaux"]
    repairs = next(e for e in reseaux["layers"] if e["key"] == "raepa_reparass_p:eu")
    assert repairs["last_change"] == reseaux["last_change"]  # written last
    assert reseaux["last_change"] > by_code["pav"]["last_change"]
    assert all(e["count"] == 0 for e in by_code["pav"]["layers"])


def test_the_project_is_stored_in_the_geopackage_and_restored(gpkg_sit, tmp_path):
    path, project, layers = gpkg_sit
    tree = _tree(project.layerTreeRoot())
    # The manager's changes are saved with the project...
    layers["zone_urba"].setName("Zonage du PLUi")
    layers["parcelle"].setOpacity(0.5)
    sit_project.save_into_store(project, path)
    clear_project()

    # ... and the store, even moved, reopens as it was left.
    moved = str(tmp_path / "moved.gpkg")
    shutil.move(path, moved)
    reopened = project
    again = sit_project.open_sit(moved, reopened)
    assert reopened.fileName() == db.parse_location(moved).project_uri()
    assert set(again) == set(layers)
    assert again["zone_urba"].name() == "Zonage du PLUi"
    assert again["parcelle"].opacity() == 0.5
    expected = str(tree).replace("Zones du PLUi", "Zonage du PLUi")
    assert str(_tree(reopened.layerTreeRoot())) == expected
    for key, layer in again.items():
        assert layer.isValid(), key
        assert layer.source().startswith(moved + "|"), key
    assert again["raepa_canalass_l:ep"].subsetString() == catalogue.EP_FILTER
    flux = again["pav"].editorWidgetSetup(again["pav"].fields().indexOf("flux"))
    assert flux.type() == "ValueRelation"
    assert flux.config()["Layer"] == again["codelist"].id()
    assert again["pav"].editFormConfig().readOnly(again["pav"].fields().indexOf("uuid"))


def test_a_project_older_than_the_schema_is_rebuilt(sit):
    path, project, layers = sit
    layers["zone_urba"].setName("Ancien nom")
    project.writeEntry("sit", "schema_version", SCHEMA_VERSION - 1)
    sit_project.save_into_store(project, path)
    clear_project()
    again = sit_project.open_sit(path, project)
    assert again["zone_urba"].name() == "Zones du PLUi"
    assert project.readNumEntry("sit", "schema_version", 0)[0] == SCHEMA_VERSION


def test_an_old_store_is_migrated_then_catalogued(backend, tmp_path, project, request,
                                                  pg_authcfg):
    target = (with_authcfg(request.getfixturevalue("pg_location"), pg_authcfg)
              if backend == "postgres" else str(tmp_path / "v1.gpkg"))
    path = store.create_store(target, version=1)
    layers = sit_project.open_sit(path, project)
    assert "settlement" in layers and layers["settlement"].isValid()
    conn = store.open_store(path)
    assert store.schema_version(conn) == SCHEMA_VERSION
    conn.close()


def test_a_read_only_store_opens_without_saving(new_store, project):
    os.chmod(new_store, 0o444)
    try:
        layers = sit_project.open_sit(new_store, project)
    finally:
        os.chmod(new_store, 0o644)
    assert layers["pav"].isValid()
    conn = store.connect(new_store)
    saved = conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'qgis_projects'"
                         ).fetchone()[0]
    conn.close()
    assert saved == 0


@pytest.mark.parametrize("content", [b"not a database at all", None])
def test_bad_files_are_refused_with_their_name(tmp_path, project, content):
    path = tmp_path / "bad.gpkg"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(StoreError, match=re.escape(str(path))):
        sit_project.open_sit(str(path), project)
    assert project.mapLayers() == {}
