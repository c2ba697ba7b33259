"""QGIS's search bar (locator) finds ADS dossiers by number and parcels by
reference, then zooms to them and selects them.

Typed text is read as a dossier number (whole or part, spaces ignored:
"PC 038 442", "00012") and as a parcel reference in any accepted form:
14-character IDU, 15-character MAJIC, "38442 AB 123", or "AB 123" in every
commune. Searching runs off the main thread on its own read-only connection
(SQLite's read-only mode on a GeoPackage, a read-only PostgreSQL session);
the store is the one of the SIT open in the project.
"""
import sqlite3

from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsExpression,
                       QgsFeatureRequest, QgsLocatorFilter, QgsLocatorResult, QgsProject,
                       QgsRectangle)

from ..core import ads
from ..core.errors import StoreError
from ..core.i18n import tr
from ..core.storage import db
from ..core.storage.project import sit_layers, store_of

MAX_RESULTS = 30


def _user_data(result):
    """What `_result` attached to `result`: through the getUserData method
    where it exists (QGIS < 3.36, whose plain userData attribute crashes
    Python once read: QGIS pull requests 40471 and 54987), else the userData
    property (3.36 dropped the method)."""
    getter = getattr(result, "getUserData", None)
    return getter() if getter is not None else result.userData


class AdsLocatorFilter(QgsLocatorFilter):
    def __init__(self, iface=None, store_path=None):
        super().__init__()
        self.iface = iface
        self._store = store_path   # a GeoPackage path or a PostgreSQL location
        self._target = None        # what fetchResults connects to (see prepare)

    def clone(self):
        return AdsLocatorFilter(self.iface, self._store)

    def name(self):
        return "sit_chartreuse_ads"

    def displayName(self):  # noqa: N802 (QGIS API)
        return tr("SIT Chartreuse: ADS dossiers and parcels")

    def prefix(self):
        return "ads"

    def prepare(self, string, context):
        # Called on the main thread before fetchResults: read the project, and
        # resolve a PostgreSQL location's saved connection or authentication
        # configuration here (QGIS settings and authentication manager).
        self._store = store_of(QgsProject.instance()) or self._store
        try:
            self._target = db.parse_location(self._store).resolved() if self._store else None
        except StoreError:
            self._target = None   # an unknown connection: no results, the SIT says why

    def fetchResults(self, string, context, feedback):  # noqa: N802
        text = (string or "").strip()
        if not self._target or len(text) < 2:
            return
        try:
            conn = self._target.connect_read_only()
        except (sqlite3.Error, StoreError):
            return   # server or file out of reach: no results rather than an error dialog
        try:
            for result in self._dossiers(conn, text) + self._parcels(conn, text):
                if feedback.isCanceled():
                    return
                self.resultFetched.emit(result)
        except sqlite3.Error:   # PostgreSQL's errors too (core/db.py)
            return   # a store being rewritten: no results rather than an error dialog
        finally:
            conn.close()

    def _result(self, display, description, group, table, key, bbox, score):
        """`key`: (field, value) naming the feature in `table`; QGIS's feature
        ids are not the store's fid on PostgreSQL (bigint keys are mapped)."""
        result = QgsLocatorResult(self, display, {"table": table, "key": key, "bbox": bbox})
        result.description = description
        result.group = group
        result.score = score
        return result

    def _dossiers(self, conn, text):
        compact = ads.compact_numero(text)
        return [self._result(
            ads.display_numero(numero),
            tr("commune {insee}, filed on {date}").format(insee=insee or "?", date=date or "?")
            + ("" if box else " " + tr("(no footprint)")),
            tr("ADS dossiers"), "ads_dossier", ("numero", numero), box,
            1.0 if numero == compact else 0.8)
            for numero, insee, date, box in ads.search_dossiers(conn, text, MAX_RESULTS)]

    def _parcels(self, conn, text):
        return [self._result(
            idu, tr("commune {insee}, section {section}, number {numero}").format(
                insee=idu[:5], section=idu[8:10].lstrip("0"), numero=idu[10:].lstrip("0"))
            + (" \u2014 " + tr("dossiers: {numeros}").format(numeros=dossiers)
               if dossiers else ""),
            tr("Parcels"), "parcelle", ("idu", idu), box, 0.9)
            for idu, box, dossiers in ads.search_parcels(conn, text, MAX_RESULTS)]

    def triggerResult(self, result):  # noqa: N802
        data = _user_data(result)
        layer = next((l for l in sit_layers(QgsProject.instance()).values()
                      if l.customProperty("sit/table") == data["table"]), None)
        ids = []
        if layer is not None:
            ids = [f.id() for f in layer.getFeatures(QgsFeatureRequest(
                QgsExpression(QgsExpression.createFieldEqualityExpression(*data["key"])))
                .setFlags(QgsFeatureRequest.NoGeometry))]
            layer.selectByIds(ids)
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
        if ids:
            canvas.flashFeatureIds(layer, ids)
