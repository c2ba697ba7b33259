"""The QGIS project of a SIT store: every table as a layer, grouped by
application, styled, with attribute forms generated from the schema; the
project itself is stored inside the store (core/storage/db.py's Location).

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

from qgis.core import (QgsCategorizedSymbolRenderer, QgsCoordinateReferenceSystem,
                       QgsEditorWidgetSetup, QgsExpressionContextUtils,
                       QgsReferencedRectangle, QgsVectorLayer)

from ..core import catalogue
from ..core.errors import StoreError
from ..core.i18n import tr
from ..core.schema import BY_NAME, SCHEMA_VERSION, SRID, UUID_FIELD
from ..core.storage import db
from ..core.storage.project import name_store, remember, sit_layers
from ..core.storage.store import open_store, stored_project_exists

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


def _make_layer(location, table, title, key, subset=""):
    source, provider = location.layer_source(table, subset)
    layer = QgsVectorLayer(source, title, provider)
    if not layer.isValid():
        raise StoreError(tr("{path}: the table {table} cannot be loaded in QGIS.")
                         .format(path=location.label, table=table))
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


def build_project(store_path, project):
    """Load every table of the store into `project`; returns {key: layer}.

    Groups: the four applications, the referentials, "Gestion", and the
    code lists (collapsed). The store must already be open-able (migrated).
    """
    store_path = db.parse_location(store_path)
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
    name_store(project, store_path)
    for extension in PROJECT_EXTENSIONS:
        extension(project, layers)
    return layers


def save_into_store(project, store_path):
    """Write `project` inside the store (table qgis_projects, name "sit")."""
    location = db.parse_location(store_path)
    if not project.write(location.project_uri()):
        raise StoreError(tr("Cannot save the QGIS project into {path}: {error}")
                         .format(path=location.label, error=project.error()))


def _repoint(project, location):
    """Point the SIT layers at `location`: the store may have been moved or
    copied since the project was saved (or reached with other credentials)."""
    for layer in sit_layers(project).values():
        table, key = layer.customProperty("sit/table"), layer.customProperty("sit/key")
        QgsExpressionContextUtils.setLayerVariable(layer, "sit_table", table)
        location.repoint(layer, table, catalogue.SUBSETS.get(key, ""))


def open_sit(store_path, project):
    """Open the SIT of `store_path` (a GeoPackage path or a PostgreSQL
    location) in `project`; returns {key: layer}.

    The store is opened (and migrated) first, so a bad file is refused with a
    StoreError naming it. The project saved inside the store is read back as
    it was left; a store without one, or whose project predates the current
    schema, gets a freshly built project, saved into it when writable.
    """
    location = db.parse_location(store_path)
    open_store(location).close()
    remember(location)
    if stored_project_exists(location):
        if not project.read(location.project_uri()):
            raise StoreError(tr("Cannot read the QGIS project stored in {path}: {error}")
                             .format(path=location.label, error=project.error()))
        version, _ = project.readNumEntry("sit", "schema_version", 0)
        if version == SCHEMA_VERSION:
            _repoint(project, location)
            name_store(project, location)
            return sit_layers(project)
    project.clear()
    layers = build_project(location, project)
    if location.may_write_project():
        save_into_store(project, location)
    return layers
