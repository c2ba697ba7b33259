"""A small store for the ledger tests: a few features at known places."""
from sit_chartreuse.core.storage import db, store

# Lambert-93 coordinates of the sample features (Saint-Laurent-du-Pont).
PAV_XY = (915000.0, 6480000.0)
PIPE = ((915200.0, 6480000.0), (915400.0, 6480000.0))
ZONE = (915600.0, 6480000.0, 915800.0, 6480200.0)


def wkb(wkt):
    """WKB of a WKT geometry (inserted through the store's own geom_from_wkb)."""
    from osgeo import ogr
    return bytes(ogr.CreateGeometryFromWkt(wkt).ExportToIsoWkb())


def box(x0, y0, x1, y1):
    return wkb("MULTIPOLYGON (((%s %s, %s %s, %s %s, %s %s, %s %s)))"
               % (x0, y0, x1, y0, x1, y1, x0, y1, x0, y0))


def sample_features(location):
    """Create the features in the store at `location` (either backend);
    returns {table: uuid}."""
    conn = store.open_store(location)
    geom = db.dialect(conn).geom_from_wkb
    rows = [
        ("pav", "flux, identifiant, insee", ("verre", "PAV-001", "38412"),
         wkb("POINT (%s %s)" % PAV_XY)),
        ("raepa_canalass_l", "idcana, typreseau", ("EU-0001", "02"),
         wkb("LINESTRING (%s %s, %s %s)" % (PIPE[0] + PIPE[1]))),
        ("zone_urba", "libelle, typezone", ("Ua", "U"), box(*ZONE)),
        ("ads_dossier", "numero, insee", ("PC0384122600012", "38412"),
         box(916000, 6480000, 916050, 6480040)),
        ("parcelle", "idu, insee, section, numero", ("38412000AB0012", "38412", "AB", "0012"),
         box(916000, 6480000, 916050, 6480040)),
    ]
    with store.transaction(conn):
        for table, columns, values, shape in rows:
            conn.execute("INSERT INTO %s (geom, %s) VALUES (%s, %s)" % (
                table, columns, geom, ", ".join("?" * len(values))), (shape,) + values)
    uuids = {t: conn.execute('SELECT uuid FROM "%s"' % t).fetchone()[0] for t, *_ in rows}
    conn.close()
    return uuids


def form_context():
    """What the QGIS desktop gives feature forms: editor widgets registered and
    vector layer tools (relation editors need them to open)."""
    from qgis.core import QgsVectorLayerTools, QgsVectorLayerUtils
    from qgis.gui import QgsAttributeEditorContext, QgsGui

    class LayerTools(QgsVectorLayerTools):
        """The editing the desktop's tools do, without their dialogs."""

        def addFeature(self, layer, defaultValues={}, defaultGeometry=None):  # noqa: N802,B006
            feature = QgsVectorLayerUtils.createFeature(layer, defaultGeometry, defaultValues)
            return layer.addFeature(feature), feature

        def startEditing(self, layer):  # noqa: N802
            return layer.isEditable() or layer.startEditing()

        def stopEditing(self, layer, allowCancel=True):  # noqa: N802
            return layer.commitChanges()

        def saveEdits(self, layer):  # noqa: N802
            return layer.commitChanges(False)

        def copyMoveFeatures(self, layer, request, dx=0, dy=0, topologicalEditing=False,  # noqa
                             topologicalLayer=None):
            return False, request, "not available"

    if not QgsGui.editorWidgetRegistry().factories():
        QgsGui.editorWidgetRegistry().initEditors()
    tools = LayerTools()
    context = QgsAttributeEditorContext()
    context.setVectorLayerTools(tools)
    context.tools = tools  # the context does not own them: keep them alive
    return context
