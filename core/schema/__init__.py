"""The SIT schema, declared once: every table in creation order
(catalogue.py, sup.py, ledger.py, money.py, built from model.py) and the code lists
(codelists/*.csv). Both backends' tables are generated from it (core/storage).

Imports nothing else of the plugin.
"""
import csv
import os

from . import catalogue, ledger, money, sup
from .model import Field, Table, SRID, UUID_FIELD  # noqa: F401

TABLES = catalogue.TABLES + sup.TABLES + ledger.TABLES + money.TABLES
BY_NAME = {t.name: t for t in TABLES}
CATALOGUED = tuple(t for t in TABLES if t.catalogued)
# The applications of the agreement, which own their layers' tickets.
APPLICATIONS = ("pav", "reseaux", "plui", "ads")

# Newest schema version this code writes; migrations bring older stores here.
# v5 and v6 add rules only (v6: the parent references), no table or column;
# v7 adds columns only (the CNIG 2022 and 2025 fields); v8 the servitudes;
# v9 the ledger's time per day and category (a store table kept by triggers,
# core/storage/migrations/v9_day_totals.py).
SCHEMA_VERSION = max(max(max([t.since] + [f.since for f in t.fields]) for t in TABLES), 9)


def rule_words():
    """The portable words of the rules' conditions that name the catalogued
    tables (core/schema/model.py), from today's declaration."""
    def quoted(name):
        return "'%s'" % name
    feature = "NULLIF(NEW.feature_uuid, '')"
    return {
        "catalogued": ", ".join(quoted(t.name) for t in CATALOGUED),
        "feature_exists": " ".join("WHEN %s THEN EXISTS (SELECT 1 FROM %s WHERE uuid = %s)"
                                   % (quoted(t.name), t.name, feature) for t in CATALOGUED),
        "feature_application": " ".join("WHEN %s THEN %s" % (quoted(t.name), quoted(t.application))
                                        for t in CATALOGUED if t.application in APPLICATIONS),
    }

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
