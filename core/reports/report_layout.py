"""The settlement as a QGIS print layout, exported to PDF.

Page 1: the agreement reference, the status, the lines table, the total due
and the hosting costs. Page 2: a map of the effort per feature over the
communes and the breakdowns by application, month and commune. Page 3: the
costliest features and the rules applied. Same content as the HTML report.
Page 4: the agreement's term, provisional against actual per year and
cumulated, with the forecast page's chart and tables.
"""
import base64

from qgis.core import (
    QgsCoordinateReferenceSystem, QgsFeature, QgsFillSymbol, QgsGeometry,
    QgsLayoutExporter, QgsLayoutFrame, QgsLayoutItemLabel, QgsLayoutItemManualTable,
    QgsLayoutItemMap, QgsLayoutItemPage, QgsLayoutPoint, QgsLayoutSize, QgsLayoutTable,
    QgsLayoutTableColumn, QgsMarkerSymbol, QgsPalLayerSettings, QgsPointXY, QgsPrintLayout,
    QgsProject, QgsProperty, QgsRectangle, QgsRenderContext, QgsSymbolLayer, QgsTableCell,
    QgsTextFormat, QgsUnitTypes, QgsVectorLayer, QgsVectorLayerSimpleLabeling)
from qgis.core import QgsLayoutItemPicture
from qgis.PyQt.QtCore import QMetaType, Qt
from qgis.PyQt.QtGui import QFont

from ..agreement import forecast
from ..compat import field, set_label_font
from ..errors import SitError
from ..i18n import tr
from . import forecast_report, report

MM = QgsUnitTypes.LayoutMillimeters
PAGE_W, PAGE_H, MARGIN = 297.0, 210.0, 12.0    # A4 landscape


def communes_layer(conn):
    """The store's communes as a memory layer (read through our own connection,
    so an open write transaction on the store does not get in the way)."""
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:2154", tr("Communes"), "memory")
    layer.dataProvider().addAttributes([field("insee", QMetaType.Type.QString),
                                        field("nom", QMetaType.Type.QString)])
    layer.updateFields()
    features = []
    for insee, nom, wkb in conn.execute(
            "SELECT insee, nom, ST_AsBinary(geom) FROM commune WHERE geom IS NOT NULL"):
        f = QgsFeature(layer.fields())
        f.setAttributes([insee, nom])
        geom = QgsGeometry()
        geom.fromWkb(bytes(wkb))
        f.setGeometry(geom)
        features.append(f)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    return layer


def effort_layer(result):
    """One point per feature with its days and amount (memory layer)."""
    hpd = result.convention.hours_per_day
    layer = QgsVectorLayer("Point?crs=EPSG:2154", tr("Effort per feature"), "memory")
    layer.dataProvider().addAttributes([field("layer_name", QMetaType.Type.QString),
                                        field("feature_uuid", QMetaType.Type.QString),
                                        field("jours", QMetaType.Type.Double)])
    layer.updateFields()
    features = []
    for s in result.by_feature:
        if s.x is None:
            continue
        f = QgsFeature(layer.fields())
        f.setAttributes([s.layer, s.key, s.minutes / (hpd * 60)])
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(s.x, s.y)))
        features.append(f)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    return layer


def _style(communes, effort):
    communes.renderer().setSymbol(QgsFillSymbol.createSimple(
        {"color": "245,242,230,255", "outline_color": "120,120,120,255",
         "outline_width": "0.3"}))
    labels = QgsPalLayerSettings()
    labels.fieldName = "nom"
    fmt = QgsTextFormat()
    fmt.setSize(6)
    labels.setFormat(fmt)
    communes.setLabeling(QgsVectorLayerSimpleLabeling(labels))
    communes.setLabelsEnabled(True)
    most = max([f["jours"] for f in effort.getFeatures()], default=0)
    symbol = QgsMarkerSymbol.createSimple({"name": "circle", "color": "200,40,40,150",
                                           "outline_color": "120,0,0,200",
                                           "outline_width": "0.1"})
    # Point area proportional to the days spent.
    symbol.symbolLayer(0).setDataDefinedProperty(QgsSymbolLayer.PropertySize,
                                                 QgsProperty.fromExpression(
        "0.8 + 7 * sqrt(\"jours\" / %r)" % float(most or 1)))
    effort.renderer().setSymbol(symbol)
    return most


def literal_text(text):
    """`text` as a layout label will show it. A label evaluates the QGIS
    expressions between [% and %] and replaces $CURRENT_DATE: each '[' and '$'
    becomes an expression returning that character, so text read from the
    store (an agreement's title, a zone's label) is shown, never evaluated."""
    return text.replace("[", "[%'['%]").replace("$", "[%'$'%]")


def _label(layout, text, x, y, w, h, size=9, bold=False, page=0):
    """A label showing `text` as it stands (see literal_text)."""
    item = QgsLayoutItemLabel(layout)
    item.setText(literal_text(text))
    font = QFont()
    font.setPointSizeF(size)
    font.setBold(bold)
    set_label_font(item, font)
    layout.addLayoutItem(item)
    item.attemptResize(QgsLayoutSize(w, h, MM))
    item.attemptMove(QgsLayoutPoint(x, y, MM), page=page)
    return item


def _table(layout, header, rows, x, y, w, h, widths, page=0, size=7.5, right_from=1):
    """A manual table; columns from `right_from` on (amounts) are right-aligned."""
    table = QgsLayoutItemManualTable.create(layout)
    layout.addMultiFrame(table)
    table.setHeaders([QgsLayoutTableColumn(text) for text in header])
    table.setIncludeTableHeader(True)
    contents = []
    for row in rows:
        cells = []
        for i, text in enumerate(row):
            cell = QgsTableCell(text)
            if i >= right_from:
                cell.setHorizontalAlignment(Qt.AlignmentFlag.AlignRight)
            cells.append(cell)
        contents.append(cells)
    table.setTableContents(contents)
    table.setColumnWidths(widths)
    table.setWrapBehavior(QgsLayoutTable.WrapText)
    for setter in (table.setContentTextFormat, table.setHeaderTextFormat):
        fmt = QgsTextFormat()
        fmt.setSize(size)
        setter(fmt)
    frame = QgsLayoutFrame(layout, table)
    frame.attemptResize(QgsLayoutSize(w, h, MM))
    frame.attemptMove(QgsLayoutPoint(x, y, MM), page=page)
    table.addFrame(frame)
    return table


def build_layout(result, communes, effort, term):
    project = QgsProject()   # private: nothing leaks into the user's project
    project.addMapLayers([effort, communes])
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(tr("Settlement {year}").format(year=result.year))
    layout.pageCollection().page(0).setPageSize("A4", QgsLayoutItemPage.Landscape)
    for _ in range(3):
        page = QgsLayoutItemPage(layout)
        page.setPageSize("A4", QgsLayoutItemPage.Landscape)  # before adding: page positions
        layout.pageCollection().addPage(page)
    width = PAGE_W - 2 * MARGIN
    y = MARGIN   # positions are relative to their page

    # Page 1: reference, lines, total due, hosting costs.
    _label(layout, report.title_text(result), MARGIN, y, width, 9, 15, True)
    _label(layout, report.status_text(result), MARGIN, y + 9, width, 5, 8)
    _label(layout, "\n".join(report.agreement_lines(result)), MARGIN, y + 15, width, 24, 8)
    line_rows = report.line_rows(result)
    _table(layout, report.line_headers(), line_rows, MARGIN, y + 40, width, 75,
           [88, 20, 22, 20, 22, 14, 18, 22, 22])
    _label(layout, report.total_due_text(result), MARGIN, y + 118, width, 8, 11, True)
    hosting = report.hosting_rows(result) or [[tr("No hosting cost recorded."), "", "", ""]]
    _table(layout, [tr("Kind"), tr("Label"), tr("Invoice"), tr("Amount HT")], hosting,
           MARGIN, y + 128, width, PAGE_H - 2 * MARGIN - 128, [30, 140, 60, 30], right_from=3)

    # Page 2: the map and three breakdowns.
    map_w = 150.0
    _label(layout, tr("Effort per feature over the communes"), MARGIN, y, map_w, 7, 11, True,
           page=1)
    item = QgsLayoutItemMap(layout)
    item.attemptResize(QgsLayoutSize(map_w, PAGE_H - 2 * MARGIN - 16, MM))
    item.attemptMove(QgsLayoutPoint(MARGIN, y + 8, MM), page=1)
    item.setCrs(QgsCoordinateReferenceSystem("EPSG:2154"))
    most = _style(communes, effort)
    item.setLayers([effort, communes])
    extent = QgsRectangle(communes.extent() if communes.featureCount() else effort.extent())
    if extent.isEmpty():
        extent = QgsRectangle(908000, 6468000, 930000, 6496000)  # Cœur de Chartreuse
    extent.scale(1.05)
    item.zoomToExtent(extent)
    item.setFrameEnabled(True)
    layout.addLayoutItem(item)
    _label(layout, tr("Point area proportional to the days spent (largest: {days} d). "
                      "Application-level work is not on the map.").format(
        days=report.number(most)), MARGIN, y + PAGE_H - 2 * MARGIN - 7, map_w, 6, 7, page=1)
    x = MARGIN + map_w + 5
    w = PAGE_W - MARGIN - x
    y2 = y
    for title, header, rows in report.breakdowns(result)[:3]:
        height = 6 + 4.2 * (len(rows) + 1)
        _label(layout, title, x, y2, w, 6, 10, True, page=1)
        _table(layout, header, rows or [[tr("No time spent."), "", ""]], x, y2 + 6, w,
               height, [w - 50, 20, 30], page=1, size=6.5)
        y2 += height + 10

    # Page 3: features and rules.
    title, header, rows = report.breakdowns(result)[3]
    _label(layout, title, MARGIN, y, width, 6, 10, True, page=2)
    _table(layout, header, rows or [[tr("No time spent."), "", ""]], MARGIN, y + 6, 150,
           PAGE_H - 2 * MARGIN - 6, [100, 20, 30], page=2, size=6.5)
    _label(layout, tr("Rules applied"), MARGIN + 160, y, width - 160, 6, 10, True, page=2)
    _label(layout, "\n".join("• " + r for r in report.rules(result)), MARGIN + 160, y + 6,
           width - 160, PAGE_H - 2 * MARGIN - 6, 7, page=2)
    _term_page(layout, term, 3)
    return layout, project


def _term_page(layout, term, page):
    """The term's years table, its chart (the forecast page's SVG) and the
    years' lines."""
    y, width = MARGIN, PAGE_W - 2 * MARGIN
    _label(layout, forecast_report.term_title(term), MARGIN, y, width, 7, 11, True, page=page)
    height = 6 + 5 * (len(term.years) + 1)
    _table(layout, forecast_report.term_headers(), forecast_report.term_rows(term), MARGIN,
           y + 8, width, height, [10, 34, 34, 20, 24, 18, 24, 24, 27, 27], page=page)
    y += height + 12
    chart_w = 150.0
    chart_h = chart_w * 260 / 640   # the chart's own proportions
    picture = QgsLayoutItemPicture(layout)
    svg = forecast_report.term_chart(term)
    picture.setPicturePath("base64:" + base64.b64encode(svg.encode("utf-8")).decode("ascii"),
                           QgsLayoutItemPicture.Format.FormatSVG)
    layout.addLayoutItem(picture)
    picture.attemptResize(QgsLayoutSize(chart_w, chart_h, MM))
    picture.attemptMove(QgsLayoutPoint(MARGIN, y, MM), page=page)
    _label(layout, forecast_report.term_rule(), MARGIN, y + chart_h + 4, chart_w, 14, 7,
           page=page)
    x = MARGIN + chart_w + 5
    _table(layout, forecast_report.term_line_headers(), forecast_report.term_line_rows(term),
           x, y, PAGE_W - MARGIN - x, PAGE_H - MARGIN - y, [9, 22, 17, 19, 15, 18],
           page=page, size=6.5, right_from=2)


def export_pdf(layout, path):
    """Write `layout` to the PDF `path`, with real text (not outlines) so the
    PDF stays searchable; a failure names the file."""
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.textRenderFormat = QgsRenderContext.TextFormatAlwaysText
    outcome = QgsLayoutExporter(layout).exportToPdf(path, settings)
    if outcome != QgsLayoutExporter.Success:
        raise SitError(tr("Cannot write the PDF report {path} (QGIS layout export error "
                          "{code}).").format(path=path, code=outcome))
    return path


def write_pdf(result, conn, path):
    communes, effort = communes_layer(conn), effort_layer(result)
    term = forecast.term_summary(conn, result.convention)
    layout, _project = build_layout(result, communes, effort, term)
    return export_pdf(layout, path)
