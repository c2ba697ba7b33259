"""The work ledger in QGIS: the map tool on a real canvas, feature and ticket
forms with their relation editors, QGIS edit sessions held by the database's
rules, expression functions, the tickets dock, the Processing algorithms and
the plugin component."""
import datetime
from decimal import Decimal

import pytest
from qgis.core import (QgsExpression, QgsExpressionContext, QgsExpressionContextUtils,
                       QgsFeature, QgsFeatureRequest, QgsProject, QgsRectangle)
from qgis.gui import QgsAttributeForm, QgsMapMouseEvent
from qgis.PyQt.QtCore import QCoreApplication, QEvent, QPoint, Qt, QTimer
from qgis.PyQt.QtWidgets import QApplication

from helpers import clear_project, with_authcfg
from ledger_helpers import PAV_XY, PIPE, form_context, sample_features
from sit_chartreuse.core.i18n import tr
from sit_chartreuse.core.ledger import ledger
from sit_chartreuse.core.storage import db, store

YEAR = datetime.date.today().year


@pytest.fixture
def sit(store_location, pg_authcfg, qgis_app):
    """A store with sample features and its QGIS project (open_sit, with the
    ledger's extension), the expression functions registered; on each backend
    (PostgreSQL reached by QGIS through an authentication configuration)."""
    from sit_chartreuse.core.ledger import expressions
    from sit_chartreuse.plugin import ticket_list
    from sit_chartreuse.plugin.project import open_sit
    location = with_authcfg(store_location, pg_authcfg)
    uuids = sample_features(location)
    project = QgsProject.instance()
    project.clear()
    layers = open_sit(location, project)
    expressions.register()
    ticket_list.register()
    conn = store.open_store(location)
    yield conn, uuids, layers, location
    conn.close()
    clear_project()   # no map renders with the functions any more
    expressions.unregister()
    expressions.close_connections()
    ticket_list.unregister()


def _feature(layer, uuid):
    request = QgsFeatureRequest().setFilterExpression(
        '"uuid" = %s' % QgsExpression.quotedValue(uuid))
    return next(layer.getFeatures(request))


def _relation_editors(form, relation_id):
    """The relation widgets of a form for `relation_id`, shown (they load when visible)."""
    from qgis.PyQt.QtWidgets import QTabWidget
    from sit_chartreuse.plugin.ticket_list import TicketListWidget
    form.show()
    for tabs in form.findChildren(QTabWidget):
        tabs.setCurrentIndex(tabs.count() - 1)  # the ledger's tab comes last
    QCoreApplication.processEvents()
    return [e for e in form.findChildren(TicketListWidget)
            if relation_id in (e.relation().id(), e.relation().polymorphicRelationId())]


def _shown(editor, column):
    """The texts of one column of a ticket list widget."""
    return [editor.table.item(row, column).text() for row in range(editor.table.rowCount())]


def test_feature_form_lists_its_tickets_and_ticket_form_its_time(sit):
    conn, uuids, layers, _ = sit
    t1, _ = ledger.log_time(conn, "%d-03-02" % YEAR, "1,5", layer="pav", feature_uuid=uuids["pav"],
                            category="maintenance_corrective", title="Conteneur cassé")
    ledger.log_time(conn, "%d-03-09" % YEAR, "0,5", ticket_uuid=t1, note="suite")
    ledger.log_time(conn, "%d-04-01" % YEAR, "2", layer="pav", feature_uuid=uuids["pav"],
                    category="maintenance_evolutive", title="Nouveau flux")
    ledger.log_time(conn, "%d-04-01" % YEAR, "3", application="pav", category="formation",
                    title="Formation")  # not on the feature
    pav = layers["pav"]
    form = QgsAttributeForm(pav, _feature(pav, uuids["pav"]), form_context())
    editors = _relation_editors(form, "sit_ticket_feature")
    assert len(editors) == 1
    # newest first: opened, category, status, title, hours
    assert sorted(_shown(editors[0], 3)) == ["Conteneur cassé", "Nouveau flux"]
    assert sorted(_shown(editors[0], 1)) == ["Maintenance corrective", "Maintenance évolutive"]
    assert sorted(_shown(editors[0], 4)) == ["2,00", "2,00"]
    assert _shown(editors[0], 0) == ["01/04/%d" % YEAR, "02/03/%d" % YEAR]  # newest first
    # the total time on the feature, a field of its "Tickets" tab
    assert _feature(pav, uuids["pav"])["sit_hours"] == 4.0
    tickets_tab = pav.editFormConfig().tabs()[-1]
    assert [c.name() for c in tickets_tab.children()][0] == "sit_hours"

    # a double-click opens the ticket's own form, which lists its time entries
    row = _shown(editors[0], 3).index("Conteneur cassé")
    dialog = editors[0].open_row(row)
    entries = _relation_editors(dialog.attributeForm(), "sit_ticket_time_entry")
    assert len(entries) == 1
    assert sorted(_shown(entries[0], 2)) == ["30", "90"]  # minutes
    assert sorted(_shown(entries[0], 3)) == ["", "suite"]
    dialog.close()


def test_every_catalogued_layer_has_the_tickets_relation(sit):
    _, _, layers, _ = sit
    manager = QgsProject.instance().relationManager()
    polymorphic = manager.polymorphicRelation("sit_ticket_feature")
    assert polymorphic.isValid()
    for key, layer in layers.items():
        if layer.customProperty("sit/table") in ledger.CATALOGUED_NAMES:
            relations = [r for r in manager.referencedRelations(layer)
                         if r.polymorphicRelationId() == "sit_ticket_feature"]
            assert len(relations) == 1 and relations[0].isValid(), key
    assert manager.relation("sit_ticket_time_entry").isValid()
    assert "deleted_feature" in layers


def _click(canvas, tool, x, y):
    point = canvas.getCoordinateTransform().transform(x, y)
    event = QgsMapMouseEvent(canvas, QEvent.MouseButtonRelease,
                             QPoint(round(point.x()), round(point.y())), Qt.LeftButton,
                             Qt.LeftButton, Qt.NoModifier)
    tool.canvasReleaseEvent(event)


def _answer_dialog(fill):
    """Fill and accept the modal dialog the tool opens (it runs its own loop)."""
    seen = []

    def answer():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, answer)
            return
        seen.append(dialog)
        fill(dialog)
        dialog.buttonBox.accepted.emit()
    QTimer.singleShot(0, answer)
    return seen


def _drawn_colour(canvas, layer, xy):
    """Colour drawn by `layer` alone at map point `xy`, rendered like the canvas."""
    from qgis.core import QgsMapRendererSequentialJob
    settings = canvas.mapSettings()
    settings.setLayers([layer])
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    pixel = settings.mapToPixel().transform(*xy)
    return job.renderedImage().pixelColor(round(pixel.x()), round(pixel.y())).name()


def _canvas_on(canvas, layers, center):
    canvas.setRenderFlag(True)   # off between tests (helpers.clear_project)
    canvas.setDestinationCrs(layers["pav"].crs())
    canvas.setLayers([layers[k] for k in ("pav", "raepa_canalass_l:eu", "zone_urba", "ticket")])
    canvas.setExtent(QgsRectangle(center[0] - 500, center[1] - 500, center[0] + 500,
                                  center[1] + 500))
    canvas.refresh()


def test_map_tool_click_logs_time_on_the_clicked_feature(sit, qgis_canvas):
    from sit_chartreuse.plugin.log_time_tool import LogTimeTool
    conn, uuids, layers, _ = sit
    _canvas_on(qgis_canvas, layers, PAV_XY)
    tool = LogTimeTool(qgis_canvas)
    logged = []
    tool.logged.connect(lambda t, e: logged.append((t, e)))

    def fill(dialog):
        assert dialog.ticketCombo.count() == 1  # no open ticket yet: "new ticket" only
        dialog.titleEdit.setText("Trappe bloquée")
        dialog.categoryCombo.setCurrentIndex(dialog.categoryCombo.findData("hotline"))
        dialog.hoursSpin.setValue(1.25)
        dialog.agentEdit.setText("m.girard")
        dialog.noteEdit.setPlainText("appel de la mairie")
    seen = _answer_dialog(fill)
    _click(qgis_canvas, tool, *PAV_XY)
    assert seen and logged
    ticket, entry = logged[0]
    # the map draws the new ticket at once, in the colour of its effort class
    assert _drawn_colour(qgis_canvas, layers["ticket"], PAV_XY) == "#fee391"
    assert conn.execute("SELECT layer_name, feature_uuid, category, title FROM ticket "
                        "WHERE uuid = ?", (ticket,)).fetchone() == (
        "pav", uuids["pav"], "hotline", "Trappe bloquée")
    assert conn.execute("SELECT minutes, agent, note FROM time_entry WHERE uuid = ?",
                        (entry,)).fetchone() == (75, "m.girard", "appel de la mairie")

    # a second click on the pipe, proposing nothing from the pav ticket
    def on_pipe(dialog):
        assert dialog.ticketCombo.count() == 1
        dialog.titleEdit.setText("Curage")
        dialog.hoursSpin.setValue(2)
    _answer_dialog(on_pipe)
    middle = ((PIPE[0][0] + PIPE[1][0]) / 2, PIPE[0][1])
    _click(qgis_canvas, tool, *middle)
    assert conn.execute("SELECT t.layer_name, t.feature_uuid, e.minutes FROM ticket t JOIN "
                        "time_entry e ON e.ticket_uuid = t.uuid WHERE t.title = 'Curage'"
                        ).fetchone() == ("raepa_canalass_l", uuids["raepa_canalass_l"], 120)

    # a third click on the pav proposes its open ticket: time goes there
    def on_open_ticket(dialog):
        assert dialog.ticketCombo.count() == 2
        dialog.ticketCombo.setCurrentIndex(1)
        assert not dialog.titleEdit.isEnabled()
        dialog.hoursSpin.setValue(0.5)
    _answer_dialog(on_open_ticket)
    _click(qgis_canvas, tool, *PAV_XY)
    assert ledger.ticket_minutes(conn, ticket) == 105
    tool.close()


def test_map_tool_dialog_stays_open_on_a_refusal(sit, qgis_canvas):
    from sit_chartreuse.plugin.log_time_tool import LogTimeDialog
    conn, uuids, layers, _ = sit
    dialog = LogTimeDialog(conn, "pav", uuids["pav"], "PAV")
    dialog.hoursSpin.setValue(0)  # no title either
    dialog.accept()
    assert dialog.saved is None and dialog.errorLabel.text()
    assert conn.execute("SELECT count(*) FROM ticket").fetchone()[0] == 0


def _commit(layer, edit):
    assert layer.startEditing()
    edit(layer)
    ok = layer.commitChanges()
    errors = " ".join(layer.commitErrors())
    if not ok:
        layer.rollBack()
    return ok, errors


def _entry(layer, **values):
    feature = QgsFeature(layer.fields())
    for name, value in values.items():
        feature[name] = value
    return feature


def test_qgis_edit_sessions_obey_the_database_rules(sit):
    conn, uuids, layers, _ = sit
    ticket, _ = ledger.log_time(conn, "2026-03-02", "1", layer="pav", feature_uuid=uuids["pav"],
                                category="hotline", title="Appel")
    time_layer = layers["time_entry"]
    good = dict(ticket_uuid=ticket, work_date="2026-03-05", agent="s.rey", minutes=45)
    postgres = db.dialect(conn) is db.POSTGRES
    # An impossible date is refused by the store up to QGIS 3.34 (GeoPackage:
    # "work_date is not a valid date"); from 3.36 QGIS's GeoPackage provider
    # refuses it first ("wrong data type for attribute work_date"). Either
    # way the message names the field (PostgreSQL's names the value).
    for bad, message in (
            (dict(good, ticket_uuid="no-such-ticket"), "no ticket"),
            (dict(good, minutes=2000), "violates check constraint" if postgres else "CHECK"),
            (dict(good, work_date="2026-02-31"),
             'date/time field value out of range: "2026-02-31"' if postgres else "work_date")):
        ok, errors = _commit(time_layer, lambda layer: layer.addFeature(_entry(layer, **bad)))
        assert not ok and message in errors, bad
        assert conn.execute("SELECT count(*) FROM time_entry").fetchone()[0] == 1, bad
    ok, errors = _commit(time_layer, lambda layer: layer.addFeature(_entry(layer, **good)))
    assert ok, errors
    assert conn.execute("SELECT recorded_by, recorded_at IS NOT NULL, uuid IS NOT NULL FROM "
                        "time_entry WHERE agent = 's.rey'").fetchone() == ("s.rey", 1, 1)

    ticket_layer = layers["ticket"]
    ok, errors = _commit(ticket_layer, lambda layer: layer.deleteFeature(
        _feature(layer, ticket).id()))
    assert not ok and "has time entries" in errors
    ok, errors = _commit(ticket_layer, lambda layer: layer.addFeature(_entry(
        layer, application="pav", category="hotline", title="x", layer_name="pav",
        feature_uuid="nope", status="ouvert", opened_on="2026-03-01")))
    assert not ok and "no feature with this uuid" in errors
    assert conn.execute("SELECT count(*) FROM time_entry").fetchone()[0] == 2


def test_deleting_a_feature_in_qgis_keeps_its_tickets_and_time(sit):
    conn, uuids, layers, _ = sit
    ticket, _ = ledger.log_time(conn, "2026-03-02", "3", layer="pav", feature_uuid=uuids["pav"],
                                category="maintenance_corrective", title="Conteneur brûlé")
    pav = layers["pav"]
    ok, errors = _commit(pav, lambda layer: layer.deleteFeature(_feature(layer, uuids["pav"]).id()))
    assert ok, errors
    assert pav.featureCount() == 0
    assert conn.execute("SELECT feature_uuid, feature_deleted_on IS NOT NULL FROM ticket "
                        "WHERE uuid = ?", (ticket,)).fetchone() == (uuids["pav"], 1)
    assert ledger.feature_hours(conn, "pav", uuids["pav"]) == Decimal("3.00")
    assert conn.execute("SELECT ST_AsText(geom) FROM deleted_feature").fetchone()[0] == \
        "POINT(%d %d)" % PAV_XY


def _evaluate(layer, feature, text):
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    context.setFeature(feature)
    expression = QgsExpression(text)
    value = expression.evaluate(context)
    assert not expression.hasEvalError(), expression.evalErrorString()
    return value


def test_expression_functions_give_the_time_of_the_feature(sit):
    conn, uuids, layers, _ = sit
    ticket, _ = ledger.log_time(conn, "2026-03-02", "3,5", layer="zone_urba",
                                feature_uuid=uuids["zone_urba"], category="hotline", title="A")
    ledger.log_time(conn, "2025-12-31", "7", ticket_uuid=ticket)
    zone = layers["zone_urba"]
    feature = _feature(zone, uuids["zone_urba"])
    assert _evaluate(zone, feature, "sit_hours()") == 10.5
    assert _evaluate(zone, feature, "sit_hours(2026)") == 3.5
    assert _evaluate(zone, feature, "sit_days(2025)") == 1.0
    assert _evaluate(zone, feature, "sit_open_tickets()") == 1
    tickets = layers["ticket"]
    assert _evaluate(tickets, _feature(tickets, ticket), "sit_hours()") == 10.5
    pav = layers["pav"]
    assert _evaluate(pav, _feature(pav, uuids["pav"]), "sit_hours(2026)") == 0
    # the ticket layer is drawn by effort, on a virtual field of the same function
    assert layers["ticket"].renderer().classAttribute() == "sit_hours"
    assert _feature(tickets, ticket)["sit_hours"] == 10.5


def test_tickets_dock_filters_and_opens_the_feature_form(sit, qgis_iface, monkeypatch):
    from sit_chartreuse.plugin.tickets_dock import TicketsDock
    conn, uuids, layers, _ = sit
    ledger.log_time(conn, "2026-03-02", "2", layer="pav", feature_uuid=uuids["pav"],
                    category="maintenance_corrective", title="Conteneur", agent="m.girard")
    ledger.log_time(conn, "2025-06-02", "1", application="ads", category="hotline",
                    title="Appel ADS", agent="s.rey")
    opened = []
    monkeypatch.setattr(qgis_iface, "openFeatureForm",
                        lambda layer, feature, *args: opened.append((layer, feature)),
                        raising=False)
    dock = TicketsDock(qgis_iface)
    dock.refresh()
    assert sorted(t["title"] for t in dock.rows) == ["Appel ADS", "Conteneur"]
    dock.agent.setCurrentIndex(dock.agent.findData("s.rey"))
    assert [t["title"] for t in dock.rows] == ["Appel ADS"]
    dock.agent.setCurrentIndex(0)
    dock.year.setCurrentIndex(dock.year.findData(2026))
    assert [t["title"] for t in dock.rows] == ["Conteneur"]
    assert dock.table.item(0, 6).text() == "2,00"
    dock.table.cellDoubleClicked.emit(0, 0)
    layer, feature = opened[-1]
    assert layer is layers["pav"] and feature["uuid"] == uuids["pav"]
    assert qgis_iface.mapCanvas().extent().contains(layers["pav"].extent().center())
    dock.year.setCurrentIndex(0)
    dock.application.setCurrentIndex(dock.application.findData("ads"))
    dock.table.cellDoubleClicked.emit(0, 0)
    layer, feature = opened[-1]
    assert layer is layers["ticket"] and feature["title"] == "Appel ADS"
    dock.unload()


def test_plugin_component_adds_and_removes_everything(plugin_iface, sit):
    import sit_chartreuse
    from sit_chartreuse.plugin.ledger_component import LedgerComponent
    plugin = sit_chartreuse.classFactory(plugin_iface)
    plugin.initGui()
    component = next(c for c in plugin.components if isinstance(c, LedgerComponent))
    texts = [a.text() for a in plugin.toolbar.actions()]
    assert tr("Log time on a feature") in texts and tr("Tickets") in texts
    tool = component.activate_tool()
    assert plugin_iface.mapCanvas().mapTool() is tool
    dock = component.show_dock(True)
    assert dock.objectName() == "SitChartreuseTicketsDock"
    assert QgsExpression.isFunctionName("sit_hours")
    plugin.unload()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    assert not QgsExpression.isFunctionName("sit_hours")
    assert plugin_iface.mapCanvas().mapTool() is not tool
    assert not [w for w in plugin_iface.mainWindow().findChildren(type(dock))
                if w.objectName() == "SitChartreuseTicketsDock"]


def _run(name, parameters):
    import processing
    return processing.run("sitchartreuse:" + name, parameters)


def test_logtime_algorithm(sit_processing, new_store):
    from qgis.core import QgsProcessingException
    uuids = sample_features(new_store)
    result = _run("logtime", {"STORE": new_store, "LAYER": "raepa_canalass_l",
                              "FEATURE_UUID": uuids["raepa_canalass_l"], "CATEGORY":
                              "maintenance_corrective", "DATE": "02/03/2026", "HOURS": "1,75",
                              "AGENT": "l.bonnet", "TITLE": "Fuite"})
    again = _run("logtime", {"STORE": new_store, "TICKET": result["TICKET"], "HOURS": "0:15",
                             "DATE": "2026-03-03"})
    assert again["TICKET"] == result["TICKET"]
    _run("logtime", {"STORE": new_store, "APPLICATION": "plui", "CATEGORY": "hotline",
                     "HOURS": "1", "TITLE": "Question sur le règlement"})
    conn = store.open_store(new_store)
    assert ledger.feature_hours(conn, "raepa_canalass_l", uuids["raepa_canalass_l"]) == \
        Decimal("2.00")
    assert conn.execute("SELECT count(*) FROM ticket WHERE application = 'plui' AND "
                        "layer_name IS NULL").fetchone()[0] == 1
    with pytest.raises(QgsProcessingException, match="no feature with uuid"):
        _run("logtime", {"STORE": new_store, "LAYER": "pav", "FEATURE_UUID": "x",
                         "CATEGORY": "hotline", "HOURS": "1", "TITLE": "x"})
    conn.close()


def test_importtime_algorithm_reports_every_line(sit_processing, new_store, tmp_path):
    from qgis.core import QgsProcessingException
    sample_features(new_store)
    good = tmp_path / "temps.csv"
    good.write_text("date;agent;hours;category;application;layer;feature_uuid;code;ticket;"
                    "title;note\n2026-02-01;l.bonnet;2;maintenance_corrective;;;;EU-0001;;"
                    "Fuite;\n2026-02-02;l.bonnet;1;hotline;plui;;;;;Appel;\n", encoding="utf-8")
    report = str(tmp_path / "rapport.csv")
    result = _run("importtime", {"STORE": new_store, "INPUT": str(good), "FORMAT": "auto",
                                 "OUTPUT_REPORT": report})
    assert (result["ENTRIES"], result["TICKETS"]) == (2, 2)
    bad = tmp_path / "mauvais.csv"
    bad.write_text("date;agent;hours;category;application;layer;feature_uuid;code;ticket;title;"
                   "note\n2026-02-03;l.bonnet;30;hotline;plui;;;;;Appel;\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="mauvais.csv"):
        _run("importtime", {"STORE": new_store, "INPUT": str(bad), "OUTPUT_REPORT": report})
    with open(report, encoding="utf-8") as f:
        assert "2;refused;;;30 h is out of range" in f.read()


def test_log_time_dialog_connects_its_signals_in_python():
    import os
    from conftest import ROOT
    with open(os.path.join(ROOT, "forms", "log_time.ui"), encoding="utf-8") as f:
        assert "<connection>" not in f.read()
