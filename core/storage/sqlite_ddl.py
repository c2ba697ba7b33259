"""GeoPackage (SQLite) DDL generated from the table descriptions.

Tables are written by hand rather than through OGR so that constraints,
code-list checks and triggers live in the database itself and apply to every
client, QGIS edit sessions included. The R-tree triggers are those of the
GeoPackage specification; GDAL and SpatiaLite both provide the ST_*
functions they call.
"""
from ..schema import SRID, UUID_FIELD

SQL_TYPES = {"text": "TEXT", "integer": "INTEGER", "real": "REAL",
             "date": "DATE", "datetime": "DATETIME", "boolean": "BOOLEAN"}

# A version-4 UUID from SQLite's random source.
UUID_SQL = ("lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
            "substr(lower(hex(randomblob(2))), 2) || '-' || "
            "substr('89ab', 1 + (abs(random()) % 4), 1) || "
            "substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))")

NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"


def quote(name):
    """Quote an SQL identifier (doubling embedded quotes)."""
    return '"' + name.replace('"', '""') + '"'


def literal(text):
    return "'" + str(text).replace("'", "''") + "'"


def column_sql(f, sql_types=SQL_TYPES):
    """A column's definition; `sql_types` maps the schema's types to the
    backend's (PostgreSQL's in core/storage/pg_ddl.py)."""
    parts = [quote(f.name), sql_types[f.type]]
    if f.not_null:
        parts.append("NOT NULL")
    if f.unique:
        parts.append("UNIQUE")
    if f.default is not None:
        parts.append("DEFAULT " + f.default)
    if f.check:
        parts.append("CHECK (%s)" % f.check)
    return " ".join(parts)


def create_table(table, version):
    """Statements creating `table` as it stands at schema `version`."""
    cols = ["fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL"]
    if table.geometry:
        cols.append("geom %s" % table.geometry)
    cols.append(column_sql(UUID_FIELD))
    cols += [column_sql(f) for f in table.fields_at(version)]
    t = quote(table.name)
    stmts = ["CREATE TABLE %s (\n  %s\n)" % (t, ",\n  ".join(cols))]
    kind = "features" if table.geometry else "attributes"
    stmts.append(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, "
        "last_change, srs_id) VALUES (%s, '%s', %s, '', %s, %s)"
        % (literal(table.name), kind, literal(table.title), NOW_SQL,
           SRID if table.geometry else "NULL"))
    if table.geometry:
        stmts.append(
            "INSERT INTO gpkg_geometry_columns VALUES (%s, 'geom', '%s', %d, 0, 0)"
            % (literal(table.name), table.geometry, SRID))
        stmts += rtree_index(table.name)
    stmts += uuid_triggers(table.name)
    if table.catalogued:
        stmts += change_triggers(table.name)
    for f in table.fields_at(version):
        if f.codelist:
            stmts += codelist_triggers(table.name, f.name, f.codelist)
    return stmts


def add_column(table, f):
    stmts = ["ALTER TABLE %s ADD COLUMN %s" % (quote(table.name), column_sql(f))]
    if f.codelist:
        stmts += codelist_triggers(table.name, f.name, f.codelist)
    return stmts


def uuid_triggers(name):
    t = quote(name)
    return [
        "CREATE TRIGGER %s AFTER INSERT ON %s WHEN NEW.uuid IS NULL BEGIN "
        "UPDATE %s SET uuid = %s WHERE fid = NEW.fid; END"
        % (quote(name + "_uuid_insert"), t, t, UUID_SQL),
        "CREATE TRIGGER %s BEFORE UPDATE OF uuid ON %s "
        "WHEN OLD.uuid IS NOT NULL AND NEW.uuid IS NOT OLD.uuid BEGIN "
        "SELECT RAISE(ABORT, %s); END"
        % (quote(name + "_uuid_immutable"), t,
           literal("%s: the uuid of a feature cannot change" % name)),
    ]


def change_triggers(name):
    """Keep gpkg_contents.last_change current, whoever writes the table."""
    stmts = []
    for event in ("INSERT", "UPDATE", "DELETE"):
        stmts.append(
            "CREATE TRIGGER %s AFTER %s ON %s BEGIN UPDATE gpkg_contents "
            "SET last_change = %s WHERE table_name = %s; END"
            % (quote("%s_last_change_%s" % (name, event.lower())), event, quote(name),
               NOW_SQL, literal(name)))
    return stmts


def codelist_triggers(table, column, codelist):
    t, c = quote(table), quote(column)
    message = literal("%s.%s: unknown code (code list %s)" % (table, column, codelist))
    condition = ("NEW.%s IS NOT NULL AND NOT EXISTS (SELECT 1 FROM codelist "
                 "WHERE list = %s AND code = NEW.%s)" % (c, literal(codelist), c))
    return [
        "CREATE TRIGGER %s BEFORE INSERT ON %s WHEN %s BEGIN SELECT RAISE(ABORT, %s); END"
        % (quote("%s_%s_code_insert" % (table, column)), t, condition, message),
        "CREATE TRIGGER %s BEFORE UPDATE OF %s ON %s WHEN %s BEGIN "
        "SELECT RAISE(ABORT, %s); END"
        % (quote("%s_%s_code_update" % (table, column)), c, t, condition, message),
    ]


def rtree_index(name, geom="geom", pk="fid"):
    r, t, g, i = quote("rtree_%s_%s" % (name, geom)), quote(name), quote(geom), quote(pk)
    bbox = "ST_MinX(NEW.{g}), ST_MaxX(NEW.{g}), ST_MinY(NEW.{g}), ST_MaxY(NEW.{g})".format(g=g)
    present = "(NEW.{g} NOT NULL AND NOT ST_IsEmpty(NEW.{g}))".format(g=g)
    absent = "(NEW.{g} ISNULL OR ST_IsEmpty(NEW.{g}))".format(g=g)

    def trig(suffix, event, when, body):
        return "CREATE TRIGGER %s %s ON %s WHEN %s BEGIN %s END" % (
            quote("rtree_%s_%s_%s" % (name, geom, suffix)), event, t, when, body)
    insert = "INSERT OR REPLACE INTO %s VALUES (NEW.%s, %s);" % (r, i, bbox)
    return [
        "CREATE VIRTUAL TABLE %s USING rtree(id, minx, maxx, miny, maxy)" % r,
        trig("insert", "AFTER INSERT", present, insert),
        trig("update1", "AFTER UPDATE OF %s" % g,
             "OLD.%s = NEW.%s AND %s" % (i, i, present), insert),
        trig("update2", "AFTER UPDATE OF %s" % g, "OLD.%s = NEW.%s AND %s" % (i, i, absent),
             "DELETE FROM %s WHERE id = OLD.%s;" % (r, i)),
        trig("update3", "AFTER UPDATE", "OLD.%s != NEW.%s AND %s" % (i, i, present),
             "DELETE FROM %s WHERE id = OLD.%s; %s" % (r, i, insert)),
        trig("update4", "AFTER UPDATE", "OLD.%s != NEW.%s AND %s" % (i, i, absent),
             "DELETE FROM %s WHERE id IN (OLD.%s, NEW.%s);" % (r, i, i)),
        trig("delete", "AFTER DELETE", "OLD.%s NOT NULL" % g,
             "DELETE FROM %s WHERE id = OLD.%s;" % (r, i)),
        "INSERT INTO gpkg_extensions VALUES (%s, '%s', 'gpkg_rtree_index', "
        "'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')"
        % (literal(name), geom),
    ]
