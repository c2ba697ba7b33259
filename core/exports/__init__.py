"""Deliveries the Park makes from the store: the PLUi as a CNIG delivery
(plu.py), the networks as RAEPA 1.2 shapefiles (raepa.py), drop-off points
and composters as GeoJSON with OpenStreetMap tags (pav.py). The files
written are what core/imports reads back.

Depends on core/storage, core/schema and core/imports/common (reading
geometries and the shapefile conventions shared with the imports).
"""
