"""What differs between the QGIS versions the plugin runs on (3.22 to 4.x)."""
from qgis.core import Qgis, QgsField, QgsTextFormat


def field(name, meta_type, *args):
    """QgsField(name, type, *args) for a QMetaType.Type.

    QGIS 3.38 takes QMetaType.Type and deprecates QVariant.Type, which Qt6 (QGIS
    4) no longer has; older QGIS only take a QVariant.Type, whose values are the
    QMetaType ones (PyQt5 passes the number as one)."""
    if Qgis.QGIS_VERSION_INT < 33800:
        meta_type = int(meta_type)
    return QgsField(name, meta_type, *args)


# Replacements QGIS added after 3.22 and deprecates the old call for (3.40
# warns): used where the QGIS at hand has them, told by the API itself.

def as_tab(container):
    """An attribute form container shown as a tab (setType replaced setIsGroupBox)."""
    if hasattr(container, "setType"):
        container.setType(Qgis.AttributeEditorContainerType.Tab)
    else:
        container.setIsGroupBox(False)


def set_label_font(label, font):
    """The font of a layout label (a text format replaced setFont)."""
    if hasattr(label, "setTextFormat"):
        label.setTextFormat(QgsTextFormat.fromQFont(font))
    else:
        label.setFont(font)
