"""What the SIT's QGIS project publishes through QGIS Server: every layer of
the catalogue as WMS (QGIS's default) and, read-only, as OGC API Features
(QGIS publishes there only the project's WFS layers). A project extension
(plugin/project.py), saved with the project in the store."""
from ..core.schema import BY_NAME

TITLE = "SIT Chartreuse"


def extend_project(project, layers):
    published = [layer.id() for layer in layers.values()
                 if layer.isSpatial() and getattr(BY_NAME.get(layer.customProperty("sit/table")),
                                                  "catalogued", False)]
    project.writeEntry("WFSLayers", "/", published)
    project.writeEntry("WFSTLayers", "Insert", [])
    project.writeEntry("WFSTLayers", "Update", [])
    project.writeEntry("WFSTLayers", "Delete", [])
    project.writeEntry("WMSServiceCapabilities", "/", True)
    project.writeEntry("WMSServiceTitle", "/", TITLE)
