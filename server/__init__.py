"""The plugin's server side (QGIS Server Python plugin, ``server=True``):
the Next'ADS bridge routes under /sit, and access control on everything the
server publishes (WMS, OGC API Features). It wires the domain, no more."""
from qgis.core import Qgis, QgsMessageLog

from . import access, config, routes


class SitServer:
    """Loaded by QGIS Server through serverClassFactory (the root __init__.py)."""

    def __init__(self, iface):
        self.iface = iface
        try:
            self.config = config.load()
        except Exception as e:   # then every request is refused (401), none served open
            QgsMessageLog.logMessage(str(e), routes.LOG_TAG, Qgis.Critical)
            self.config = None
        # QGIS keeps C++ pointers only: Python keeps the objects alive.
        self.api = routes.SitApi(iface, self.config)
        self.auth = access.AuthFilter(iface, self.config)
        self.access = access.ReadOnlyAccess(iface, self.config)
        iface.serviceRegistry().registerApi(self.api)
        iface.registerFilter(self.auth, 100)
        iface.registerAccessControl(self.access, 100)
