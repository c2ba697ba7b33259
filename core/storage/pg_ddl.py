"""PostgreSQL/PostGIS DDL generated from the same table descriptions as the
GeoPackage's (core/storage/sqlite_ddl.py): same tables, columns, constraints and
rules, in PostgreSQL's own types (DATE, TIMESTAMPTZ, BOOLEAN, PostGIS
geometry with a GiST index) and PL/pgSQL triggers.

Every function is created with ``SET search_path`` to the SIT's schema:
clients (QGIS, psql) reach the tables as ``"schema"."table"`` whatever their
own search_path, and the triggers still find ``codelist`` or ``ticket``.
"""
from ..schema import SRID, UUID_FIELD
from . import sqlite_ddl
from .db import Dialect

quote = Dialect.quote

# integer (not bigint): cents and minutes fit, and sums of integers come back
# as Python ints (sums of bigint are numeric in PostgreSQL).
SQL_TYPES = {"text": "text", "integer": "integer", "real": "double precision",
             "date": "date", "datetime": "timestamptz", "boolean": "boolean"}


def literal(text):
    return "'" + str(text).replace("'", "''") + "'"


def function(name, schema, body, declare=""):
    """A trigger function in the SIT's schema, resolving names there."""
    return ("CREATE OR REPLACE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql "
            "SET search_path = %s, public AS $sit$\n%sBEGIN\n%s\nEND\n$sit$"
            % (quote(name), quote(schema), "DECLARE " + declare + "\n" if declare else "",
               body))


def refuse(condition, message):
    """PL/pgSQL raising `message` (an integrity violation) when `condition` holds."""
    return ("IF %s THEN RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation', "
            "MESSAGE = %s; END IF;" % (condition, literal(message)))


def trigger(name, timing, events, table, func, each="ROW", when=None):
    return "CREATE TRIGGER %s %s %s ON %s FOR EACH %s%s EXECUTE FUNCTION %s()" % (
        quote(name), timing, events, quote(table), each,
        " WHEN (%s)" % when if when else "", quote(func))


def column_sql(f):
    return sqlite_ddl.column_sql(f, SQL_TYPES)


def base(schema):
    """The store's own tables, created before the schema versions."""
    return [
        "CREATE TABLE sit_meta (key text PRIMARY KEY, value text NOT NULL)",
        "CREATE TABLE codelist (list text NOT NULL, code text NOT NULL, label text NOT NULL, "
        "description text, PRIMARY KEY (list, code))",
        # The GeoPackage's table of contents, under the same name so that the
        # same queries (titles, last change per table) serve both backends.
        "CREATE TABLE gpkg_contents (table_name text PRIMARY KEY, data_type text NOT NULL, "
        "identifier text, description text DEFAULT '', last_change timestamptz NOT NULL "
        "DEFAULT now(), srs_id integer)",
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES "
        "('codelist', 'attributes', 'Listes de codes', 'RAEPA, CNIG PLU, flux, catégories')",
        function("sit_last_change", schema,
                 "UPDATE gpkg_contents SET last_change = now() WHERE table_name = TG_TABLE_NAME;"
                 "\nRETURN NULL;"),
    ]


def create_table(table, version, schema):
    """Statements creating `table` as it stands at schema `version`."""
    cols = ["fid bigserial PRIMARY KEY"]
    if table.geometry:
        cols.append("geom geometry(%s, %d)" % (table.geometry, SRID))
    cols.append(column_sql(UUID_FIELD))
    cols += [column_sql(f) for f in table.fields_at(version)]
    t = quote(table.name)
    stmts = ["CREATE TABLE %s (\n  %s\n)" % (t, ",\n  ".join(cols))]
    stmts.append(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
        "VALUES (%s, '%s', %s, '', %s)"
        % (literal(table.name), "features" if table.geometry else "attributes",
           literal(table.title), SRID if table.geometry else "NULL"))
    if table.geometry:
        stmts.append("CREATE INDEX %s ON %s USING GIST (geom)"
                     % (quote("%s_geom_idx" % table.name), t))
    stmts += row_rules(table, version, schema)
    stmts.append(trigger("%s_row_rules" % table.name, "BEFORE", "INSERT OR UPDATE", table.name,
                         "%s_row_rules" % table.name))
    if table.catalogued:
        stmts.append(trigger("%s_last_change" % table.name, "AFTER",
                             "INSERT OR UPDATE OR DELETE", table.name, "sit_last_change",
                             each="STATEMENT"))
    return stmts


def add_column(table, f, version, schema):
    stmts = ["ALTER TABLE %s ADD COLUMN %s" % (quote(table.name), column_sql(f))]
    if f.codelist:
        stmts += row_rules(table, version, schema)
    return stmts


def row_rules(table, version, schema):
    """The function behind `<table>_row_rules`: uuid set on insert and
    immutable, code lists checked."""
    checks = ["IF TG_OP = 'INSERT' THEN NEW.uuid := coalesce(NEW.uuid, gen_random_uuid()::text);",
              "ELSIF OLD.uuid IS NOT NULL AND NEW.uuid IS DISTINCT FROM OLD.uuid THEN",
              "  RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation', MESSAGE = %s;"
              % literal("%s: the uuid of a feature cannot change" % table.name),
              "END IF;"]
    for f in table.fields_at(version):
        if f.codelist:
            value = "NEW.%s" % quote(f.name)
            changed = "(TG_OP = 'INSERT' OR %s IS DISTINCT FROM OLD.%s)" % (value, quote(f.name))
            checks.append(refuse(
                "%s AND %s IS NOT NULL AND NOT EXISTS (SELECT 1 FROM codelist WHERE list = %s "
                "AND code = %s)" % (changed, value, literal(f.codelist), value),
                "%s.%s: unknown code (code list %s)" % (table.name, f.name, f.codelist)))
    checks.append("RETURN NEW;")
    return [function("%s_row_rules" % table.name, schema, "\n".join(checks))]
