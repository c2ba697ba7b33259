"""The effort of a year on the map (issue 15, point 3): days per commune and
per feature as layers, transversal work apart, a legend in French days, the
"Effort {year}" group of the project, the settlement PDF's map; drawn by
real QGIS rendering."""
import os
import uuid
from decimal import Decimal

import pytest

from helpers import clear_project, with_authcfg
from ledger_helpers import box, wkb
from sit_chartreuse.core.agreement import settlement
from sit_chartreuse.core.reports import effort, report_layout
from test_settlement import DAY, Ledger
from test_settlement_documents import pdf_text

QM = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "i18n",
                  "sit_chartreuse_fr.qm")
# In Ledger's communes: 38442 is x 910000-920000, 73274 x 920000-930000 (y 6470000-6480000).
PAV_A, PAV_B = (915000, 6475000), (925000, 6475000)
PIPE = "LINESTRING (912000 6475000, 912500 6475000)"
ZONE = (926000, 6476000, 926400, 6476300)


def add_ticket(ledger, application, table, feature, xy):
    new = str(uuid.uuid4())
    ledger.conn.execute(
        "INSERT INTO ticket (uuid, application, layer_name, feature_uuid, category, title, "
        "opened_on, geom) VALUES (?, ?, ?, ?, 'maintenance_corrective', 'Demande', "
        "'2025-01-01', %s)" % ledger.geom,
        (new, application, table, feature, wkb("POINT (%s %s)" % xy)))
    return new


def known_effort(ledger):
    """Known time on two points, a line and an area in two communes, and
    transversal work; returns the features' uuids."""
    a, b = ledger.feature(*PAV_A), ledger.feature(*PAV_B)
    pipe, zone = str(uuid.uuid4()), str(uuid.uuid4())
    ledger.conn.execute("INSERT INTO raepa_canalass_l (uuid, idcana, typreseau, geom) "
                        "VALUES (?, 'EU-1', '02', %s)" % ledger.geom, (pipe, wkb(PIPE)))
    ledger.conn.execute("INSERT INTO zone_urba (uuid, libelle, typezone, geom) "
                        "VALUES (?, 'Ua', 'U', %s)" % ledger.geom, (zone, box(*ZONE)))
    on_a = ledger.ticket("maintenance_corrective", a, PAV_A)
    ledger.time(on_a, "2026-02-03", 3 * DAY)
    ledger.time(on_a, "2027-01-04", DAY)                       # another year
    ledger.time(ledger.ticket("hotline", b, PAV_B), "2026-03-04", 30)
    ledger.time(add_ticket(ledger, "reseaux", "raepa_canalass_l", pipe, (912250, 6475000)),
                "2026-04-05", 630)                              # 1.5 d
    ledger.time(add_ticket(ledger, "plui", "zone_urba", zone, (926200, 6476150)),
                "2026-05-06", 5 * DAY)                          # on a class bound
    ledger.time(ledger.ticket("formation"), "2026-06-07", 2 * DAY)   # transversal
    return {"a": a, "b": b, "pipe": pipe, "zone": zone}


@pytest.fixture
def french(qgis_app):
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator
    translator = QTranslator()
    assert translator.load(QM), "%s: run scripts/setup.sh (lrelease)" % QM
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


@pytest.fixture
def ledger(new_store):
    """A Ledger on a GeoPackage (what the layers make of the breakdowns does
    not depend on the backend; the breakdowns are checked on both)."""
    return Ledger(new_store)


def values(layer, key, *names):
    return {f[key]: tuple(f[n] for n in names) for f in layer.getFeatures()}


def test_days_per_commune_and_per_feature_are_the_hand_computed_ones(store_location, french):
    ledger = Ledger(store_location)
    uuids = known_effort(ledger)
    layers = effort.effort_layers(ledger.conn, ledger.compute(2026))
    # 38442: 3 d on A + 1.5 d on the pipe; 73274: 30 min on B + 5 d on the zone.
    assert values(layers.communes, "insee", "minutes", "jours") == {
        "38442": (3 * DAY + 630, 4.5), "73274": (30 + 5 * DAY, 2130 / 420)}
    assert layers.transversal_minutes == 2 * DAY and layers.outside_minutes == 0
    assert layers.communes.name() == "Jours par commune (transversal : 2,00 j)"
    by_uuid = {}
    for layer in layers.features:
        by_uuid.update({k: (layer.name(), v) for k, v in values(
            layer, "feature_uuid", "layer_name", "minutes", "jours").items()})
    assert by_uuid == {
        uuids["a"]: ("Jours par objet (points)", ("pav", 3 * DAY, 3.0)),
        uuids["b"]: ("Jours par objet (points)", ("pav", 30, 30 / 420)),
        uuids["pipe"]: ("Jours par objet (lignes)", ("raepa_canalass_l", 630, 1.5)),
        uuids["zone"]: ("Jours par objet (surfaces)", ("zone_urba", 5 * DAY, 5.0))}
    # Each feature keeps its own geometry.
    zone = next(f for f in layers.features[2].getFeatures())
    assert zone.geometry().area() == pytest.approx(400 * 300)
    pipe = next(f for f in layers.features[1].getFeatures())
    assert pipe.geometry().length() == pytest.approx(500)


def test_the_legend_reads_in_french_days_with_pretty_breaks(ledger, french):
    known_effort(ledger)
    layers = effort.effort_layers(ledger.conn, ledger.compute(2026))

    def legend(layer):
        return [(r.lowerValue(), r.upperValue(), r.label()) for r in layer.renderer().ranges()]
    # Features: at most 5 days (the zone, on the bound: in "2 à 5 j").
    assert legend(layers.features[0]) == [
        (0, 0.5, "0 à 0,5 j"), (0.5, 1, "0,5 à 1 j"), (1, 2, "1 à 2 j"), (2, 5, "2 à 5 j")]
    for layer in layers.features:
        assert layer.renderer().classAttribute() == "jours"
        assert legend(layer) == legend(layers.features[0])
    zone = next(layers.features[2].getFeatures())
    assert layers.features[2].renderer().legendKeyForValue(zone["jours"]) == \
        layers.features[2].renderer().legendKeyForValue(3.0)
    # Communes: at most 5.07 days, five classes up to 10, after none at all.
    assert [r[2] for r in legend(layers.communes)] == [
        "Aucun temps", "0 à 0,5 j", "0,5 à 1 j", "1 à 2 j", "2 à 5 j", "5 à 10 j"]


def test_class_breaks_follow_the_1_2_5_series(qgis_app):
    assert effort.bounds([]) == [Decimal("0.5")]
    assert effort.bounds([Decimal("0.5")]) == [Decimal("0.5")]
    assert effort.bounds([Decimal("0.51")]) == [Decimal("0.5"), 1]
    assert effort.bounds([Decimal(1234)]) == [100, 200, 500, 1000, 2000]
    assert effort.days_text(Decimal(2000)) == "2\u202f000"


def test_time_outside_every_commune_is_named_apart(ledger, french):
    from qgis.core import QgsRectangle
    far = ledger.feature(950000, 6475000)
    ledger.time(ledger.ticket("maintenance_corrective", far, (950000, 6475000)), "2026-02-03",
                DAY)
    layers = effort.effort_layers(ledger.conn, ledger.compute(2026))
    assert layers.outside_minutes == DAY
    assert layers.communes.name() == \
        "Jours par commune (transversal : 0,00 j ; hors des communes : 1,00 j)"
    assert [f["minutes"] for f in layers.communes.getFeatures()] == [0, 0]
    # Communes without time are white (here on a black background).
    image = render([layers.communes], QgsRectangle(910000, 6470000, 920000, 6480000),
                   background=(0, 0, 0))
    assert image.pixelColor(60, 60).name() == "#ffffff"
    assert layers.communes.renderer().legendKeyForValue(0.0) == \
        layers.communes.renderer().legendSymbolItems()[0].ruleKey()


def render(layers, extent, size=200, background=(255, 255, 255)):
    from qgis.core import QgsMapRendererSequentialJob, QgsMapSettings
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(layers[0].crs())
    settings.setOutputSize(QSize(size, size))
    settings.setBackgroundColor(QColor(*background))
    settings.setExtent(extent)
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage()


def test_the_layers_draw_their_classes_in_the_communes(ledger):
    from qgis.core import QgsRectangle
    from qgis.PyQt.QtGui import QColor
    known_effort(ledger)
    layers = effort.effort_layers(ledger.conn, ledger.compute(2026))
    # 73274 has 5.07 d: the fifth class (5 to 10 d), the darkest colour.
    image = render([layers.communes], QgsRectangle(920000, 6470000, 930000, 6480000))
    colours = {image.pixelColor(x, y).name() for x in range(10, 190, 8)
               for y in range(10, 80, 8)}   # above the commune's name
    assert colours == {effort.COLOURS[-1]}
    # 38442 has 4.5 d: the fourth.
    image = render([layers.communes], QgsRectangle(910000, 6470000, 920000, 6480000))
    assert image.pixelColor(60, 60).name() == effort.COLOURS[3]
    # The zone (5 d: the last of the features' four classes), on a map 400 m
    # wide: 300 m of area (150 px) between white bands.
    image = render(layers.features, QgsRectangle(*ZONE))
    assert image.pixelColor(100, 100).name() == effort.COLOURS[-1]
    white = QColor(255, 255, 255).rgb()
    coloured = [y for y in range(200) if image.pixel(100, y) != white]
    assert 148 <= len(coloured) <= 152 and coloured == list(range(coloured[0], coloured[-1] + 1))


@pytest.fixture
def project(qgis_app):
    """QGIS's project (the ledger's relations resolve layers there), left empty."""
    from qgis.core import QgsProject
    QgsProject.instance().clear()
    yield QgsProject.instance()
    clear_project()


def test_show_effort_adds_the_group_of_the_year_and_replaces_it(store_location, pg_authcfg,
                                                                project, french):
    from sit_chartreuse.plugin import effort_layers
    from sit_chartreuse.plugin.project import open_sit
    ledger = Ledger(store_location)
    known_effort(ledger)
    location = with_authcfg(store_location, pg_authcfg)   # as the plugin opens it
    catalogue = open_sit(location, project)
    before = set(project.mapLayers())
    group = effort_layers.show_effort(project, location, None, 2026)
    root = project.layerTreeRoot()
    assert root.children()[0] is group and group.name() == "Effort 2026"
    assert [layer.name() for layer in group.findLayers()] == [
        "Jours par objet (points)", "Jours par objet (lignes)", "Jours par objet (surfaces)",
        "Jours par commune (transversal : 2,00 j)"]
    # Another year, read through the dock's connection: the group is replaced.
    group = effort_layers.show_effort(project, ledger.conn, ledger.conv, 2027)
    assert [g.name() for g in root.findGroups() if g.name().startswith("Effort")] == [
        "Effort 2027"]
    assert [layer.name() for layer in group.findLayers()] == [
        "Jours par objet (points)", "Jours par commune (transversal : 0,00 j)"]
    assert len(project.mapLayers()) == len(before) + 2
    assert all(layer.id() in project.mapLayers() for layer in catalogue.values())
    effort_layers.remove_effort(project)
    assert set(project.mapLayers()) == before and effort_layers.effort_group(project) is None


def test_the_settlement_pdf_maps_the_same_layers(new_store, tmp_path, french):
    ledger = Ledger(new_store)
    known_effort(ledger)
    result = settlement.compute(ledger.conn, ledger.conv, 2026)
    path = report_layout.write_pdf(result, ledger.conn, str(tmp_path / "decompte.pdf"))
    text = pdf_text(path)
    for label in ("Jours par commune (transversal : 2,00 j)", "Jours par objet (surfaces)",
                  "2 à 5 j", "5 à 10 j"):
        assert label in text


def critical(iface):
    from qgis.core import Qgis
    return iface.messageBar().get_messages(Qgis.MessageLevel.Critical)


def test_the_menu_asks_the_year_and_shows_its_effort(new_store, plugin_iface, project, french):
    import sit_chartreuse
    from qgis.PyQt.QtCore import QCoreApplication, QEvent, QTimer
    from qgis.PyQt.QtWidgets import QApplication, QInputDialog
    from sit_chartreuse.plugin import effort_layers
    from sit_chartreuse.plugin.project import open_sit, save_into_store
    known_effort(Ledger(new_store))
    plugin = sit_chartreuse.classFactory(plugin_iface)
    plugin.initGui()
    try:
        component = next(c for c in plugin.components
                         if isinstance(c, effort_layers.EffortComponent))
        assert component.action in plugin_iface.pluginMenu().actions()[0].menu().actions()
        assert component.show(2026) is None    # no SIT open: said, nothing added
        assert "Ouvrez d'abord un SIT" in critical(plugin_iface)[-1]
        open_sit(new_store, project)

        def answer(year):
            dialog = next(w for w in QApplication.topLevelWidgets()
                          if isinstance(w, QInputDialog) and w.isVisible())
            dialog.setIntValue(year)
            dialog.accept()
        QTimer.singleShot(0, lambda: answer(2026))
        group = component.ask()
        assert group.name() == "Effort 2026" and effort_layers.effort_group(project) is group
        # A year outside the agreement: refused in the message bar, the map kept.
        assert component.show(2030) is None
        assert "L'année 2030 est hors de la durée" in critical(plugin_iface)[-1]
        assert effort_layers.effort_group(project) is group
        # Saved with the project, the group would come back with empty layers.
        save_into_store(project, new_store)
        project.clear()
        open_sit(new_store, project)
        assert effort_layers.effort_group(project) is None
        assert not [name for name in (layer.name() for layer in project.mapLayers().values())
                    if name.startswith("Jours par")]
    finally:
        plugin.unload()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)   # the toolbar goes


def test_a_feature_gone_is_drawn_at_its_tickets_point(ledger):
    zone = str(uuid.uuid4())
    ledger.conn.execute("INSERT INTO zone_urba (uuid, libelle, typezone, geom) "
                        "VALUES (?, 'Ua', 'U', %s)" % ledger.geom, (zone, box(*ZONE)))
    ledger.time(add_ticket(ledger, "plui", "zone_urba", zone, (926200, 6476150)),
                "2026-05-06", DAY)
    ledger.conn.execute("DELETE FROM zone_urba WHERE uuid = ?", (zone,))
    (points,) = effort.effort_layers(ledger.conn, ledger.compute(2026)).features
    (feature,) = points.getFeatures()
    assert (feature["feature_uuid"], feature["minutes"]) == (zone, DAY)
    assert feature.geometry().asWkt() == "MultiPoint ((926200 6476150))"
