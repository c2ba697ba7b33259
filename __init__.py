"""SIT Chartreuse QGIS plugin: entry point called by QGIS."""


def classFactory(iface):  # noqa: N802 (name fixed by QGIS)
    from .plugin.plugin import SitChartreusePlugin
    return SitChartreusePlugin(iface)
