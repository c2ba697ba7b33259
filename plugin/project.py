"""The QGIS project of a SIT store: every table as a layer, grouped by
application, styled, with attribute forms generated from the schema; the
project itself is stored inside the GeoPackage.

Layers carry two custom properties other components use to find them:

- ``sit/table``: the store table (``raepa_canalass_l``...);
- ``sit/key``: the catalogue key, the table name or ``<table>:eu`` /
  ``<table>:ep`` for the filtered wastewater layers (core/catalogue.py).

``build_project`` and ``open_sit`` return ``{key: QgsVectorLayer}``; for every
table shown once (all but the ``raepa_*ass*`` ones) the key is the table name.

``PROJECT_EXTENSIONS``: functions ``f(project, layers)`` called at the end of
``build_project`` (forms, relations, actions other parts of the plugin add to
the project). They run when the project is built, i.e. the first time a store
is opened or after a schema migration; their result is saved in the store with
the rest of the project. Add yours with a targeted edit of the list below
(import inside a small wrapper to keep start-up light). ``layers`` already
holds every table of the schema (tables no application claims are in the
"Gestion" group), with its form configured: extend it, do not add a second
layer for a table.
"""
import os
import sqlite3

from qgis.core import (QgsCategorizedSymbolRenderer, QgsCoordinateReferenceSystem,
                       QgsDataSourceUri, QgsEditorWidgetSetup, QgsExpressionContextUtils,
                       QgsProviderRegistry,
                       QgsReferencedRectangle, QgsVectorLayer)
from qgis.PyQt.QtCore import QUrl, QUrlQuery

from ..core import catalogue
from ..core.errors import StoreError
from ..core.i18n import tr
from ..core.schema import BY_NAME, SCHEMA_VERSION, SRID, UUID_FIELD
from ..core.storage import db
from ..core.storage.store import open_store

PROJECT_NAME = "sit"
STYLE_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "forms", "styles")
DISPLAY_DATE = {"date": "dd/MM/yyyy", "datetime": "dd/MM/yyyy HH:mm"}
STORED_DATE = {"date": "yyyy-MM-dd", "datetime": "yyyy-MM-ddTHH:mm:ss"}


def _ledger_extension(project, layers):
    """Tickets and time on every catalogued form (plugin/ledger_project.py)."""
    from .ledger_project import extend_project
    extend_project(project, layers)


def _nextads_extension(project, layers):
    """Next'ADS action and parcel/dossier relations (plugin/nextads_project.py)."""
    from .nextads_project import extend_project
    extend_project(project, layers)


def _server_extension(project, layers):
    """What QGIS Server publishes (server/publication.py)."""
    from ..server.publication import extend_project
    extend_project(project, layers)


PROJECT_EXTENSIONS = [_ledger_extension, _nextads_extension, _server_extension]


# Stores opened in this QGIS session, by their credential-free text: the
# plugin's own connections need what the project file must not keep.
_OPENED = {}


def project_uri(location):
    """The URI of the project stored inside the store: in the GeoPackage, or
    in the PostgreSQL schema (QGIS's project storage, table qgis_projects)."""
    if isinstance(location, db.PgLocation):
        uri = _pg_uri(location)
        url = QUrl()
        url.setScheme("postgresql")
        url.setHost(uri.host())
        if uri.port():
            url.setPort(int(uri.port()))
        query = QUrlQuery()
        for key, value in (("service", uri.service()), ("authcfg", uri.authConfigId()),
                           ("dbname", uri.database()), ("schema", location.schema),
                           ("project", PROJECT_NAME)):
            if value:
                query.addQueryItem(key, value)
        if uri.username() and not uri.authConfigId():
            url.setUserName(uri.username())
        url.setQuery(query)
        return url.toString()
    return "geopackage:%s?projectName=%s" % (os.path.abspath(location), PROJECT_NAME)


def _pg_uri(location):
    """The connection part of a PostgreSQL layer's URI: server, database,
    authentication configuration, never a password."""
    params = dict(location.params)
    if params.get("connection"):
        saved = db.qgis_connection_uri(params.pop("connection"))
        params = dict({k: v for k, v in (
            ("host", saved.host()), ("port", saved.port()), ("dbname", saved.database()),
            ("service", saved.service()), ("user", saved.username()),
            ("authcfg", saved.authConfigId())) if v}, **params)
    params.pop("password", None)
    if params.get("authcfg"):
        params.pop("user", None)   # the configuration says who
    return QgsDataSourceUri(" ".join("%s=%s" % (k, db.quote_value(v))
                                     for k, v in params.items()))


def layer_source(location, table, subset=""):
    """(source, provider key) of a QGIS layer on `table` of the store."""
    if isinstance(location, db.PgLocation):
        uri = _pg_uri(location)
        # A generic GEOMETRY column (archives) has no single type for QGIS to
        # draw: shown as a table, as QGIS shows it from a GeoPackage.
        spatial = table in BY_NAME and BY_NAME[table].geometry not in (None, "GEOMETRY")
        uri.setDataSource(location.schema, table, "geom" if spatial else "",
                          catalogue.qualified(subset, location.schema), "fid")
        if spatial:
            uri.setSrid(str(SRID))
        return uri.uri(False), "postgres"
    # The filter goes in the URI: with QGIS 3.22, setSubsetString() on a layer
    # sharing its GeoPackage with other layers breaks those layers' connection.
    return ("%s|layername=%s" % (location, table) + ("|subset=" + subset if subset else ""),
            "ogr")


def _make_layer(location, table, title, key, subset=""):
    source, provider = layer_source(location, table, subset)
    layer = QgsVectorLayer(source, title, provider)
    if not layer.isValid():
        raise StoreError(tr("{path}: the table {table} cannot be loaded in QGIS.")
                         .format(path=_label(location), table=table))
    layer.setCustomProperty("sit/table", table)
    layer.setCustomProperty("sit/key", key)
    QgsExpressionContextUtils.setLayerVariable(layer, "sit_table", table)
    return layer


def _apply_style(layer, name):
    qml = os.path.join(STYLE_DIR, name + ".qml")
    if os.path.exists(qml):
        message, ok = layer.loadNamedStyle(qml)
        if not ok:
            raise StoreError(tr("{qml}: the style cannot be loaded: {error}")
                             .format(qml=qml, error=message))


def _keep_network_categories(layer, network):
    """An EU or EP layer's legend lists only its own network types (the style
    of the raepa_*ass* tables categorises all of them)."""
    renderer = layer.renderer()
    if not isinstance(renderer, QgsCategorizedSymbolRenderer) or \
            renderer.classAttribute() != "typreseau":
        return
    for index in reversed(range(len(renderer.categories()))):
        if catalogue.network_of(renderer.categories()[index].value() or "") != network:
            renderer.deleteCategory(index)


def configure_form(layer, table, codelist_layer):
    """Aliases, drop-downs of the code lists, read-only uuid, check boxes, dates."""
    fields = layer.fields()
    form = layer.editFormConfig()
    for spec in (UUID_FIELD,) + table.fields:
        idx = fields.indexOf(spec.name)
        if idx < 0:
            continue
        layer.setFieldAlias(idx, spec.alias)
        if spec.codelist:
            setup = QgsEditorWidgetSetup("ValueRelation", {
                "Layer": codelist_layer.id(), "LayerName": codelist_layer.name(),
                "LayerSource": codelist_layer.source(),
                "LayerProviderName": codelist_layer.providerType(),
                "Key": "code", "Value": "label",
                "FilterExpression": "\"list\" = '%s'" % spec.codelist,
                "AllowNull": not spec.not_null, "OrderByValue": True,
                "AllowMulti": False, "UseCompleter": False})
        elif spec.type == "boolean":
            setup = QgsEditorWidgetSetup("CheckBox", {})
        elif spec.type in DISPLAY_DATE:
            setup = QgsEditorWidgetSetup("DateTime", {
                "field_format": STORED_DATE[spec.type],
                "display_format": DISPLAY_DATE[spec.type],
                "calendar_popup": True, "allow_null": not spec.not_null})
        else:
            continue
        layer.setEditorWidgetSetup(idx, setup)
    # The uuid is written by a trigger and never changes.
    form.setReadOnly(fields.indexOf(UUID_FIELD.name), True)
    layer.setEditFormConfig(form)


def _label(location):
    return location.label if isinstance(location, db.PgLocation) else location


def _normalise(location):
    location = db.parse_location(location)
    return location if isinstance(location, db.PgLocation) else os.path.abspath(location)


def build_project(store_path, project):
    """Load every table of the store into `project`; returns {key: layer}.

    Groups: the four applications, the referentials, "Gestion", and the
    code lists (collapsed). The store must already be open-able (migrated).
    """
    store_path = _normalise(store_path)
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:%d" % SRID))
    project.setTitle("SIT Chartreuse")
    root = project.layerTreeRoot()
    layers = {}

    def add(group, layer):
        project.addMapLayer(layer, False)
        group.addLayer(layer)
        layers[layer.customProperty("sit/key")] = layer

    codelist = _make_layer(store_path, catalogue.CODELIST_TABLE,
                           "Listes de codes", catalogue.CODELIST_TABLE)
    for app in catalogue.CATALOGUE:
        app_group = root.addGroup(app.title)
        for group in app.groups:
            parent = app_group.addGroup(group.title) if group.title else app_group
            for entry in group.layers:
                layer = _make_layer(store_path, entry.table, entry.title, entry.key,
                                    entry.subset)
                _apply_style(layer, entry.table)
                if entry.network:
                    _keep_network_categories(layer, entry.network)
                add(parent, layer)
    management = root.addGroup(catalogue.MANAGEMENT_TITLE)
    management.setExpanded(False)
    for name in catalogue.MANAGEMENT_TABLES:
        layer = _make_layer(store_path, name, BY_NAME[name].title, name)
        _apply_style(layer, name)
        add(management, layer)
    lists = root.addGroup(catalogue.CODELIST_GROUP_TITLE)
    lists.setExpanded(False)
    add(lists, codelist)

    for layer in layers.values():
        table = BY_NAME.get(layer.customProperty("sit/table"))
        if table:
            configure_form(layer, table, codelist)
    communes = layers["commune"]
    if communes.featureCount() > 0:
        project.viewSettings().setDefaultViewExtent(
            QgsReferencedRectangle(communes.extent(), communes.crs()))
    project.writeEntry("sit", "schema_version", SCHEMA_VERSION)
    _name_store(project, store_path)
    for extension in PROJECT_EXTENSIONS:
        extension(project, layers)
    return layers


def save_into_store(project, store_path):
    """Write `project` inside the store (table qgis_projects, name "sit")."""
    if not project.write(project_uri(_normalise(store_path))):
        raise StoreError(tr("Cannot save the QGIS project into {path}: {error}")
                         .format(path=_label(store_path), error=project.error()))


def sit_layers(project):
    """{key: layer} for the SIT layers of `project`."""
    return {layer.customProperty("sit/key"): layer
            for layer in project.mapLayers().values()
            if layer.customProperty("sit/key")}


def store_path_of(project):
    """The store the SIT layers of `project` read (a GeoPackage path or a
    PgLocation), or None."""
    for layer in sit_layers(project).values():
        if layer.providerType() == "postgres":
            return pg_location_of(project)
        registry = QgsProviderRegistry.instance()
        return os.path.abspath(registry.decodeUri("ogr", layer.source())["path"])
    return None


def _name_store(project, location):
    """Say where the store is in the project: an entry, and the variable
    @sit_store that expression functions read (they run while maps render,
    when layers and the project must not be touched). No credentials."""
    text = str(db.without_password(location)) if isinstance(location, db.PgLocation) \
        else location
    if isinstance(location, db.PgLocation):
        project.writeEntry("sit", "location", text)
    QgsExpressionContextUtils.setProjectVariable(project, "sit_store", text)


def location_from_text(text):
    """The store named by `text` (@sit_store, or the project's entry), with the
    credentials it was opened with in this session."""
    return _OPENED.get(text) or (db.parse_location(text) if text else None)


def pg_location_of(project):
    """The PostgreSQL store of `project`, from its own entry."""
    return location_from_text(project.readEntry("sit", "location", "")[0])


def _stored_project_exists(location):
    if isinstance(location, db.PgLocation):
        conn = db.pg_connect(location)
    else:
        conn = sqlite3.connect("file:%s?mode=ro" % location, uri=True)
    try:
        return db.dialect(conn).table_exists(conn, "qgis_projects") and conn.execute(
            "SELECT 1 FROM qgis_projects WHERE name = ?", (PROJECT_NAME,)).fetchone() is not None
    finally:
        conn.close()


def _repoint(project, location):
    """Point the SIT layers at `location`: the store may have been moved or
    copied since the project was saved (or reached with other credentials)."""
    registry = QgsProviderRegistry.instance()
    for layer in sit_layers(project).values():
        QgsExpressionContextUtils.setLayerVariable(layer, "sit_table",
                                                   layer.customProperty("sit/table"))
        if isinstance(location, db.PgLocation):
            source, _ = layer_source(location, layer.customProperty("sit/table"),
                                     catalogue.SUBSETS.get(layer.customProperty("sit/key"), ""))
            if layer.source() != source:
                layer.setDataSource(source, layer.name(), "postgres")
            continue
        parts = registry.decodeUri("ogr", layer.source())
        if os.path.abspath(parts.get("path", "")) != location:
            parts["path"] = location
            layer.setDataSource(registry.encodeUri("ogr", parts), layer.name(), "ogr")


def _writable(location):
    """False for a store marked read-only (readers' copies), even for root, or
    a PostgreSQL schema this role may not write the project into."""
    if isinstance(location, db.PgLocation):
        conn = db.pg_connect(location)
        try:
            return conn.execute(
                "SELECT CASE WHEN to_regclass('qgis_projects') IS NULL "
                "THEN has_schema_privilege(current_schema(), 'CREATE') "
                "ELSE has_table_privilege('qgis_projects', 'INSERT, UPDATE') END").fetchone()[0]
        finally:
            conn.close()
    return (os.access(location, os.W_OK) and os.stat(location).st_mode & 0o222 != 0
            and os.access(os.path.dirname(location), os.W_OK))


def open_sit(store_path, project):
    """Open the SIT of `store_path` (a GeoPackage path or a PostgreSQL
    location) in `project`; returns {key: layer}.

    The store is opened (and migrated) first, so a bad file is refused with a
    StoreError naming it. The project saved inside the store is read back as
    it was left; a store without one, or whose project predates the current
    schema, gets a freshly built project, saved into it when writable.
    """
    location = _normalise(store_path)
    open_store(location).close()
    if isinstance(location, db.PgLocation):
        _OPENED[str(db.without_password(location))] = location
    if _stored_project_exists(location):
        if not project.read(project_uri(location)):
            raise StoreError(tr("Cannot read the QGIS project stored in {path}: {error}")
                             .format(path=_label(location), error=project.error()))
        version, _ = project.readNumEntry("sit", "schema_version", 0)
        if version == SCHEMA_VERSION:
            _repoint(project, location)
            _name_store(project, location)
            return sit_layers(project)
    project.clear()
    layers = build_project(location, project)
    if _writable(location):
        save_into_store(project, location)
    return layers
