"""The effort of a year on the map: the days per commune (a choropleth over
the communes) and per feature (drawn with the feature's own geometry), as
QGIS memory layers built from the settlement's own breakdowns
(core/agreement/settlement.py: `by_commune`, `by_feature`), never from a
second aggregation of the ledger. The project's "Effort {year}" group
(plugin/effort_layers.py) and the settlement's PDF map
(core/reports/report_layout.py) show these same layers.

Application-level work (tickets on no feature, hence on no commune) is not on
the map: the communes layer's title gives it apart as "transversal", with the
time of features lying outside every commune when there is some.

Styles: one graduated renderer on the field ``jours`` per map (communes on
the communes' days, every feature layer on the features' days), its legend
in days, French-formatted ("0 à 0,5 j", "0,5 à 1 j", "1 à 2 j"...); a
commune without any time is white ("Aucun temps"). Class
breaks are "pretty" and deterministic: the upper bounds are the 1-2-5 series
(0.5, 1, 2, 5, 10, 20, 50... days) up to the first bound at or above the
largest value, the last CLASSES of them; the lowest class starts at 0; a
value on a bound falls in the class below it ("0 à 2 j" holds 2 days).
"""
from dataclasses import dataclass
from decimal import Decimal
from itertools import count
from typing import List

from qgis.core import (
    QgsFeature, QgsFillSymbol, QgsGeometry, QgsGraduatedSymbolRenderer, QgsLineSymbol,
    QgsMarkerSymbol, QgsPalLayerSettings, QgsPointXY, QgsRendererRange, QgsTextFormat,
    QgsVectorLayer, QgsVectorLayerSimpleLabeling, QgsWkbTypes)
from qgis.PyQt.QtCore import QMetaType

from ..agreement.settlement import OUTSIDE, TRANSVERSAL
from ..compat import field
from ..i18n import tr
from ..schema import BY_NAME
from ..storage import db
from .report import days, number

DAYS_FIELD = "jours"
CLASSES = 5
# Yellow to brown (ColorBrewer YlOrBr), light for little effort, none white.
COLOURS = ("#fee391", "#fec44f", "#fe9929", "#d95f0e", "#993404")
OUTLINE = "#4d2600"
# A feature layer per geometry kind, in drawing order (points on top).
KINDS = ((QgsWkbTypes.GeometryType.PointGeometry, "MultiPoint"),
         (QgsWkbTypes.GeometryType.LineGeometry, "MultiLineString"),
         (QgsWkbTypes.GeometryType.PolygonGeometry, "MultiPolygon"))


@dataclass
class EffortLayers:
    year: int
    communes: QgsVectorLayer
    features: List[QgsVectorLayer]          # the non-empty ones, points first
    transversal_minutes: int = 0
    outside_minutes: int = 0

    @property
    def layers(self):
        """Every layer, top of the map first."""
        return self.features + [self.communes]


def bounds(values):
    """Upper bounds (Decimal days) of the classes of `values` (see the module's doc)."""
    most = max(values, default=0)
    found = []
    for bound in _series():
        found.append(bound)
        if bound >= most:
            return found[-CLASSES:]


def _series():
    yield Decimal("0.5")
    for power in count():
        for mantissa in (1, 2, 5):
            yield Decimal(mantissa) * 10 ** power


def days_text(value):
    """A day count the French way, without useless decimals: 0,5, 2, 1 000."""
    value = Decimal(value)
    return number(value, 0 if value == value.to_integral_value() else 1)


def classes(values):
    """[(low, high)] in days for `values`."""
    highs = bounds(values)
    return list(zip([Decimal(0)] + highs[:-1], highs))


def legend_label(low, high):
    return tr("{low} to {high} d").format(low=days_text(low), high=days_text(high))


def _symbol(geometry_type, index, total, outline):
    colour = COLOURS[round(index * (len(COLOURS) - 1) / (total - 1)) if total > 1 else 0]
    if geometry_type == QgsWkbTypes.GeometryType.PointGeometry:
        size = 2 + 2 * index / max(total - 1, 1)   # mm: bigger for more days
        return QgsMarkerSymbol.createSimple({"name": "circle", "color": colour, "size": str(size),
                                             "outline_color": OUTLINE, "outline_width": "0.2"})
    if geometry_type == QgsWkbTypes.GeometryType.LineGeometry:
        return QgsLineSymbol.createSimple({"line_color": colour, "line_width": "0.6"})
    return QgsFillSymbol.createSimple({"color": colour, "outline_color": outline,
                                       "outline_width": "0.3"})


def style(layer, day_classes, outline=OUTLINE, zero=False):
    """A graduated renderer on the layer's days, its legend in days; with
    `zero`, a first class for no time at all, in white (the first class a
    value falls in is its class)."""
    kind = layer.geometryType()
    ranges = [QgsRendererRange(float(low), float(high),
                               _symbol(kind, i, len(day_classes), outline),
                               legend_label(low, high))
              for i, (low, high) in enumerate(day_classes)]
    if zero:
        ranges.insert(0, QgsRendererRange(0.0, 0.0, QgsFillSymbol.createSimple(
            {"color": "#ffffff", "outline_color": outline, "outline_width": "0.3"}),
            tr("No time")))
    layer.setRenderer(QgsGraduatedSymbolRenderer(DAYS_FIELD, ranges))


def _label_names(layer):
    labels = QgsPalLayerSettings()
    labels.fieldName = "nom"
    fmt = QgsTextFormat()
    fmt.setSize(6)
    labels.setFormat(fmt)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(labels))
    layer.setLabelsEnabled(True)


def _memory_layer(kind, title, fields):
    layer = QgsVectorLayer("%s?crs=EPSG:2154" % kind, title, "memory")
    layer.dataProvider().addAttributes(fields)
    layer.updateFields()
    return layer


def _share_fields():
    return [field("minutes", QMetaType.Type.Int), field(DAYS_FIELD, QMetaType.Type.Double),
            field("montant_ht_cents", QMetaType.Type.LongLong)]


def _geometry(wkb):
    geom = QgsGeometry()
    geom.fromWkb(bytes(wkb))
    return geom


def _share_values(share, hpd):
    return [share.minutes, share.minutes / (hpd * 60), share.amount_ht_cents]


def communes_layer(conn, result):
    """The store's communes with their days in the year (0 where none).
    Read through `conn`, so an open write transaction does not get in the way."""
    hpd = result.convention.hours_per_day
    shares = {s.key: s for s in result.by_commune}
    layer = _memory_layer("MultiPolygon", "", [
        field("insee", QMetaType.Type.QString), field("nom", QMetaType.Type.QString)]
        + _share_fields())
    features = []
    for insee, nom, wkb in conn.execute(
            "SELECT insee, nom, ST_AsBinary(geom) FROM commune WHERE geom IS NOT NULL "
            "ORDER BY insee"):
        f = QgsFeature(layer.fields())
        share = shares.get(insee)
        f.setAttributes([insee, nom] + (_share_values(share, hpd) if share else [0, 0.0, 0]))
        f.setGeometry(_geometry(wkb))
        features.append(f)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    transversal = sum(s.minutes for s in result.by_commune if s.key == TRANSVERSAL)
    outside = sum(s.minutes for s in result.by_commune if s.key == OUTSIDE)
    title = (tr("Days per commune (transversal: {days} d; outside the communes: {outside} d)")
             if outside else tr("Days per commune (transversal: {days} d)"))
    layer.setName(title.format(days=days(transversal, hpd), outside=days(outside, hpd)))
    return layer, transversal, outside


def _feature_geometries(conn, by_feature):
    """{(table, uuid): geometry} of the features of the breakdown, read from
    their tables (only tables of the schema: the names come from tickets)."""
    found = {}
    wanted = {}
    for s in by_feature:
        wanted.setdefault(s.layer, set()).add(s.key)
    for table, uuids in wanted.items():
        if table not in BY_NAME or not BY_NAME[table].geometry:
            continue
        keys = sorted(uuids)
        for start in range(0, len(keys), 500):   # only the features worked on, bound
            chunk = keys[start:start + 500]
            for uuid, wkb in conn.execute(
                    "SELECT uuid, ST_AsBinary(geom) FROM %s WHERE geom IS NOT NULL "
                    "AND uuid IN (%s)" % (db.Dialect.quote(table), ", ".join("?" * len(chunk))),
                    chunk):
                found[(table, uuid)] = _geometry(wkb)
    return found


def feature_layers(conn, result):
    """One layer per geometry kind of the features with time in the year,
    each drawn with its own geometry (the ticket's point when the feature has
    none or is gone); only the non-empty layers, points first."""
    hpd = result.convention.hours_per_day
    titles = {QgsWkbTypes.GeometryType.PointGeometry: tr("Days per feature (points)"),
              QgsWkbTypes.GeometryType.LineGeometry: tr("Days per feature (lines)"),
              QgsWkbTypes.GeometryType.PolygonGeometry: tr("Days per feature (areas)")}
    fields = [field("layer_name", QMetaType.Type.QString),
              field("couche", QMetaType.Type.QString),
              field("feature_uuid", QMetaType.Type.QString)] + _share_fields()
    layers = [_memory_layer(wkb_name, titles[kind], fields) for kind, wkb_name in KINDS]
    geometries = _feature_geometries(conn, result.by_feature)
    features = {layer.id(): [] for layer in layers}
    for s in result.by_feature:
        geom = geometries.get((s.layer, s.key))
        if geom is None or geom.isEmpty():
            if s.x is None:
                continue
            geom = QgsGeometry.fromPointXY(QgsPointXY(s.x, s.y))
        geom.convertToMultiType()
        layer = next(layer for layer in layers if layer.geometryType() == geom.type())
        f = QgsFeature(layer.fields())
        table = BY_NAME.get(s.layer)
        f.setAttributes([s.layer, table.title if table else s.layer, s.key]
                        + _share_values(s, hpd))
        f.setGeometry(geom)
        features[layer.id()].append(f)
    shown = [layer for layer in layers if features[layer.id()]]
    for layer in shown:
        layer.dataProvider().addFeatures(features[layer.id()])
        layer.updateExtents()
    return shown


def effort_layers(conn, result):
    """The year's effort layers of `result` (a settlement.compute() with its
    breakdowns), styled."""
    communes, transversal, outside = communes_layer(conn, result)
    features = feature_layers(conn, result)
    hpd = result.convention.hours_per_day
    style(communes, classes([Decimal(s.minutes) / (hpd * 60) for s in result.by_commune
                             if s.key not in (TRANSVERSAL, OUTSIDE)]), "#787878", zero=True)
    _label_names(communes)
    feature_classes = classes([Decimal(s.minutes) / (hpd * 60) for s in result.by_feature])
    for layer in features:
        style(layer, feature_classes)
    return EffortLayers(result.year, communes, features, transversal, outside)
