"""Imports of real deliveries: one module per kind, sharing `common`."""
