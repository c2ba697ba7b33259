"""The Next'ADS bridge in QGIS, on both backends: the locator finds dossiers
and parcels and zooms to them; the project has the "Ouvrir dans Next'ADS"
action and the parcel <-> dossier relations; the constraints of a selection;
the plugin registers and removes its parts."""
import sqlite3

import pytest
from qgis.core import (QgsExpression, QgsExpressionContext, QgsExpressionContextUtils,
                       QgsFeedback, QgsLocatorContext, QgsProject, QgsRectangle, QgsSettings)
from qgis.PyQt.QtCore import QCoreApplication, QEvent

import sit_chartreuse
from sit_chartreuse.core.i18n import tr
from sit_chartreuse.core.storage import db
from sit_chartreuse.plugin import nextads, nextads_project
from sit_chartreuse.plugin.locator import AdsLocatorFilter
from sit_chartreuse.plugin.project import open_sit

from ads_helpers import small_plui
from helpers import clear_project, with_authcfg

TEMPLATE = "https://ads.example/dossier/{numero}?insee={insee}&parcelles={parcelles}"


@pytest.fixture
def sit(store_location, backend, request, qgis_app):
    """The sample SIT open in the project, on each backend (PostgreSQL's
    through a QGIS authentication configuration, as the plugin opens it)."""
    small_plui(store_location).close()
    if backend == "postgres":
        store_location = with_authcfg(store_location, request.getfixturevalue("pg_authcfg"))
    project = QgsProject.instance()
    layers = open_sit(store_location, project)
    yield layers
    clear_project()


def _search(locator, text):
    found = []
    locator.resultFetched.connect(found.append)
    locator.prepare(text, QgsLocatorContext())
    locator.fetchResults(text, QgsLocatorContext(), QgsFeedback())
    locator.resultFetched.disconnect(found.append)
    return found


def test_locator_finds_a_dossier_by_number_and_zooms(sit, plugin_iface):
    locator = AdsLocatorFilter(plugin_iface)
    for typed in ("PC 038 442 26 00001", "pc0384422600001", "26 00001"):
        [result] = _search(locator, typed)
        assert result.displayString == "PC 038 442 26 00001"
        assert "38442" in result.description
    locator.triggerResult(result)
    extent = plugin_iface.mapCanvas().extent()
    assert extent.contains(QgsRectangle(0, 0, 200, 100))
    assert [f["numero"] for f in sit["ads_dossier"].selectedFeatures()] == [
        "PC0384422600001"]
    assert _search(locator, "PC 038 442 26 99999") == []


def test_locator_finds_a_parcel_by_reference(sit, plugin_iface):
    locator = AdsLocatorFilter(plugin_iface)
    for typed in ("38442000AB0002", "380442000AB0002", "38442 AB 2", "AB 2", "ab0002"):
        parcels = [r for r in _search(locator, typed) if r.group == tr("Parcels")]
        assert [r.displayString for r in parcels] == ["38442000AB0002"], typed
        # From a parcel, its dossiers.
        assert "PC0384422600001" in parcels[0].description
    locator.triggerResult(parcels[0])
    assert plugin_iface.mapCanvas().extent().contains(QgsRectangle(100, 0, 200, 100))
    assert [f["idu"] for f in sit["parcelle"].selectedFeatures()] == ["38442000AB0002"]


def _evaluate(layer, expression, where):
    feature = next(layer.getFeatures(where))
    context = QgsExpressionContext()
    context.appendScopes(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    context.setFeature(feature)
    expr = QgsExpression(expression)
    value = expr.evaluate(context)
    assert not expr.hasEvalError(), expr.evalErrorString()
    return value


def test_open_in_nextads_action_and_relations(sit, qgis_app):
    settings = QgsSettings()
    old = settings.value(nextads.SETTINGS_KEY)
    nextads.register_function()
    try:
        nextads.set_url_template(TEMPLATE)
        with pytest.raises(Exception, match="demandeur"):
            nextads.set_url_template("https://ads.example/{demandeur}")
        for key in ("ads_dossier", "parcelle"):
            [action] = [a for a in sit[key].actions().actions()
                        if a.name() == nextads_project.action_name()]
            assert "sit_nextads_url()" in action.command()
        url = _evaluate(sit["ads_dossier"], "sit_nextads_url()", "numero = 'PC0384422600001'")
        assert url == ("https://ads.example/dossier/PC0384422600001?insee=38442"
                       "&parcelles=38442000AB0001,38442000AB0002")
        url = _evaluate(sit["parcelle"], "sit_nextads_url()", "idu = '38442000AB0002'")
        assert url == ("https://ads.example/dossier/PC0384422600001?insee=38442"
                       "&parcelles=38442000AB0002")
    finally:
        nextads.unregister_function()
        if old is None:
            settings.remove(nextads.SETTINGS_KEY)
        else:
            settings.setValue(nextads.SETTINGS_KEY, old)
    # From a parcel, the list of its dossiers (through ads_dossier_parcelle).
    manager = QgsProject.instance().relationManager()
    relation = manager.relation(nextads_project.PARCEL_RELATION_ID)
    assert relation.isValid()
    parcel = next(sit["parcelle"].getFeatures("idu = '38442000AB0002'"))
    links = [f["numero"] for f in relation.getRelatedFeatures(parcel)]
    assert links == ["PC0384422600001"]
    assert manager.relation(nextads_project.DOSSIER_RELATION_ID).isValid()
    tabs = [c.name() for c in sit["parcelle"].editFormConfig().tabs()]
    assert tr("ADS dossiers") in tabs


def test_plugin_registers_and_removes_the_locator(plugin_iface):
    plugin = sit_chartreuse.classFactory(plugin_iface)
    plugin.initGui()
    assert [f.name() for f in plugin_iface.locator_filters] == ["sit_chartreuse_ads"]
    assert [f.title() for f in plugin_iface.options_factories] == [tr("Next'ADS")]
    assert QgsExpression.isFunctionName("sit_nextads_url")
    menu = next(a.menu() for a in plugin_iface.pluginMenu().actions()
                if a.menu() and a.text() == tr("&SIT Chartreuse"))
    texts = [a.text() for a in menu.actions()]
    assert tr("Next'ADS settings…") in texts
    assert tr("PLUi constraints of the selected dossiers or parcels…") in texts
    plugin.unload()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)  # what unload deleted
    assert plugin_iface.locator_filters == [] and plugin_iface.options_factories == []
    assert not QgsExpression.isFunctionName("sit_nextads_url")


def test_settings_dialog_keeps_a_faulty_template_out(qgis_app):
    settings = QgsSettings()
    old = settings.value(nextads.SETTINGS_KEY)
    try:
        dialog = nextads.NextAdsSettingsDialog()
        dialog.editor.template.setText("https://ads.example/{demandeur}")
        dialog.accept()
        assert "demandeur" in dialog.editor.error.text() and dialog.result() != dialog.Accepted
        assert nextads.url_template() != "https://ads.example/{demandeur}"
        dialog.editor.template.setText(TEMPLATE)
        dialog.accept()
        assert dialog.result() == dialog.Accepted and nextads.url_template() == TEMPLATE
        # The same setting in QGIS's options dialog.
        page = nextads.NextAdsOptionsFactory().createWidget(None)
        assert page.editor.template.text() == TEMPLATE
        page.editor.template.setText(TEMPLATE + "&x=1")
        page.apply()
        assert nextads.url_template() == TEMPLATE + "&x=1"
    finally:
        if old is None:
            settings.remove(nextads.SETTINGS_KEY)
        else:
            settings.setValue(nextads.SETTINGS_KEY, old)


def test_constraints_of_the_selection(sit, run_algorithm, tmp_path):
    assert nextads.selection_parameters(sit["parcelle"]) is None   # nothing selected
    sit["parcelle"].selectByExpression("idu IN ('38442000AB0001', '38442000AB0002')")
    parameters = nextads.selection_parameters(sit["parcelle"])
    assert parameters["PARCELS"] == "38442000AB0001, 38442000AB0002"
    assert "password" not in parameters["STORE"]   # shown in the dialog and the history
    out = run_algorithm("adsconstraints", dict(
        parameters, OUTPUT_TABLE=str(tmp_path / "t.csv"), OUTPUT_HTML=str(tmp_path / "t.html")))
    assert "Zone urbaine" in open(out["OUTPUT_HTML"], encoding="utf-8").read()
    sit["ads_dossier"].selectAll()
    assert nextads.selection_parameters(sit["ads_dossier"])["DOSSIERS"] == "PC0384422600001"
    assert nextads.selection_parameters(sit["zone_urba"]) is None


def test_locator_reads_in_a_read_only_connection(store_location):
    conn = db.parse_location(store_location).connect_read_only()
    try:
        with pytest.raises(sqlite3.Error, match="read-?only"):
            conn.execute("DELETE FROM sit_meta")
    finally:
        conn.close()
