"""QGIS's search bar (locator) finds ADS dossiers by number and parcels by
reference, then zooms to them and selects them.

Typed text is read as a dossier number (whole or part, spaces ignored:
"PC 038 442", "00012") and as a parcel reference in any accepted form:
14-character IDU, 15-character MAJIC, "38442 AB 123", or "AB 123" in every
commune. Searching runs off the main thread on its own read-only SQLite
connection; the store is the one of the SIT open in the project.
"""
import sqlite3

from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsLocatorFilter,
                       QgsLocatorResult, QgsProject, QgsRectangle)

from ..core import ads, parcel_id
from ..core.i18n import tr
from .project import sit_layers, store_path_of

MAX_RESULTS = 30
_SHORT = parcel_id._HUMAN   # "AB 123": one grammar for parcel references


class AdsLocatorFilter(QgsLocatorFilter):
    def __init__(self, iface=None, store_path=None):
        super().__init__()
        self.iface = iface
        self._store = store_path

    def clone(self):
        return AdsLocatorFilter(self.iface, self._store)

    def name(self):
        return "sit_chartreuse_ads"

    def displayName(self):  # noqa: N802 (QGIS API)
        return tr("SIT Chartreuse: ADS dossiers and parcels")

    def prefix(self):
        return "ads"

    def prepare(self, string, context):
        # Called on the main thread before fetchResults: read the project here.
        self._store = store_path_of(QgsProject.instance()) or self._store

    def fetchResults(self, string, context, feedback):  # noqa: N802
        path = self._store or store_path_of(QgsProject.instance())
        text = (string or "").strip()
        if not path or len(text) < 2:
            return
        conn = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
        try:
            for result in self._dossiers(conn, text) + self._parcels(conn, text):
                if feedback.isCanceled():
                    return
                self.resultFetched.emit(result)
        except sqlite3.Error:
            return   # a store being rewritten: no results rather than an error dialog
        finally:
            conn.close()

    def _result(self, display, description, group, table, fid, bbox, score):
        result = QgsLocatorResult(self, display, {"table": table, "fid": fid, "bbox": bbox})
        result.description = description
        result.group = group
        result.score = score
        return result

    def _dossiers(self, conn, text):
        compact = ads.compact_numero(text)
        if not compact or not any(c.isdigit() for c in compact):
            return []
        rows = conn.execute(
            "SELECT d.fid, d.numero, d.insee, d.date_depot, r.minx, r.miny, r.maxx, r.maxy "
            "FROM ads_dossier d LEFT JOIN rtree_ads_dossier_geom r ON r.id = d.fid "
            "WHERE d.numero LIKE ? ORDER BY d.numero = ? DESC, d.numero LIMIT ?",
            ("%" + compact.replace("%", "").replace("_", "") + "%", compact,
             MAX_RESULTS)).fetchall()
        return [self._result(
            ads.display_numero(numero),
            tr("commune {insee}, filed on {date}").format(insee=insee or "?", date=date or "?")
            + ("" if minx is not None else " " + tr("(no footprint)")),
            tr("ADS dossiers"), "ads_dossier", fid,
            None if minx is None else (minx, miny, maxx, maxy),
            1.0 if numero == compact else 0.8) for fid, numero, insee, date, minx, miny, maxx, maxy
            in rows]

    def _parcels(self, conn, text):
        try:
            where, params = "p.idu = ?", (ads.normalize_parcel(text),)
        except ads.AdsError:
            m = _SHORT.match(text.upper())
            if not m:
                return []
            prefixe, section, numero = m.groups()
            # "AB 123" without a commune: that parcel in every commune.
            where = "substr(p.idu, 9, 2) = ? AND substr(p.idu, 11, 4) = ?"
            params = (section.rjust(2, "0"), numero.zfill(4))
            if prefixe:
                where += " AND substr(p.idu, 6, 3) = ?"
                params += (prefixe,)
        rows = conn.execute(
            "SELECT p.fid, p.idu, r.minx, r.miny, r.maxx, r.maxy, (SELECT group_concat(numero, "
            "', ') FROM ads_dossier_parcelle dp WHERE dp.idu = p.idu) FROM parcelle p "
            "JOIN rtree_parcelle_geom r ON r.id = p.fid WHERE %s ORDER BY p.idu LIMIT ?" % where,
            params + (MAX_RESULTS,)).fetchall()
        return [self._result(
            idu, tr("commune {insee}, section {section}, number {numero}").format(
                insee=idu[:5], section=idu[8:10].lstrip("0"), numero=idu[10:].lstrip("0"))
            + (" \u2014 " + tr("dossiers: {numeros}").format(numeros=dossiers)
               if dossiers else ""),
            tr("Parcels"), "parcelle", fid, (minx, miny, maxx, maxy), 0.9)
            for fid, idu, minx, miny, maxx, maxy, dossiers in rows]

    def triggerResult(self, result):  # noqa: N802
        data = result.getUserData()
        layer = next((l for l in sit_layers(QgsProject.instance()).values()
                      if l.customProperty("sit/table") == data["table"]), None)
        if layer is not None:
            layer.selectByIds([data["fid"]])
        if data["bbox"] is None or self.iface is None:
            return
        canvas = self.iface.mapCanvas()
        rect = QgsRectangle(*data["bbox"])
        rect.scale(1.5)
        if rect.width() < 100:   # a small parcel: show its neighbours too
            rect.scale(100 / max(rect.width(), 1))
        transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:2154"),
                                           canvas.mapSettings().destinationCrs(),
                                           QgsProject.instance())
        canvas.setExtent(transform.transformBoundingBox(rect))
        canvas.refresh()
        if layer is not None:
            canvas.flashFeatureIds(layer, [data["fid"]])
