"""The ledger in the real QGIS desktop (Xvfb): the plugin's map tool, a
feature form listing the feature's tickets with its hours, the Tickets dock;
a screenshot goes to test-artifacts/ledger-desktop.png."""
import os

import pytest

from desktop import ARTIFACTS, demo_store, run_qgis
from sit_chartreuse.core.ledger import ledger
from sit_chartreuse.core.storage import store

# Runs inside QGIS (--code); ends with desktop.PRELUDE's finish(), QGIS
# quitting with the plugin loaded and the SIT open.
SCRIPT = r'''
import traceback
from qgis.core import QgsExpression, QgsFeatureRequest, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QTimer
from qgis.PyQt.QtWidgets import QTabWidget, QWidget
from qgis.utils import iface, plugins

STORE, PNG, UUID = {store!r}, {png!r}, {uuid!r}
state = {{}}


def component(name):
    return next(c for c in plugins["sit_chartreuse"].components if type(c).__name__ == name)


def run():
    try:
        if not component("CatalogueComponent").open(STORE):
            return finish("FAIL", "the plugin refused the store")
        ledger_part = component("LedgerComponent")
        tool = ledger_part.activate_tool()
        state["tool_active"] = iface.mapCanvas().mapTool() is tool
        dock = ledger_part.show_dock(True)
        state["dock_rows"] = dock.table.rowCount()
        pav = next(l for l in QgsProject.instance().mapLayers().values()
                   if l.customProperty("sit/table") == "pav")
        feature = next(pav.getFeatures(QgsFeatureRequest().setFilterExpression(
            '"uuid" = ' + QgsExpression.quotedValue(UUID))))
        state["sit_hours"] = feature["sit_hours"]
        dialog = iface.getFeatureForm(pav, feature)
        dialog.show()
        tabs = dialog.findChild(QTabWidget)
        tabs.setCurrentIndex([tabs.tabText(i) for i in range(tabs.count())].index("Tickets"))
        QCoreApplication.processEvents()
        lists = [w for w in dialog.findChildren(QWidget)
                 if w.metaObject().className() == "TicketListWidget"]
        state["lists"] = len(lists)
        state["rows"] = lists[0].table.rowCount() if lists else None
        state["dialog"] = dialog
        QTimer.singleShot(2000, shoot)
    except Exception:
        finish("FAIL", traceback.format_exc())


def shoot():
    try:
        iface.mapCanvas().waitWhileRendering()
        iface.mainWindow().grab().save(PNG)
        state.pop("dialog").close()
        ok = (state["tool_active"] and state["dock_rows"] == 2 and state["lists"] == 1
              and state["rows"] == 1 and state["sit_hours"] == 2.5)
        finish("OK" if ok else "FAIL", state)
    except Exception:
        finish("FAIL", traceback.format_exc())


QTimer.singleShot(2000, run)
'''


@pytest.mark.desktop
def test_ledger_in_the_qgis_desktop(tmp_path, xvfb):
    png = os.path.join(ARTIFACTS, "ledger-desktop.png")
    path = demo_store(tmp_path)
    conn = store.open_store(path)
    uuid = conn.execute("SELECT uuid FROM pav ORDER BY fid LIMIT 1").fetchone()[0]
    ledger.log_time(conn, "2026-03-02", "2,5", layer="pav", feature_uuid=uuid,
                    category="maintenance_corrective", title="Trappe bloquée")
    ledger.log_time(conn, "2026-03-03", "1", application="ads", category="hotline",
                    title="Appel")
    conn.close()
    script = SCRIPT.format(store=path, png=png, uuid=uuid)
    outcome = run_qgis(tmp_path, xvfb, script, "ledger-desktop")
    assert outcome["status"] == "OK", outcome["detail"]
    assert os.path.exists(png)
