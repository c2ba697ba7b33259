"""Translation for every user-facing string of the plugin (context "SitChartreuse")."""
from qgis.PyQt.QtCore import QCoreApplication

CONTEXT = "SitChartreuse"


def tr(text):
    return QCoreApplication.translate(CONTEXT, text)
