"""The plugin loads and unloads cleanly through classFactory(iface), and its
catalogue dock follows the SIT open in the project."""
import os

import pytest
from qgis.core import Qgis, QgsApplication, QgsFeature, QgsGeometry, QgsPointXY, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QEvent, QSettings
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QAction, QDockWidget, QToolBar

import sit_chartreuse
from sit_chartreuse.core.i18n import tr

MENU = tr("&SIT Chartreuse")


def _flush_deletes():
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    QCoreApplication.processEvents()


def _plugin_menu(iface):
    return next((a.menu() for a in iface.pluginMenu().actions()
                 if a.menu() and a.text() == MENU), None)


def _ours(window, cls):
    return [w for w in window.findChildren(cls) if w.objectName().startswith("SitChartreuse")]


@pytest.fixture
def plugin(plugin_iface):
    loaded = sit_chartreuse.classFactory(plugin_iface)
    loaded.initGui()
    yield loaded
    if loaded.toolbar is not None:
        loaded.unload()
    QgsProject.instance().clear()
    _flush_deletes()


def test_everything_added_is_removed_on_unload(plugin_iface):
    window = plugin_iface.mainWindow()
    registry = QgsApplication.processingRegistry()
    actions_before = set(window.findChildren(QAction))

    plugin = sit_chartreuse.classFactory(plugin_iface)
    plugin.initGui()
    assert registry.providerById("sitchartreuse") is not None
    menu = _plugin_menu(plugin_iface)
    assert menu is not None
    texts = [a.text() for a in menu.actions()]
    assert tr("Open the SIT…") in texts and tr("SIT catalogue") in texts
    assert [t.objectName() for t in _ours(window, QToolBar)] == ["SitChartreuseToolbar"]
    assert sorted(d.objectName() for d in _ours(window, QDockWidget)) == [
        "SitChartreuseCatalogueDock", "SitChartreuseConsumptionDock"]
    assert plugin.toolbar.actions()

    plugin.unload()
    _flush_deletes()
    assert registry.providerById("sitchartreuse") is None
    assert _plugin_menu(plugin_iface) is None
    assert _ours(window, QToolBar) == []
    assert _ours(window, QDockWidget) == []
    assert set(window.findChildren(QAction)) <= actions_before


def _catalogue(plugin):
    from sit_chartreuse.plugin.catalogue_dock import CatalogueComponent
    return next(c for c in plugin.components if isinstance(c, CatalogueComponent))


def _rows(item):
    return [item.child(i) for i in range(item.childCount())]


def test_open_the_sit_fills_the_dock(plugin, plugin_iface, new_store):
    from sit_chartreuse.plugin.catalogue_dock import LAST_STORE_KEY
    component = _catalogue(plugin)
    assert component.open(new_store)
    assert QSettings().value(LAST_STORE_KEY) == new_store  # offered next time
    tree = component.dock.tree
    titles = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert titles == ["Points d'apport volontaire et composteurs", "Réseaux humides",
                      "PLUi Cœur de Chartreuse – Urbanisme", "Interfaçage Next'ADS",
                      "Référentiels"]
    developers = {tree.topLevelItem(i).text(0): tree.topLevelItem(i).text(3)
                  for i in range(tree.topLevelItemCount())}
    assert developers["Réseaux humides"] == "Parc naturel régional de Chartreuse"
    assert "Parc naturel" not in developers["PLUi Cœur de Chartreuse – Urbanisme"].split("(")[0]
    pav_app = tree.topLevelItem(0)
    pav_row = _rows(pav_app)[0]
    assert (pav_row.text(0), pav_row.text(1)) == ("Points d'apport volontaire", "0")
    assert pav_row.text(2)  # last change date, dd/mm/yyyy hh:mm
    networks = [g.text(0) for g in _rows(tree.topLevelItem(1))]
    assert networks == ["AEP (eau potable)", "EU (eaux usées)", "EP (eaux pluviales)"]

    # A feature committed in QGIS updates the counts.
    layer = QgsProject.instance().mapLayersByName("Points d'apport volontaire")[0]
    feature = QgsFeature(layer.fields())
    feature["flux"] = "verre"
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(925000, 6480000)))
    layer.startEditing()
    layer.addFeature(feature)
    assert layer.commitChanges(), layer.commitErrors()
    QTest.qWait(500)
    pav_row = _rows(component.dock.tree.topLevelItem(0))[0]
    assert (pav_row.text(1), component.dock.tree.topLevelItem(0).text(1)) == ("1", "1")

    # Double-click selects the layer in the layer tree.
    component.dock._select_in_legend(pav_row, 0)
    assert plugin_iface.layerTreeView().currentLayer() is layer

    # A store deleted meanwhile is reported, never recreated empty.
    moved = new_store + ".moved"
    os.rename(new_store, moved)
    component.dock.refresh()
    assert new_store in component.dock.store_label.text()
    assert not os.path.exists(new_store)
    os.rename(moved, new_store)


def test_open_refuses_a_bad_file_with_its_name(plugin, plugin_iface, tmp_path):
    bad = tmp_path / "notes.gpkg"
    bad.write_text("not a database")
    component = _catalogue(plugin)
    assert not component.open(str(bad))
    messages = plugin_iface.messageBar().get_messages(Qgis.Critical)
    assert any(str(bad) in m for m in messages)
    assert QgsProject.instance().mapLayers() == {}
