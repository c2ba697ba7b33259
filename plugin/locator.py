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
from ..core.referential import parcel_id
from ..core.storage import db
from .project import sit_layers, store_path_of

MAX_RESULTS = 30
_SHORT = parcel_id._HUMAN   # "AB 123": one grammar for parcel references


def _read_only(location):
    """A connection for searching: SQLite's read-only mode on a GeoPackage
    (without SpatiaLite: boxes come from the R-trees), a PostgreSQL session
    whose transactions are read-only."""
    if isinstance(location, db.PgLocation):
        conn = db.pg_connect(location)
        conn.execute("SET default_transaction_read_only = on")
        return conn
    return sqlite3.connect("file:%s?mode=ro" % location, uri=True)


def _user_data(result):
    """What `_result` attached to `result`: through the getUserData method
    where it exists (QGIS < 3.36, whose plain userData attribute crashes
    Python once read: QGIS pull requests 40471 and 54987), else the userData
    property (3.36 dropped the method)."""
    getter = getattr(result, "getUserData", None)
    return getter() if getter is not None else result.userData


def _box(conn, table, alias):
    """(JOIN clause, "xmin, ymin, xmax, ymax" columns) of the bounding box
    of `alias`.geom: its R-tree entry on a GeoPackage, PostGIS's ST_XMin...
    (NULL without geometry)."""
    if isinstance(conn, db.PgConnection):
        return "", ", ".join("%s(%s.geom)" % (f, alias)
                             for f in ("ST_XMin", "ST_YMin", "ST_XMax", "ST_YMax"))
    rtree = db.SQLITE.quote("rtree_%s_geom" % table)
    return ("LEFT JOIN %s r ON r.id = %s.fid" % (rtree, alias),
            "r.minx, r.miny, r.maxx, r.maxy")


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
        self._store = store_path_of(QgsProject.instance()) or self._store
        location = db.parse_location(self._store) if self._store else None
        try:
            self._target = db.PgLocation(location.schema, db.resolve_pg_params(location)) \
                if isinstance(location, db.PgLocation) else location
        except StoreError:
            self._target = None   # an unknown connection: no results, the SIT says why

    def fetchResults(self, string, context, feedback):  # noqa: N802
        text = (string or "").strip()
        if not self._target or len(text) < 2:
            return
        try:
            conn = _read_only(self._target)
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
        if not compact or not any(c.isdigit() for c in compact):
            return []
        join, box = _box(conn, "ads_dossier", "d")
        rows = conn.execute(
            "SELECT d.numero, d.insee, d.date_depot, %s FROM ads_dossier d %s "
            "WHERE d.numero LIKE ? ORDER BY d.numero = ? DESC, d.numero LIMIT ?" % (box, join),
            ("%" + compact.replace("%", "").replace("_", "") + "%", compact,
             MAX_RESULTS)).fetchall()
        return [self._result(
            ads.display_numero(numero),
            tr("commune {insee}, filed on {date}").format(insee=insee or "?", date=date or "?")
            + ("" if minx is not None else " " + tr("(no footprint)")),
            tr("ADS dossiers"), "ads_dossier", ("numero", numero),
            None if minx is None else (minx, miny, maxx, maxy),
            1.0 if numero == compact else 0.8) for numero, insee, date, minx, miny, maxx, maxy
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
        join, box = _box(conn, "parcelle", "p")
        numeros = db.dialect(conn).string_agg("numero", "', '", order="numero")
        rows = conn.execute(
            "SELECT p.idu, %s, (SELECT %s FROM ads_dossier_parcelle dp "
            "WHERE dp.idu = p.idu) FROM parcelle p %s WHERE %s ORDER BY p.idu LIMIT ?"
            % (box, numeros, join, where), params + (MAX_RESULTS,)).fetchall()
        return [self._result(
            idu, tr("commune {insee}, section {section}, number {numero}").format(
                insee=idu[:5], section=idu[8:10].lstrip("0"), numero=idu[10:].lstrip("0"))
            + (" \u2014 " + tr("dossiers: {numeros}").format(numeros=dossiers)
               if dossiers else ""),
            tr("Parcels"), "parcelle", ("idu", idu),
            None if minx is None else (minx, miny, maxx, maxy), 0.9)
            for idu, minx, miny, maxx, maxy, dossiers in rows]

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
