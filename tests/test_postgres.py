"""The SIT in PostgreSQL/PostGIS as the SIT manager meets it in QGIS: created
through a connection saved in QGIS whose credentials live in QGIS's
authentication database, opened in the catalogue, its project kept in the
schema with no credentials in it; odd schema names harm nothing."""
import io
import zipfile

import pytest
from qgis.core import QgsApplication, QgsProject, QgsProviderRegistry

from helpers import clear_project, with_authcfg
from ledger_helpers import sample_features
from sit_chartreuse.core import catalogue, db, ledger, store
from sit_chartreuse.core.errors import StoreError
from sit_chartreuse.plugin import project as sit_project

CONNECTION = "SIT Chartreuse (serveur de test)"


@pytest.fixture
def qgis_connection(pg_authcfg):
    """A PostgreSQL connection saved in QGIS, credentials in an authcfg."""
    from conftest import PG_SERVER
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    uri = "host=%s port=%s dbname=%s authcfg=%s" % (
        PG_SERVER["host"], PG_SERVER["port"], PG_SERVER["dbname"], pg_authcfg)
    metadata.saveConnection(metadata.createConnection(uri, {}), CONNECTION)
    yield CONNECTION
    metadata.deleteConnection(CONNECTION)


@pytest.fixture
def schema(pg_location):
    """A fresh schema name (dropped after the test)."""
    return db.parse_location(pg_location).schema


def _project_bytes(conn):
    """The project QGIS stored in the schema, unpacked (a .qgz archive)."""
    (content,) = conn.execute("SELECT content FROM qgis_projects WHERE name = 'sit'").fetchone()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return b"".join(archive.read(name) for name in archive.namelist())


def test_createstore_through_a_qgis_connection_then_open_the_catalogue(
        qgis_connection, schema, plugin_iface, pg_admin):
    import sit_chartreuse
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback
    from sit_chartreuse.plugin.catalogue_dock import CatalogueComponent

    plugin = sit_chartreuse.classFactory(plugin_iface)
    plugin.initGui()
    try:
        algorithm = QgsApplication.processingRegistry().createAlgorithmById(
            "sitchartreuse:createstore")
        parameters = {"CONNECTION": qgis_connection, "SCHEMA": schema}
        context = QgsProcessingContext()
        assert algorithm.checkParameterValues(parameters, context)[0]
        location = algorithm.processAlgorithm(parameters, context,
                                              QgsProcessingFeedback())["STORE"]
        assert db.parse_location(location) == db.PgLocation(schema, {"connection": CONNECTION})
        assert "password" not in location
        conn = store.open_store(location)   # credentials resolved through QGIS
        assert store.schema_version(conn) == 4
        assert conn.execute("SELECT count(*) FROM convention").fetchone()[0] == 1   # the seed's
        conn.close()

        component = next(c for c in plugin.components if isinstance(c, CatalogueComponent))
        assert component.open(location)
        layers = sit_project.sit_layers(QgsProject.instance())
        assert layers["pav"].isValid() and layers["pav"].providerType() == "postgres"
        assert all(layer.isValid() for layer in layers.values())
        assert component.dock.store_label.text().endswith(schema)
        assert component.dock.tree.topLevelItemCount() == 5
    finally:
        plugin.unload()

    # The project lives in the schema, with the authcfg id and no credential.
    conn = store.open_store(location)
    stored = _project_bytes(conn)
    assert b"authcfg=" in stored
    assert b"password" not in stored and b"sit_admin" not in stored
    conn.close()

    # Reopened, it is read back from the schema as it was left.
    project = QgsProject.instance()
    layers["zone_urba"].setName("Zonage du PLUi")
    sit_project.save_into_store(project, location)
    clear_project()
    again = sit_project.open_sit(location, project)
    assert project.fileName().startswith("postgresql:")
    assert again["zone_urba"].name() == "Zonage du PLUi"
    assert sit_project.store_path_of(project) == db.parse_location(location)


def test_the_dialog_names_the_store_by_connection_and_schema(qgis_connection, schema, qgis_app):
    from sit_chartreuse.plugin.catalogue_dock import PostgresStoreDialog
    store.create_store(db.PgLocation(schema, {"connection": qgis_connection}))
    dialog = PostgresStoreDialog()
    dialog.connections.setConnection(qgis_connection)
    dialog.schemas.refreshSchemas()
    dialog.schemas.setSchema(schema)
    assert dialog.location() == db.PgLocation(schema, {"connection": qgis_connection})


def test_bad_credentials_and_missing_stores_are_named(pg_location, pg_admin):
    wrong = db.parse_location(pg_location)
    wrong = db.PgLocation(wrong.schema, dict(wrong.params, password="wrong"))
    with pytest.raises(StoreError, match="Cannot connect to PostgreSQL sit_test"):
        store.open_store(wrong)
    with pytest.raises(StoreError, match="not a SIT store"):
        store.open_store(pg_location)   # the schema does not exist yet
    store.create_store(pg_location)
    with pytest.raises(StoreError, match="never overwritten"):
        store.create_store(pg_location)
    missing = db.PgLocation("public", dict(db.parse_location(pg_location).params,
                                           connection="Pas de connexion"))
    with pytest.raises(StoreError, match="no PostgreSQL connection named Pas de connexion"):
        store.open_store(missing)


WEIRD = 'sit"; DROP TABLE public.canary; --\'x'


def test_a_schema_named_with_quotes_and_semicolons_harms_nothing(pg_admin, pg_authcfg, qgis_app):
    from conftest import PG_SERVER
    project = QgsProject.instance()
    pg_admin.execute("CREATE TABLE IF NOT EXISTS canary (id integer)")
    location = db.PgLocation(WEIRD, dict(PG_SERVER))
    try:
        store.create_store(location)
        uuids = sample_features(location)
        conn = store.open_store(location)
        ledger.log_time(conn, "2026-03-02", "1,5", layer="raepa_canalass_l",
                        feature_uuid=uuids["raepa_canalass_l"],
                        category="maintenance_corrective", title="Curage")
        conn.close()
        layers = sit_project.open_sit(with_authcfg(location, pg_authcfg), project)
        # The EU/EP filters read other tables of the schema: they name it.
        assert layers["raepa_canalass_l:eu"].featureCount() == 1
        assert layers["raepa_reparass_p:eu"].isValid()
        assert layers["raepa_reparass_p:eu"].featureCount() == 0
        conn = store.open_store(location)
        summary = {e["key"]: e["count"] for app in catalogue.store_summary(conn)
                   for e in app["layers"]}
        assert summary["raepa_canalass_l:eu"] == 1 and summary["pav"] == 1
        assert ledger.feature_hours(conn, "raepa_canalass_l", uuids["raepa_canalass_l"]) == 1.5
        conn.close()
        assert pg_admin.execute("SELECT to_regclass('public.canary') IS NOT NULL"
                                ).fetchone()[0]
    finally:
        clear_project()
        pg_admin.execute("DROP SCHEMA IF EXISTS %s CASCADE" % db.Dialect.quote(WEIRD))


def test_a_migration_by_another_role_than_the_owner_says_who_can_run_it(pg_location, pg_admin):
    from conftest import PG_SERVER
    location = store.create_store(pg_location, version=1)
    login = "sit_reader_%s" % location.schema[-8:]
    quoted, schema = db.Dialect.quote(login), db.Dialect.quote(location.schema)
    pg_admin.execute("CREATE ROLE %s LOGIN PASSWORD 'lecture'" % quoted)
    try:
        pg_admin.execute("GRANT USAGE ON SCHEMA %s TO %s" % (schema, quoted))
        pg_admin.execute("GRANT SELECT ON ALL TABLES IN SCHEMA %s TO %s" % (schema, quoted))
        other = db.PgLocation(location.schema, dict(PG_SERVER, user=login, password="lecture"))
        with pytest.raises(StoreError, match="only the owner of its schema may run"):
            store.open_store(other)
        conn = store.open_store(location)   # the owner migrates it
        assert store.schema_version(conn) == 4
        conn.close()
    finally:
        pg_admin.execute("REVOKE ALL ON ALL TABLES IN SCHEMA %s FROM %s" % (schema, quoted))
        pg_admin.execute("REVOKE USAGE ON SCHEMA %s FROM %s" % (schema, quoted))
        pg_admin.execute("DROP ROLE %s" % quoted)
