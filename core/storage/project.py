"""The store of a QGIS project: the SIT open in QGIS (desktop, Processing,
QGIS Server) is the Location its project names.

A project names its store in an entry (``sit/location``) and in the variable
``@sit_store`` that expression functions read (they run while maps render,
when layers and the project must not be touched), both without credentials.
The stores opened in this QGIS session are remembered with the credentials
they were opened with, which the project must not keep.

SIT layers carry the custom properties ``sit/table`` (the store table) and
``sit/key`` (the catalogue key, core/catalogue.py).
"""
from qgis.core import QgsExpressionContextUtils

from . import db

_OPENED: dict = {}   # public text -> the Location opened with it in this session


def remember(location):
    """Keep `location`'s credentials for this session (see location_from_text)."""
    _OPENED[location.public_text()] = location


def location_from_text(text):
    """The store named by `text` (@sit_store, the project's entry, a STORE
    parameter), with the credentials it was opened with in this session;
    None for empty text."""
    return _OPENED.get(text) or (db.parse_location(text) if text else None)


def sit_layers(project):
    """{key: layer} for the SIT layers of `project`."""
    return {layer.customProperty("sit/key"): layer
            for layer in project.mapLayers().values()
            if layer.customProperty("sit/key")}


def name_store(project, location):
    """Say in `project` that its SIT is `location` (entry and @sit_store)."""
    text = location.public_text()
    project.writeEntry("sit", "location", text)
    QgsExpressionContextUtils.setProjectVariable(project, "sit_store", text)


def store_of(project):
    """The Location of the SIT layers of `project`, or None."""
    for layer in sit_layers(project).values():
        return db.location_of_layer(layer) or \
            location_from_text(project.readEntry("sit", "location", "")[0])
    return None


def store_text_of(project):
    """The store of `project` as text without credentials, or None."""
    location = store_of(project)
    return location.public_text() if location else None
