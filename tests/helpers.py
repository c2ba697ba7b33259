"""Small helpers shared by several test modules."""
import contextlib
import os
import signal
import subprocess
import sys

PKGROOT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "build",
                       "pkgroot")


@contextlib.contextmanager
def killed_when_ready(tmp_path, code, args, ready):
    """Run the Python `code` (the plugin importable as sit_chartreuse) in a
    child with `args` until it prints the line `ready`; the block runs while
    the child waits there, and the child is then killed with SIGKILL (a crash:
    no cleanup of its own)."""
    script = tmp_path / "child.py"
    script.write_text("import sys\nsys.path.insert(0, %r)\n%s" % (PKGROOT, code))
    child = subprocess.Popen([sys.executable, str(script), *args], stdout=subprocess.PIPE,
                             text=True)
    try:
        assert child.stdout.readline().strip() == ready
        yield child
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()


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
