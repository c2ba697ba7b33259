"""The settlement as a QGIS print layout, exported to PDF.

Page 1: the agreement reference, the status, the lines table, the total due
and the hosting costs. Page 2: the map of the effort per commune and per
feature (core/reports/effort.py) and the breakdowns by application, month
and commune. Page 3: the costliest features and the rules applied. Same
content as the HTML report. Page 4: the agreement's term, provisional
against actual per year and cumulated, with the forecast page's chart and
tables.
"""
import base64

from qgis.core import (
    QgsCoordinateReferenceSystem, QgsLayoutExporter, QgsLayoutFrame, QgsLayoutItemLabel,
    QgsLayoutItemLegend, QgsLayoutItemManualTable, QgsLayoutItemMap, QgsLayoutItemPage,
    QgsLayoutItemPicture, QgsLayoutPoint, QgsLayoutSize, QgsLayoutTable, QgsLayoutTableColumn,
    QgsLegendStyle, QgsPrintLayout, QgsProject, QgsRectangle, QgsRenderContext, QgsTableCell,
    QgsTextFormat, QgsUnitTypes)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QFont

from ..agreement import forecast
from ..compat import set_label_font
from ..errors import SitError
from ..i18n import tr
from . import effort, forecast_report, report

MM = QgsUnitTypes.LayoutMillimeters
PAGE_W, PAGE_H, MARGIN = 297.0, 210.0, 12.0    # A4 landscape


def _legend(layout, map_item, effort_map, x, y):
    """The map's legend (in days), a column per layer, from (x, y) on the map's page."""
    legend = QgsLayoutItemLegend(layout)
    legend.setTitle(tr("Days spent in {year}").format(year=effort_map.year))
    legend.setLinkedMap(map_item)
    for part, size in ((QgsLegendStyle.Style.Title, 8), (QgsLegendStyle.Style.Subgroup, 6.5),
                       (QgsLegendStyle.Style.SymbolLabel, 6)):
        font = QFont()
        font.setPointSizeF(size)
        style = legend.rstyle(part)
        if hasattr(style, "setTextFormat"):   # QGIS 3.30+ deprecates setFont
            style.setTextFormat(QgsTextFormat.fromQFont(font))
        else:
            style.setFont(font)
    legend.setSymbolWidth(5)
    legend.setSymbolHeight(3)
    legend.setColumnCount(len(effort_map.layers))   # a column per layer
    layout.addLayoutItem(legend)
    legend.attemptMove(QgsLayoutPoint(x, y, MM), page=map_item.page())
    return legend


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


def build_layout(result, effort_map, term):
    """`effort_map`: the year's effort layers (core/reports/effort.py);
    `term`: the agreement's term summary (core/agreement/forecast.py)."""
    project = QgsProject()   # private: nothing leaks into the user's project
    project.addMapLayers(effort_map.layers)
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
    _label(layout, tr("Effort per commune and per feature"), MARGIN, y, map_w, 7, 11, True,
           page=1)
    item = QgsLayoutItemMap(layout)
    map_h = 118.0   # the legend below
    item.attemptResize(QgsLayoutSize(map_w, map_h, MM))
    item.attemptMove(QgsLayoutPoint(MARGIN, y + 8, MM), page=1)
    item.setCrs(QgsCoordinateReferenceSystem("EPSG:2154"))
    item.setLayers(effort_map.layers)
    communes = effort_map.communes
    shown = communes if communes.featureCount() else next(iter(effort_map.features), communes)
    extent = QgsRectangle(shown.extent())
    if extent.isEmpty():
        extent = QgsRectangle(908000, 6468000, 930000, 6496000)  # Cœur de Chartreuse
    extent.scale(1.05)
    item.zoomToExtent(extent)
    item.setFrameEnabled(True)
    layout.addLayoutItem(item)
    _legend(layout, item, effort_map, MARGIN, y + 10 + map_h)
    _label(layout, tr("Transversal (application-level work, not on the map): {days} d.").format(
        days=report.days(effort_map.transversal_minutes, result.convention.hours_per_day)),
        MARGIN, y + PAGE_H - 2 * MARGIN - 7, map_w, 6, 7, page=1)
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
    term = forecast.term_summary(conn, result.convention)
    layout, _project = build_layout(result, effort.effort_layers(conn, result), term)
    return export_pdf(layout, path)
