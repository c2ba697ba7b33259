"""What differs between the QGIS versions the plugin runs on (3.22 to 4.x)."""
from qgis.core import Qgis, QgsField


def field(name, meta_type, *args):
    """QgsField(name, type, *args) for a QMetaType.Type.

    QGIS 3.38 takes QMetaType.Type and deprecates QVariant.Type, which Qt6 (QGIS
    4) no longer has; older QGIS only take a QVariant.Type, whose values are the
    QMetaType ones (PyQt5 passes the number as one)."""
    if Qgis.QGIS_VERSION_INT < 33800:
        meta_type = int(meta_type)
    return QgsField(name, meta_type, *args)
