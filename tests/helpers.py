"""Small helpers shared by several test modules."""


class CancelAfter:
    """A Processing feedback stand-in whose isCanceled() turns true after `n` checks
    (or counts the checks an import makes, with a large `n`)."""

    def __init__(self, n):
        self.n = n

    def isCanceled(self):  # noqa: N802 (QgsFeedback API)
        self.n -= 1
        return self.n < 0


def with_authcfg(location, authcfg):
    """The same PostgreSQL store reached through a QGIS authentication
    configuration instead of a password (a GeoPackage path is returned as is)."""
    from sit_chartreuse.core.storage import db
    location = db.parse_location(location)
    if not isinstance(location, db.PgLocation):
        return location
    params = {k: v for k, v in location.params.items() if k not in ("user", "password")}
    return db.PgLocation(location.schema, dict(params, authcfg=authcfg))


def clear_project():
    """Empty QGIS's project. A canvas still rendering in its worker thread
    would read layers while the project deletes them: every canvas is
    stopped (blocking) and emptied first, and left not drawing (pytest-qgis's
    canvas takes every layer added to the project; a test that needs a drawn
    map turns drawing on with setRenderFlag(True))."""
    from qgis.core import QgsProject
    from qgis.gui import QgsMapCanvas
    from qgis.PyQt.QtWidgets import QApplication
    for widget in QApplication.allWidgets():
        if isinstance(widget, QgsMapCanvas):
            widget.stopRendering()
            widget.setRenderFlag(False)
            widget.setLayers([])
    QgsProject.instance().clear()
