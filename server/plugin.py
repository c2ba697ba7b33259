"""The server plugin object QGIS Server loads (serverClassFactory)."""
from qgis.core import Qgis, QgsMessageLog

from ..core.ledger import expressions
from . import access, config, routes, translation


class SitServer:
    """Loaded by QGIS Server through serverClassFactory (the root __init__.py)."""

    def __init__(self, iface):
        self.iface = iface
        try:
            self.config = config.load()
        except Exception as e:   # then every request is refused (401), none served open
            QgsMessageLog.logMessage(str(e), routes.LOG_TAG, Qgis.MessageLevel.Critical)
            self.config = None
        # The language of the messages sent back.
        self.translator = translation.install(self.config.language if self.config
                                              else translation.DEFAULT)
        # QGIS keeps C++ pointers only: Python keeps the objects alive.
        self.api = routes.SitApi(iface, self.config)
        self.auth = access.AuthFilter(iface, self.config)
        self.access = access.ReadOnlyAccess(iface, self.config)
        iface.serviceRegistry().registerApi(self.api)
        iface.registerFilter(self.auth, 100)
        iface.registerAccessControl(self.access, 100)
        # The ledger's expression functions (sit_hours()...) that the project's
        # virtual fields and effort styles call, as on the desktop.
        expressions.register()
