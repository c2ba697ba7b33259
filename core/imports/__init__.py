"""Imports of real deliveries: one module per kind, sharing `common`.

Depends on core/storage, core/schema, core/referential and core/ads.
"""
