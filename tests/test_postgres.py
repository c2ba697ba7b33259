"""The SIT in PostgreSQL/PostGIS as the SIT manager meets it in QGIS: created
through a connection saved in QGIS whose credentials live in QGIS's
authentication database, opened in the catalogue, its project kept in the
schema with no credentials in it; odd schema names harm nothing."""
import io
import socket
import struct
import threading
import zipfile

import pytest
from qgis.core import QgsApplication, QgsProject, QgsProviderRegistry

from helpers import clear_project, with_authcfg
from ledger_helpers import sample_features
from sit_chartreuse.core import catalogue
from sit_chartreuse.core.schema import SCHEMA_VERSION
from sit_chartreuse.core.errors import StoreError
from sit_chartreuse.core.ledger import ledger
from sit_chartreuse.core.storage import db, store
from sit_chartreuse.core.storage.project import store_of
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
        assert store.schema_version(conn) == SCHEMA_VERSION
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
    assert store_of(project) == db.parse_location(location)


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
    missing = db.PgLocation("public", {"connection": "Pas de connexion"})
    with pytest.raises(StoreError, match="no PostgreSQL connection named Pas de connexion"):
        store.open_store(missing)


class FakeServer:
    """A server on loopback that speaks just enough of PostgreSQL's protocol
    to ask a client for its password in clear text (as a hostile server may),
    and records every connection and byte it receives."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.1)
        self.port = self.listener.getsockname()[1]
        self.connections, self.received = 0, bytearray()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stop.is_set():
            try:
                client, _ = self.listener.accept()
            except socket.timeout:
                continue
            self.connections += 1
            with client:
                client.settimeout(5)
                try:
                    self._talk(client)
                except OSError:
                    pass

    def _read(self, client, n):
        data = b""
        while len(data) < n:
            chunk = client.recv(n - len(data))
            if not chunk:
                raise OSError("client left")
            data += chunk
        self.received += data
        return data

    def _talk(self, client):
        while True:   # SSL or GSS encryption requests are declined
            (length,) = struct.unpack("!I", self._read(client, 4))
            body = self._read(client, length - 4)
            if struct.unpack("!I", body[:4])[0] not in (80877103, 80877104):
                break
            client.sendall(b"N")
        client.sendall(b"R" + struct.pack("!II", 8, 3))   # AuthenticationCleartextPassword
        self._read(client, 5)   # the password message: 'p', its length, the password
        self._read(client, struct.unpack("!I", self.received[-4:])[0] - 4)

    def close(self):
        self._stop.set()
        self._thread.join()
        self.listener.close()


@pytest.fixture
def fake_server():
    server = FakeServer()
    yield server
    server.close()


def test_the_fake_server_catches_a_password_sent_to_it(fake_server):
    # The control of the test below: a location naming that server sends it
    # the password the location holds.
    with pytest.raises(StoreError, match="Cannot connect"):
        store.open_store("postgres: host='127.0.0.1' port='%d' dbname='sit' user='u' "
                         "password='decoy-secret' connect_timeout='5' schema='sit'"
                         % fake_server.port)
    assert b"decoy-secret" in fake_server.received


@pytest.mark.parametrize("override", ["host='127.0.0.1' port='{port}'",
                                      "hostaddr='127.0.0.1' port='{port}'",
                                      "service='elsewhere'", "dbname='other'"])
def test_a_saved_connection_sends_its_credentials_nowhere_else(qgis_connection, fake_server,
                                                               override):
    # A project file may hold such a location: the saved connection's user
    # and password would go to the server it names.
    text = "postgres: connection='%s' %s schema='sit'" % (
        qgis_connection, override.format(port=fake_server.port))
    for attempt in (store.open_store, store.create_store,
                    lambda t: store.create_store(t.replace("connection=", "authcfg='x' "
                                                           "connection="))):
        with pytest.raises(StoreError, match="may not set (host|hostaddr|service|dbname)"):
            attempt(text)
    assert fake_server.connections == 0 and fake_server.received == b""



def test_an_authcfg_of_saved_connections_goes_to_their_server_only(qgis_connection, pg_authcfg,
                                                                  fake_server):
    # The saved connection uses pg_authcfg: a location from a project file
    # naming that authcfg and another server would send it the password.
    from conftest import PG_SERVER
    for where in ("host='127.0.0.1' port='%d' dbname='%s'" % (fake_server.port,
                                                              PG_SERVER["dbname"]),
                  "host='%s' port='%s' dbname='other'" % (PG_SERVER["host"], PG_SERVER["port"])):
        with pytest.raises(StoreError, match="is used for .*may not send it to"):
            store.open_store("postgres: authcfg='%s' %s connect_timeout='5' schema='sit'"
                             % (pg_authcfg, where))
    assert fake_server.connections == 0 and fake_server.received == b""
    # Its own server, named in full, still opens.
    location = store.create_store("postgres: authcfg='%s' host='%s' port='%s' dbname='%s' "
                                  "schema='t_authcfg_own'" % (pg_authcfg, PG_SERVER["host"],
                                                              PG_SERVER["port"],
                                                              PG_SERVER["dbname"]))
    try:
        store.open_store(location).close()
    finally:
        conn = db.pg_connect(db.PgLocation("public", dict(PG_SERVER)))
        conn.execute("DROP SCHEMA t_authcfg_own CASCADE")
        conn.close()


def test_an_authcfg_with_a_resource_url_goes_to_that_server_only(pg_authcfg, fake_server):
    # pg_authcfg: the master password is set
    from conftest import PG_SERVER
    from qgis.core import QgsApplication, QgsAuthMethodConfig
    manager = QgsApplication.authManager()
    config = QgsAuthMethodConfig("Basic")
    config.setName("SIT, bound to its server")
    config.setUri("postgresql://%s:%s/%s" % (PG_SERVER["host"], PG_SERVER["port"],
                                             PG_SERVER["dbname"]))
    config.setConfig("username", "decoy")
    config.setConfig("password", "decoy-secret")
    assert manager.storeAuthenticationConfig(config)[0]
    try:
        with pytest.raises(StoreError, match="may not send it to 127.0.0.1:%d/sit"
                           % fake_server.port):
            store.open_store("postgres: authcfg='%s' host='127.0.0.1' port='%d' dbname='sit' "
                             "connect_timeout='5' schema='sit'" % (config.id(), fake_server.port))
        assert fake_server.connections == 0 and fake_server.received == b""
    finally:
        manager.removeAuthenticationConfig(config.id())


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
        assert store.schema_version(conn) == SCHEMA_VERSION
        conn.close()
    finally:
        pg_admin.execute("REVOKE ALL ON ALL TABLES IN SCHEMA %s FROM %s" % (schema, quoted))
        pg_admin.execute("REVOKE USAGE ON SCHEMA %s FROM %s" % (schema, quoted))
        pg_admin.execute("DROP ROLE %s" % quoted)
