"""The *fiche de renseignements d'urbanisme* of dossiers, parcels or a
commune: HTML, and a QGIS print layout exported to PDF with, for each
subject, a map of its parcels over the PLUi next to the table of the
constraints (one page per subject, continued on further pages when long).

The layout helpers (labels, tables, PDF export settings) are the
settlement's (core/reports/report_layout.py); the French number and date formats
are core/reports/report.py's.
"""
import datetime
import html
from decimal import Decimal

from qgis.core import (
    QgsCategorizedSymbolRenderer, QgsCoordinateReferenceSystem, QgsFeature,
    QgsFillSymbol, QgsGeometry, QgsLayoutItemMap, QgsLayoutItemPage,
    QgsLayoutPoint, QgsLayoutSize, QgsLineSymbol, QgsMarkerSymbol, QgsPalLayerSettings,
    QgsPrintLayout, QgsProject, QgsRectangle, QgsRendererCategory,
    QgsTextFormat, QgsVectorLayer, QgsVectorLayerSimpleLabeling)
from qgis.PyQt.QtCore import QMetaType, Qt

from .. import ads
from ..compat import field
from ..errors import SitError
from ..i18n import tr
from ..storage import db
from . import report
from .report_layout import MARGIN, MM, PAGE_H, PAGE_W, _label, _table, export_pdf

ZONE_COLOURS = {"U": "230,90,80", "AUc": "240,150,70", "AUs": "250,200,140",
                "A": "250,235,120", "N": "120,190,110"}
ROWS_PER_PAGE = 24


def kind_label(kind):
    return {"zone": tr("Zone"), "prescription": tr("Prescription"),
            "information": tr("Information"), "servitude": tr("Servitude")}[kind]


def codelabels(conn):
    """{(list, code): label} for the lists the fiche shows."""
    return {(r[0], r[1]): r[2] for r in conn.execute(
        "SELECT list, code, label FROM codelist WHERE list IN "
        "('ads_type', 'ads_statut', 'cnig_typezone')")}


def _iso_fr(text):
    try:
        return report.date_fr(datetime.date.fromisoformat(str(text)[:10])) if text else ""
    except ValueError:
        return str(text)


def _m2(value):
    return report.number(Decimal(round(value)), 0) + "\u00a0m²"


def measure_text(c):
    if c.area_m2 is not None:
        return _m2(c.area_m2)
    if c.length_m is not None:
        return report.number(Decimal(str(round(c.length_m, 1))), 1) + "\u00a0m"
    return tr("{n} point(s)").format(n=c.points)


def share_text(c):
    if c.share is None:
        return ""
    return report.number(Decimal(str(round(c.share * 100, 1))), 1) + "\u00a0%"


def title(subject):
    if subject.kind == "dossier":
        return tr("Dossier {numero}").format(numero=ads.display_numero(subject.key))
    return subject.key


def header_lines(subject, labels):
    """What the fiche says about its subject, before the constraints."""
    lines = []
    d = subject.dossier
    if d:
        lines.append(tr("Type: {label}").format(label=labels.get(
            ("ads_type", d["type_dossier"]), d["type_dossier"] or "")))
        lines.append(tr("Commune (INSEE): {insee}").format(insee=d["insee"] or ""))
        lines.append(tr("Filed on {date}; status: {status}{decision}").format(
            date=_iso_fr(d["date_depot"]) or "?",
            status=labels.get(("ads_statut", d["statut"]), d["statut"] or "?"),
            decision=tr(", decided on {date}").format(date=_iso_fr(d["date_decision"]))
            if d["date_decision"] else ""))
    if subject.parcels:
        lines.append(tr("Parcels: {idus}").format(idus=", ".join(subject.parcels)))
    if subject.area_m2 is not None:
        lines.append(tr("Footprint area: {area}").format(area=_m2(subject.area_m2)))
    if subject.centroid is not None:
        lines.append(tr("Centroid (Lambert-93): X {x}, Y {y}").format(
            x=report.number(Decimal(round(subject.centroid[0])), 0, grouping=False),
            y=report.number(Decimal(round(subject.centroid[1])), 0, grouping=False)))
    if subject.note:
        lines.append(subject.note)
    return lines


def headers():
    return [tr("Nature"), tr("Label"), tr("Code"), tr("Inside the footprint"), tr("Share")]


def constraint_rows(subject, labels, with_detail=False):
    rows = []
    for c in subject.constraints:
        code = labels.get(("cnig_typezone", c.code), c.code) if c.kind == "zone" else c.code
        row = [kind_label(c.kind), c.libelle, code, measure_text(c), share_text(c)]
        if with_detail:
            row.insert(3, c.detail)
        rows.append(row)
    return rows


def rules_text():
    return tr("Listed: the PLUi zones, prescriptions and informations meeting the footprint "
              "(the union of the parcels) with a positive area, the lines with a length "
              "inside it and the points inside it; a feature only touching its outline is not "
              "listed. Shares are of the footprint's area. For information only: the "
              "applicable rules are those of the approved PLUi documents.")


def html_fiche(subjects, labels, source):
    e = html.escape
    heading = tr("Planning information sheet")
    now = datetime.datetime.now().strftime("%d/%m/%Y %H:%M")
    out = ["<!DOCTYPE html>", '<html lang="fr"><head><meta charset="utf-8">',
           "<title>%s</title>" % e(heading),
           "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;"
           "margin:.5em 0 1.5em}th,td{border:1px solid #999;padding:3px 6px;text-align:left}"
           "td.num{text-align:right;white-space:nowrap}</style></head><body>",
           "<h1>%s</h1>" % e(heading),
           "<p>%s</p>" % e(tr("SIT store {source}, {date}").format(source=source, date=now))]
    columns = headers()
    columns.insert(3, tr("Rule / detail"))
    for s in subjects:
        out.append("<h2>%s</h2>" % e(title(s)))
        out.append("<ul>%s</ul>" % "".join("<li>%s</li>" % e(line)
                                           for line in header_lines(s, labels)))
        rows = constraint_rows(s, labels, with_detail=True)
        if rows:
            out.append("<table><tr>%s</tr>%s</table>" % (
                "".join("<th>%s</th>" % e(h) for h in columns),
                "".join("<tr>%s</tr>" % "".join(
                    '<td class="num">%s</td>' % e(v) if i >= 4 else "<td>%s</td>" % e(v)
                    for i, v in enumerate(r)) for r in rows)))
        elif s.geom is not None:
            out.append("<p>%s</p>" % e(tr("No PLUi constraint on this footprint.")))
    out.append("<p><small>%s</small></p></body></html>" % e(rules_text()))
    return "\n".join(out)


def write_html(subjects, labels, source, path):
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.write(html_fiche(subjects, labels, source))
    except OSError as e:
        raise SitError(tr("Cannot write the report {path}: {error}").format(path=path, error=e))
    return path


# --- print layout ----------------------------------------------------------------

def _geometry(conn, geom):
    """A footprint as read from the store (GeoPackage blob, PostGIS hex) as a QgsGeometry."""
    g = QgsGeometry()
    g.fromWkb(bytes(conn.execute("SELECT ST_AsBinary(%s)" % db.dialect(conn).geom_param,
                                 (geom,)).fetchone()[0]))
    return g


def _extent(footprint):
    rect = QgsRectangle(footprint.boundingBox())
    rect.scale(1.5)
    if rect.width() < 150:   # a small parcel: still show its neighbourhood
        rect.scale(150 / max(rect.width(), 1))
    return rect


def _layer(conn, table, columns, geometry_type, extent, name):
    """The features of `table` in `extent` as a memory layer (spatial index filter)."""
    layer = QgsVectorLayer("%s?crs=EPSG:2154" % geometry_type, name, "memory")
    layer.dataProvider().addAttributes([field(c, QMetaType.Type.QString) for c in columns])
    layer.updateFields()
    d = db.dialect(conn)
    sql = "SELECT %s, ST_AsBinary(geom) FROM %s WHERE %s" % (
        ", ".join(d.quote(c) for c in columns), d.quote(table), d.in_box(table))
    features = []
    for row in conn.execute(sql, (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(),
                                  extent.yMaximum())):
        f = QgsFeature(layer.fields())
        f.setAttributes(list(row[:-1]))
        g = QgsGeometry()
        g.fromWkb(bytes(row[-1]))
        f.setGeometry(g)
        features.append(f)
    layer.dataProvider().addFeatures(features)
    return layer


def _footprint_layer(footprint):
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:2154", tr("Footprint"), "memory")
    f = QgsFeature()
    f.setGeometry(footprint)
    layer.dataProvider().addFeatures([f])
    layer.renderer().setSymbol(QgsFillSymbol.createSimple(
        {"style": "no", "outline_color": "200,0,0,255", "outline_width": "0.8"}))
    return layer


def _labelled(layer, field_name, size=6):
    settings = QgsPalLayerSettings()
    settings.fieldName = field_name
    fmt = QgsTextFormat()
    fmt.setSize(size)
    settings.setFormat(fmt)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def map_layers(conn, extent):
    """The PLUi and the parcels around a footprint, styled, top layer first."""
    zones = _layer(conn, "zone_urba", ["libelle", "typezone"], "MultiPolygon", extent,
                   tr("Zones"))
    categories = [QgsRendererCategory(code, QgsFillSymbol.createSimple(
        {"color": colour + ",110", "outline_color": "90,90,90,255", "outline_width": "0.3"}),
        code) for code, colour in ZONE_COLOURS.items()]
    zones.setRenderer(QgsCategorizedSymbolRenderer("typezone", categories))
    _labelled(zones, "libelle", 8)
    surf = _layer(conn, "prescription_surf", ["libelle"], "MultiPolygon", extent,
                  tr("Prescriptions"))
    surf.renderer().setSymbol(QgsFillSymbol.createSimple(
        {"style": "b_diagonal", "color": "120,40,160,255", "outline_color": "120,40,160,255",
         "outline_width": "0.3"}))
    lines = _layer(conn, "prescription_lin", ["libelle"], "MultiLineString", extent,
                   tr("Linear prescriptions"))
    lines.renderer().setSymbol(QgsLineSymbol.createSimple(
        {"line_color": "120,40,160,255", "line_width": "0.6"}))
    points = _layer(conn, "prescription_pct", ["libelle"], "MultiPoint", extent,
                    tr("Point prescriptions"))
    points.renderer().setSymbol(QgsMarkerSymbol.createSimple(
        {"name": "circle", "color": "120,40,160,255", "size": "1.6"}))
    info = _layer(conn, "info_surf", ["libelle"], "MultiPolygon", extent, tr("Information"))
    info.renderer().setSymbol(QgsFillSymbol.createSimple(
        {"style": "no", "outline_color": "30,90,200,255", "outline_style": "dash",
         "outline_width": "0.4"}))
    parcels = _layer(conn, "parcelle", ["section", "numero"], "MultiPolygon", extent,
                     tr("Parcels"))
    parcels.renderer().setSymbol(QgsFillSymbol.createSimple(
        {"style": "no", "outline_color": "60,60,60,255", "outline_width": "0.15"}))
    return [points, lines, surf, info, parcels, zones]


def build_layout(conn, subjects, labels, project):
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(tr("Planning information sheet"))
    collection = layout.pageCollection()
    collection.page(0).setPageSize("A4", QgsLayoutItemPage.Landscape)
    map_w = 140.0
    x = MARGIN + map_w + 6
    w = PAGE_W - MARGIN - x
    page = -1
    for s in subjects:
        rows = constraint_rows(s, labels)
        chunks = [rows[i:i + ROWS_PER_PAGE] for i in range(0, len(rows), ROWS_PER_PAGE)]
        for n, chunk in enumerate(chunks or [[]]):
            page += 1
            if page > 0:
                new = QgsLayoutItemPage(layout)
                new.setPageSize("A4", QgsLayoutItemPage.Landscape)
                collection.addPage(new)
            heading = tr("Planning information sheet") + " \u2014 " + title(s)
            if n:
                heading += " " + tr("(continued)")
            _label(layout, heading, MARGIN, MARGIN, PAGE_W - 2 * MARGIN, 9, 14, True,
                   page=page)
            if n == 0:
                _map(layout, conn, s, page, map_w)
            top = MARGIN + 12
            if n == 0:
                lines = header_lines(s, labels)
                _label(layout, "\n".join(lines), x, top, w, 5 + 4 * len(lines), 8, page=page)
                top += 8 + 4 * len(lines)
            if chunk:
                table = _table(layout, headers(), chunk, x, top, w,
                               PAGE_H - MARGIN - 14 - top,
                               # content widths: each cell adds its margins (12 mm in all)
                               [22, w - 12 - 22 - 20 - 26 - 16, 20, 26, 16], page=page,
                               size=7)
                _align_text_left(table, (1, 2))
            elif s.geom is not None:
                _label(layout, tr("No PLUi constraint on this footprint."), x, top, w, 6, 9,
                       page=page)
            _label(layout, rules_text(), MARGIN, PAGE_H - MARGIN - 8, PAGE_W - 2 * MARGIN,
                   8, 6.5, page=page)
    return layout


def _align_text_left(table, columns):
    """The settlement's table helper right-aligns all but the first column
    (amounts); here the label and code columns are text."""
    contents = table.tableContents()
    for row in contents:
        for i in columns:
            row[i].setHorizontalAlignment(Qt.AlignmentFlag.AlignLeft)
    table.setTableContents(contents)


def _map(layout, conn, subject, page, map_w):
    if subject.geom is None:
        return
    footprint = _geometry(conn, subject.geom)
    extent = _extent(footprint)
    layers = [_footprint_layer(footprint)] + map_layers(conn, extent)
    layout.project().addMapLayers(layers)
    item = QgsLayoutItemMap(layout)
    item.attemptResize(QgsLayoutSize(map_w, PAGE_H - 2 * MARGIN - 24, MM))
    item.attemptMove(QgsLayoutPoint(MARGIN, MARGIN + 12, MM), page=page)
    item.setCrs(QgsCoordinateReferenceSystem("EPSG:2154"))
    item.setLayers(layers)
    item.zoomToExtent(extent)
    item.setFrameEnabled(True)
    layout.addLayoutItem(item)


def write_pdf(conn, subjects, labels, path):
    project = QgsProject()   # private: nothing leaks into the user's project
    return export_pdf(build_layout(conn, subjects, labels, project), path)
