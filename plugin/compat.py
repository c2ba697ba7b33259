"""Qt names that Qt5 (QGIS 3) and Qt6 (QGIS 4) keep in different modules."""
try:
    from qgis.PyQt.QtGui import QAction  # Qt6 moved it from QtWidgets
except ImportError:
    from qgis.PyQt.QtWidgets import QAction  # Qt5

__all__ = ["QAction"]
