"""Smoke test of the real QGIS desktop: under an Xvfb started here, QGIS runs
with the plugin installed in a temporary profile, opens a store through the
plugin's "Open the SIT" code path, and saves a screenshot of its main window
to test-artifacts/desktop.png."""
import os
import re

import pytest

from desktop import ARTIFACTS, demo_store, not_blank, run_qgis

# Runs inside QGIS (--code), after start-up: open the SIT, wait for the map
# to render, save the screenshot, unload the plugin with the SIT still open
# (what its unload() leaves must not crash QGIS later), write the result,
# quit (desktop.PRELUDE's finish).
SCRIPT = r'''
import traceback
from qgis.core import QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface, plugins, unloadPlugin

STORE, PNG = {store!r}, {png!r}
state = {{}}


def open_sit():
    try:
        plugin = plugins["sit_chartreuse"]
        component = next(c for c in plugin.components
                         if type(c).__name__ == "CatalogueComponent")
        if not component.open(STORE):
            return finish("FAIL", "the plugin refused the store")
        state["dock_rows"] = component.dock.tree.topLevelItemCount()
        iface.mainWindow().resize(1600, 1000)
        QTimer.singleShot(3000, shoot)
    except Exception:
        finish("FAIL", traceback.format_exc())


def shoot():
    try:
        canvas = iface.mapCanvas()
        canvas.waitWhileRendering()
        project = QgsProject.instance()
        layers = {{l.customProperty("sit/key"): l.featureCount()
                  for l in project.mapLayers().values() if l.customProperty("sit/key")}}
        groups = [g.name() for g in project.layerTreeRoot().children()]
        iface.mainWindow().grab().save(PNG)
        unloaded = unloadPlugin("sit_chartreuse") and "sit_chartreuse" not in plugins
        ok = (layers.get("commune") == 17 and layers.get("pav", 0) > 0
              and state["dock_rows"] == 5 and unloaded)
        finish("OK" if ok else "FAIL", {{"layers": layers, "groups": groups,
                                         "dock_rows": state["dock_rows"], "unloaded": unloaded,
                                         "canvas_layers": len(canvas.layers())}})
    except Exception:
        finish("FAIL", traceback.format_exc())


QTimer.singleShot(2000, open_sit)
'''


@pytest.mark.desktop
def test_qgis_desktop_opens_the_sit(tmp_path, xvfb):
    png = os.path.join(ARTIFACTS, "desktop.png")
    if os.path.exists(png):
        os.unlink(png)
    script = SCRIPT.format(store=demo_store(tmp_path), png=png)
    outcome = run_qgis(tmp_path, xvfb, script, "desktop")
    assert outcome["status"] == "OK", outcome["detail"]
    assert outcome["detail"]["groups"][:5] == [
        "Points d'apport volontaire et composteurs", "Réseaux humides",
        "PLUi Cœur de Chartreuse – Urbanisme", "Interfaçage Next'ADS", "Référentiels"]
    assert not_blank(png) > 50


# Writes its result, then ends QGIS badly (`ending`).
BAD_EXIT = r'''
import os, resource, signal
from qgis.PyQt.QtCore import QTimer


def end():
    with open(RESULT, "w") as f:
        json.dump({{"status": "OK", "detail": None}}, f)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))    # no core file in the checkout
    {ending}


QTimer.singleShot(0, end)
'''


@pytest.mark.desktop
@pytest.mark.parametrize("ending, status", [
    ("os._exit(3)", "exited with status 3"),
    # The default action, as QGIS's crash handler would turn it into SIGABRT.
    ("signal.signal(signal.SIGSEGV, signal.SIG_DFL); os.kill(os.getpid(), signal.SIGSEGV)",
     "died on signal 11 (SIGSEGV)")], ids=["exit status 3", "signal 11"])
def test_a_qgis_that_does_not_exit_cleanly_fails(tmp_path, xvfb, ending, status):
    """Its result written, a QGIS that exits with an error or dies on a
    signal while quitting fails the test, saying which."""
    with pytest.raises(AssertionError, match=re.escape("QGIS " + status)):
        run_qgis(tmp_path, xvfb, BAD_EXIT.format(ending=ending), "bad-exit")
