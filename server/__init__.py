"""The plugin's server side (QGIS Server Python plugin, ``server=True``):
the Next'ADS bridge routes under /sit (routes.py), access control on all
the server publishes (access.py), what the SIT's project publishes
(publication.py). It wires the domain, no more. The desktop imports only
publication.py, which needs no qgis.server."""
