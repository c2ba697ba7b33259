"""QGIS Processing with the SIT's provider, for the benchmarks that run
algorithms: initialised once per `python -m bench` run, whichever module
asks first (a second provider of the same id would not be registered)."""
import os
import sys

_provider = None   # kept alive for the run: the registry does not own it


def init_processing():
    global _provider
    if _provider is not None:
        return
    # `python -m bench` runs from the repository, whose processing/ folder
    # would shadow QGIS's Processing plugin.
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != root]
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing
    from qgis.analysis import QgsNativeAlgorithms
    from qgis.core import QgsApplication
    from sit_chartreuse.processing.provider import SitChartreuseProvider
    Processing.initialize()
    registry = QgsApplication.processingRegistry()
    if registry.providerById("native") is None:
        registry.addProvider(QgsNativeAlgorithms())
    _provider = SitChartreuseProvider()
    registry.addProvider(_provider)
