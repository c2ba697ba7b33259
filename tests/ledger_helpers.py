"""A small store for the ledger tests: a few features at known places."""
from sit_chartreuse.core import store

# Lambert-93 coordinates of the sample features (Saint-Laurent-du-Pont).
PAV_XY = (915000.0, 6480000.0)
PIPE = ((915200.0, 6480000.0), (915400.0, 6480000.0))
ZONE = (915600.0, 6480000.0, 915800.0, 6480200.0)


def sample_features(path):
    """Create the features in the store at `path`; returns {table: uuid}."""
    conn = store.open_store(path)
    with store.transaction(conn):
        conn.execute("INSERT INTO pav (geom, flux, identifiant, insee) VALUES "
                     "(AsGPB(MakePoint(?, ?, 2154)), 'verre', 'PAV-001', '38412')", PAV_XY)
        conn.execute("INSERT INTO raepa_canalass_l (geom, idcana, typreseau) VALUES "
                     "(AsGPB(MakeLine(MakePoint(?, ?, 2154), MakePoint(?, ?, 2154))), "
                     "'EU-0001', '02')", PIPE[0] + PIPE[1])
        conn.execute("INSERT INTO zone_urba (geom, libelle, typezone) VALUES "
                     "(AsGPB(CastToMultiPolygon(BuildMbr(?, ?, ?, ?, 2154))), 'Ua', 'U')", ZONE)
        conn.execute("INSERT INTO ads_dossier (geom, numero, insee) VALUES "
                     "(AsGPB(CastToMultiPolygon(BuildMbr(916000, 6480000, 916050, 6480040, "
                     "2154))), 'PC0384122600012', '38412')")
        conn.execute("INSERT INTO parcelle (geom, idu, insee, section, numero) VALUES "
                     "(AsGPB(CastToMultiPolygon(BuildMbr(916000, 6480000, 916050, 6480040, "
                     "2154))), '38412000AB0012', '38412', 'AB', '0012')")
    uuids = {t: conn.execute('SELECT uuid FROM "%s"' % t).fetchone()[0]
             for t in ("pav", "raepa_canalass_l", "zone_urba", "ads_dossier", "parcelle")}
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
