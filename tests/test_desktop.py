"""Smoke test of the real QGIS desktop: under an Xvfb started here, QGIS runs
with the plugin installed in a temporary profile, opens a store through the
plugin's "Open the SIT" code path, and saves a screenshot of its main window
to test-artifacts/desktop.png."""
import os

import pytest

from desktop import ARTIFACTS, demo_store, not_blank, run_qgis

# Runs inside QGIS (--code), after start-up: open the SIT, wait for the map
# to render, save the screenshot, write the result, quit.
SCRIPT = r'''
import json, traceback
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface, plugins

STORE, PNG, RESULT = {store!r}, {png!r}, {result!r}
state = {{}}


def finish(status, detail):
    with open(RESULT, "w") as f:
        json.dump({{"status": status, "detail": detail}}, f)
    QgsProject.instance().setDirty(False)
    QTimer.singleShot(0, QgsApplication.instance().quit)


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
        ok = layers.get("commune") == 17 and layers.get("pav", 0) > 0 and state["dock_rows"] == 5
        finish("OK" if ok else "FAIL", {{"layers": layers, "groups": groups,
                                         "dock_rows": state["dock_rows"],
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
    script = SCRIPT.format(store=demo_store(tmp_path), png=png,
                           result=str(tmp_path / "result.json"))
    outcome = run_qgis(tmp_path, xvfb, script, "desktop")
    assert outcome["status"] == "OK", outcome["detail"]
    assert outcome["detail"]["groups"][:5] == [
        "Points d'apport volontaire et composteurs", "Réseaux humides",
        "PLUi Cœur de Chartreuse – Urbanisme", "Interfaçage Next'ADS", "Référentiels"]
    assert not_blank(png) > 50
