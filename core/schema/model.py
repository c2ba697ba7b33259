"""Declarative description of the SIT tables: the one source of truth.

DDL for each backend, lookup tables, QGIS aliases and form widgets are all
generated from these descriptions, so a field is described exactly once.
"""
from dataclasses import dataclass
from typing import Optional, Tuple

# Storage types. Money is kept in integer cents and time in integer minutes:
# exact, summable in SQL, identical on GeoPackage and PostgreSQL.
TEXT, INTEGER, REAL, DATE, DATETIME, BOOLEAN = (
    "text", "integer", "real", "date", "datetime", "boolean")


@dataclass(frozen=True)
class Field:
    name: str
    type: str = TEXT
    alias: str = ""                    # French label shown in forms
    codelist: Optional[str] = None     # list name in the `codelist` table
    not_null: bool = False
    unique: bool = False
    check: Optional[str] = None        # SQL boolean expression on the column
    default: Optional[str] = None      # SQL literal
    since: int = 1                     # schema version that added the field


@dataclass(frozen=True)
class Table:
    name: str
    application: str                   # ref, pav, reseaux, plui, ads, ledger, money
    title: str                         # French layer title
    fields: Tuple[Field, ...]
    geometry: Optional[str] = None     # POINT, LINESTRING, MULTIPOLYGON...
    catalogued: bool = True            # a map feature tickets can point at
    since: int = 1

    def field(self, name):
        return next(f for f in self.fields if f.name == name)

    def fields_at(self, version):
        return [f for f in self.fields if f.since <= version]


SRID = 2154
UUID_FIELD = Field("uuid", TEXT, "Identifiant unique (uuid)", unique=True)
# Every table carries `uuid`: stable across copies between backends, and the
# only key other rows use to point at a row.
