"""Translation for every user-facing string of the plugin (context "SitChartreuse").

Inside QGIS, tr() asks Qt for the translation the plugin installed. Without
Qt (plain Python: tests/unit, a script run outside QGIS) it gives the
English source, so the pure domain needs no QGIS to run.
"""
CONTEXT = "SitChartreuse"

try:
    from qgis.PyQt.QtCore import QCoreApplication
except ImportError:
    def tr(text: str) -> str:
        return text
else:
    def tr(text: str) -> str:
        return QCoreApplication.translate(CONTEXT, text)
