"""Where the two backends differ: a SIT store is a GeoPackage or a
PostgreSQL/PostGIS schema. The store as an object (db.py's Location:
GpkgLocation, PgLocation, with its connections, SQL dialect, QGIS layer
sources and project URI), the store of a QGIS project (project.py),
the DDL generated from core/schema (sqlite_ddl.py, pg_ddl.py), migrations/,
creating, opening and migrating a store and its transactions (store.py),
PostgreSQL roles (roles.py), copies between stores (transfer.py).

Depends on core/schema only: no domain package (ledger, agreement, imports...)
is imported from here; they all write through it.
"""
