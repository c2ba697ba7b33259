"""The SIT schema, declared once: every table in creation order
(catalogue.py, ledger.py, money.py, built from model.py) and the code lists
(codelists/*.csv). Both backends' tables are generated from it (core/storage).

Imports nothing else of the plugin.
"""
import csv
import os

from . import catalogue, ledger, money
from .model import Field, Table, SRID, UUID_FIELD  # noqa: F401

TABLES = catalogue.TABLES + ledger.TABLES + money.TABLES
BY_NAME = {t.name: t for t in TABLES}
CATALOGUED = tuple(t for t in TABLES if t.catalogued)

# Newest schema version this code writes; migrations bring older stores here.
# v5 adds rules only (core/storage/migrations/v5_locks.py), no table or column.
SCHEMA_VERSION = max(max(max([t.since] + [f.since for f in t.fields]) for t in TABLES), 5)

_CODELIST_DIR = os.path.join(os.path.dirname(__file__), "codelists")


def codelist_rows():
    """(list, code, label, description) for every code list shipped."""
    rows = []
    for name in sorted(os.listdir(_CODELIST_DIR)):
        if name.endswith(".csv"):
            with open(os.path.join(_CODELIST_DIR, name), encoding="utf-8") as f:
                rows += [(r["list"], r["code"], r["label"], r["description"])
                         for r in csv.DictReader(f)]
    return rows
