"""SIT Chartreuse QGIS plugin: entry points called by QGIS and QGIS Server."""


def classFactory(iface):  # noqa: N802 (name fixed by QGIS)
    from .plugin.plugin import SitChartreusePlugin
    return SitChartreusePlugin(iface)


def serverClassFactory(serverIface):  # noqa: N802 (name fixed by QGIS Server)
    from .server.plugin import SitServer
    return SitServer(serverIface)
