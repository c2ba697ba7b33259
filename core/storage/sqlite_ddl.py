"""GeoPackage (SQLite) DDL generated from the table descriptions.

Tables are written by hand rather than through OGR so that constraints,
code-list checks and triggers live in the database itself and apply to every
client, QGIS edit sessions included. The R-tree triggers are those of the
GeoPackage specification; GDAL and SpatiaLite both provide the ST_*
functions they call. The rules (core/schema/model.py) become triggers
calling only SQLite core functions (they run inside QGIS edit sessions too).
"""
import re

from ..schema import BY_NAME, SRID, UUID_FIELD, rule_words
from ..schema.model import FillOnInsert, References

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


class Word:
    """A word of the rules' conditions taking an argument: {name:argument}."""

    def __init__(self, sql):
        self.sql = sql

    def __format__(self, argument):
        return self.sql % argument


WORDS = {"is_not": "IS NOT", "instr": "instr", "now": NOW_SQL,
         "year": Word("CAST(substr(%s, 1, 4) AS INTEGER)")}


def expand(sql, words=WORDS):
    """A rule's condition in one backend's SQL."""
    return sql.format_map(dict(rule_words(), **words))


def refusals(tables, postgres=False):
    """(table, Refuse) of every rule declared on `tables`, for one backend."""
    return [(name, r) for t in tables for rule in t.rules for name, r in rule.refusals(t)
            if not (postgres and r.sqlite_only)]


def rule_groups(tables, postgres=False):
    """[(table, [Refuse])]: the refusals that follow each other on a table and
    the same columns make one trigger, which checks them in order."""
    groups = []
    for table, r in refusals(tables, postgres):
        if groups and groups[-1][0] == table and groups[-1][1][0].columns == r.columns:
            groups[-1][1].append(r)
        else:
            groups.append((table, [r]))
    return groups


def events(group):
    """[(event, [(condition, message)])] of a group of refusals."""
    out = []
    for event in ("INSERT", "UPDATE", "DELETE"):
        checks = [(getattr(r, event.lower()), r.message) for r in group
                  if getattr(r, event.lower())]
        if checks:
            out.append((event, checks))
    return out


def rule_triggers(tables):
    """Every trigger of the store but the R-tree's, from today's declaration:
    uuid, last change, code lists, the tickets of deleted features, and the
    rules (with their REPLACE guards, parent references and filled columns)."""
    stmts = []
    for t in tables:
        stmts += uuid_triggers(t.name)
        if t.catalogued:
            stmts += change_triggers(t.name) + feature_history(t)
        stmts += [s for f in t.fields if f.codelist
                  for s in codelist_triggers(t.name, f.name, f.codelist)]
    for table, group in rule_groups(tables):
        for event, checks in events(group):
            stmts.append("CREATE TRIGGER %s BEFORE %s ON %s BEGIN %s END" % (
                quote("%s_%s" % (group[0].name, event.lower())),
                event + (" OF " + ", ".join(group[0].columns)
                         if event == "UPDATE" and group[0].columns else ""),
                quote(table), " ".join("SELECT RAISE(ABORT, %s) WHERE %s;"
                                       % (literal(message), expand(condition))
                                       for condition, message in checks)))
        stmts += [s for r in group if r.delete for s in no_replace(BY_NAME[table], r)]
    for t in tables:
        fills = [rule for rule in t.rules if isinstance(rule, FillOnInsert)]
        if fills:
            stmts.append(
                "CREATE TRIGGER %s AFTER INSERT ON %s WHEN %s BEGIN UPDATE %s SET %s "
                "WHERE fid = NEW.fid; END" % (
                    quote(t.name + "_fill"), quote(t.name),
                    " OR ".join("NEW.%s IS NULL" % f.column for f in fills), quote(t.name),
                    ", ".join("%s = coalesce(%s, %s)" % (f.column, f.column, expand(f.value))
                              for f in fills)))
        stmts += ["CREATE TRIGGER %s AFTER DELETE ON %s BEGIN DELETE FROM %s WHERE %s = "
                  "OLD.uuid; END" % (quote("%s_%s_cascade" % (rule.parent, t.name)),
                                     quote(rule.parent), quote(t.name), rule.column)
                  for rule in t.rules if isinstance(rule, References) and rule.cascade]
    return stmts


def refuse_trigger(name, table, event, condition, message):
    return ("CREATE TRIGGER %s BEFORE %s ON %s WHEN %s BEGIN SELECT RAISE(ABORT, %s); END"
            % (quote(name), event, quote(table), condition, literal(message)))


def no_replace(table, rule):
    """SQLite's REPLACE conflict resolution (INSERT OR REPLACE, REPLACE INTO,
    UPDATE OR REPLACE) deletes the row holding the same key without firing
    its DELETE triggers, unless the client sets PRAGMA recursive_triggers
    (GDAL does; Python's sqlite3, the sqlite3 shell and DB Browser do not).
    A row that `rule` keeps from deletion is therefore never the victim of a
    write holding one of its keys: BEFORE triggers, which fire before REPLACE
    deletes, refuse such a write."""
    keys = [(("fid",), None), (("uuid",), None)] + [((f.name,), None) for f in table.fields
                                                    if f.unique]
    keys += [(k.columns, k.where) for k in table.keys]
    match = " OR ".join("(%s)" % " AND ".join(
        ["o.%s = NEW.%s" % (c, c) for c in columns]
        + ([where % "o", where % "NEW"] if where else [])) for columns, where in keys)
    columns = sorted({c for cols, where in keys for c in cols + tuple(
        re.findall(r"%s\.(\w+)", where or ""))})
    kept = expand(rule.delete).replace("OLD.", "o.")
    message = ("%s: this write would replace a row that cannot be deleted: %s"
               % (table.name, rule.message))
    t = quote(table.name)
    return [
        refuse_trigger(rule.name + "_no_replace_insert", table.name, "INSERT",
                       "EXISTS (SELECT 1 FROM %s o WHERE (%s) AND %s)" % (t, match, kept),
                       message),
        refuse_trigger(rule.name + "_no_replace_update", table.name,
                       "UPDATE OF " + ", ".join(columns),
                       "EXISTS (SELECT 1 FROM %s o WHERE o.fid <> OLD.fid AND (%s) AND %s)"
                       % (t, match, kept), message),
    ]


def feature_history(table):
    """Deleting a catalogued feature that has tickets loses nothing: its last
    geometry and attributes (every column of today) go to `deleted_feature`,
    its tickets keep the feature's layer and uuid and their own point, and
    `feature_deleted_on` records the day."""
    name = literal(table.name)
    of_feature = "layer_name = %s AND feature_uuid = %%s.uuid" % name
    attributes = ", ".join("%s, OLD.%s" % (literal(f.name), quote(f.name)) for f in table.fields)
    return [
        "CREATE TRIGGER %s BEFORE DELETE ON %s WHEN EXISTS (SELECT 1 FROM ticket WHERE %s) "
        "BEGIN INSERT INTO deleted_feature (layer_name, feature_uuid, deleted_at, attributes, "
        "geom) VALUES (%s, OLD.uuid, %s, json_object('fid', OLD.fid, %s), %s); "
        "UPDATE ticket SET feature_deleted_on = date('now') WHERE %s; END"
        % (quote(table.name + "_ticket_keep"), quote(table.name), of_feature % "OLD", name,
           NOW_SQL, attributes, "OLD.geom" if table.geometry else "NULL", of_feature % "OLD"),
        # A feature put back with its uuid (copy between stores) is live again.
        "CREATE TRIGGER %s AFTER INSERT ON %s WHEN NEW.uuid IS NOT NULL BEGIN UPDATE ticket "
        "SET feature_deleted_on = NULL WHERE %s AND feature_deleted_on IS NOT NULL; END"
        % (quote(table.name + "_ticket_restore"), quote(table.name), of_feature % "NEW"),
    ]


# --- time_day_total (schema v9): the minutes per work date and ticket
# category, kept by every write of the time entries and of a ticket's
# category, row by row (PostgreSQL's, per statement, are in pg_ddl.py; the
# category's move is the same SQL there). `only_if` (SQL on NEW and OLD)
# lets an update leave the totals alone.

def day_total_add(row, only_if="1 = 1"):
    """Add the time entry `row` (NEW) to its day's total."""
    return ("INSERT INTO time_day_total (work_date, category, minutes) "
            "SELECT {r}.work_date, category, {r}.minutes FROM ticket "
            "WHERE uuid = {r}.ticket_uuid AND {only_if} "
            "ON CONFLICT (work_date, category) DO UPDATE SET "
            "minutes = time_day_total.minutes + excluded.minutes").format(r=row, only_if=only_if)


def day_total_remove(row, only_if="1 = 1"):
    """Take the time entry `row` (OLD) off its day's total; a total that
    falls to nothing goes (the table is the GROUP BY of the entries)."""
    key = ("work_date = {r}.work_date AND category = (SELECT category FROM ticket "
           "WHERE uuid = {r}.ticket_uuid) AND {only_if}").format(r=row, only_if=only_if)
    return ["DELETE FROM time_day_total WHERE %s AND minutes = %s.minutes" % (key, row),
            "UPDATE time_day_total SET minutes = minutes - %s.minutes WHERE %s" % (row, key)]


def day_total_move():
    """Move a ticket's time from OLD.category to NEW.category, day by day."""
    days = "SELECT work_date FROM time_entry WHERE ticket_uuid = OLD.uuid"
    return [
        "UPDATE time_day_total SET minutes = minutes - (SELECT SUM(te.minutes) "
        "FROM time_entry te WHERE te.ticket_uuid = OLD.uuid "
        "AND te.work_date = time_day_total.work_date) "
        "WHERE category = OLD.category AND work_date IN (%s)" % days,
        "DELETE FROM time_day_total WHERE category = OLD.category AND minutes = 0 "
        "AND work_date IN (%s)" % days,
        "INSERT INTO time_day_total (work_date, category, minutes) "
        "SELECT work_date, NEW.category, SUM(minutes) FROM time_entry "
        "WHERE ticket_uuid = NEW.uuid GROUP BY work_date "
        "ON CONFLICT (work_date, category) DO UPDATE SET "
        "minutes = time_day_total.minutes + excluded.minutes",
    ]


# SQLite's REPLACE (INSERT OR REPLACE, REPLACE INTO, UPDATE OR REPLACE)
# deletes the rows holding the new row's fid or uuid without firing their
# DELETE triggers, unless PRAGMA recursive_triggers is on (see no_replace).
# So the days and categories of the rows a write may replace are noted before
# it (time_day_recount, schema v9), and counted again from the entries after
# it: right whether the rows were replaced, kept (OR IGNORE, an upsert's
# update) or already taken off by their DELETE trigger.
_RECOUNT = [
    "DELETE FROM time_day_total WHERE EXISTS (SELECT 1 FROM time_day_recount) "
    "AND (work_date, category) IN (SELECT work_date, category FROM time_day_recount)",
    "INSERT INTO time_day_total (work_date, category, minutes) "
    "SELECT te.work_date, t.category, SUM(te.minutes) FROM time_entry te "
    "JOIN ticket t ON t.uuid = te.ticket_uuid WHERE EXISTS (SELECT 1 FROM time_day_recount) "
    "AND te.work_date IN (SELECT work_date FROM time_day_recount) "
    "AND (te.work_date, t.category) IN (SELECT work_date, category FROM time_day_recount) "
    "GROUP BY te.work_date, t.category",
    "DELETE FROM time_day_recount WHERE EXISTS (SELECT 1 FROM time_day_recount)",
]
_NOTE = ("INSERT INTO time_day_recount (work_date, category) SELECT o.work_date, t.category "
         "FROM time_entry o JOIN ticket t ON t.uuid = o.ticket_uuid WHERE %s")
_CHANGED = ("(NEW.work_date IS NOT OLD.work_date OR NEW.ticket_uuid IS NOT OLD.ticket_uuid "
            "OR NEW.minutes IS NOT OLD.minutes)")


def day_total_triggers():
    def trigger(name, event, statements, table="time_entry", when=""):
        return "CREATE TRIGGER %s %s ON %s %sBEGIN %s END" % (
            name, event, table, "WHEN %s " % when if when else "",
            " ".join(s + ";" for s in statements))
    return [
        trigger("time_entry_day_total_note_insert", "BEFORE INSERT",
                [_NOTE % "o.fid = NEW.fid OR o.uuid = NEW.uuid"]),
        trigger("time_entry_day_total_note_update", "BEFORE UPDATE OF fid, uuid",
                [_NOTE % "o.fid <> OLD.fid AND (o.fid = NEW.fid OR o.uuid = NEW.uuid)"]),
        # Counted again after the row's own time, which the recount includes.
        trigger("time_entry_day_total_insert", "AFTER INSERT",
                [day_total_add("NEW")] + _RECOUNT),
        trigger("time_entry_day_total_update",
                "AFTER UPDATE OF fid, uuid, work_date, ticket_uuid, minutes",
                day_total_remove("OLD", _CHANGED) + [day_total_add("NEW", _CHANGED)] + _RECOUNT),
        trigger("time_entry_day_total_delete", "AFTER DELETE", day_total_remove("OLD")),
        trigger("ticket_day_total_category", "AFTER UPDATE OF category", day_total_move(),
                table="ticket", when="NEW.category IS NOT OLD.category"),
    ]
