"""PostgreSQL/PostGIS DDL generated from the same table descriptions as the
GeoPackage's (core/storage/sqlite_ddl.py): same tables, columns, constraints and
rules, in PostgreSQL's own types (DATE, TIMESTAMPTZ, BOOLEAN, PostGIS
geometry with a GiST index) and PL/pgSQL triggers.

Every function is created with ``SET search_path`` to the SIT's schema:
clients (QGIS, psql) reach the tables as ``"schema"."table"`` whatever their
own search_path, and the triggers still find ``codelist`` or ``ticket``.
"""
from ..schema import SCHEMA_VERSION, SRID, UUID_FIELD
from ..schema.model import FillOnInsert, References
from . import sqlite_ddl
from .db import Dialect

quote = Dialect.quote

# integer (not bigint): cents and minutes fit, and sums of integers come back
# as Python ints (sums of bigint are numeric in PostgreSQL).
SQL_TYPES = {"text": "text", "integer": "integer", "real": "double precision",
             "date": "date", "datetime": "timestamptz", "boolean": "boolean"}


def literal(text):
    return "'" + str(text).replace("'", "''") + "'"


def function(name, schema, body, declare="", definer=False):
    """A trigger function in the SIT's schema, resolving names there; with
    `definer`, run with its owner's rights (the tables only it writes), the
    caller's temporary tables looked up last (they cannot stand in)."""
    return ("CREATE OR REPLACE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql%s "
            "SET search_path = %s, public%s AS $sit$\n%sBEGIN\n%s\nEND\n$sit$"
            % (quote(name), " SECURITY DEFINER" if definer else "", quote(schema),
               ", pg_temp" if definer else "", "DECLARE " + declare + "\n" if declare else "",
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


def last_change_function(schema):
    return function("sit_last_change", schema,
                    "UPDATE gpkg_contents SET last_change = now() WHERE table_name = "
                    "TG_TABLE_NAME;\nRETURN NULL;")


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
        last_change_function(schema),
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
    return stmts + table_triggers(table, version, schema)


def table_triggers(table, version, schema):
    """uuid and code lists (`<table>_row_rules`), last change."""
    stmts = row_rules(table, version, schema) + [
        trigger("%s_row_rules" % table.name, "BEFORE", "INSERT OR UPDATE", table.name,
                "%s_row_rules" % table.name)]
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


WORDS = {"is_not": "IS DISTINCT FROM", "instr": "strpos", "now": "now()",
         "year": sqlite_ddl.Word("CAST(EXTRACT(YEAR FROM %s) AS INTEGER)")}


def expand(sql):
    return sqlite_ddl.expand(sql, WORDS)


def rule_triggers(tables, schema):
    """Every trigger function of the store, from today's declaration (the
    GeoPackage's rule_triggers in core/storage/sqlite_ddl.py), and the parent
    references as FOREIGN KEY constraints. (No REPLACE on PostgreSQL: its
    upserts fire the UPDATE rules.)"""
    stmts = [last_change_function(schema)]
    for t in tables:
        stmts += table_triggers(t, SCHEMA_VERSION, schema)
        if t.catalogued:
            stmts += feature_history(t, schema)
    for table, group in sqlite_ddl.rule_groups(tables, postgres=True):
        found = sqlite_ddl.events(group)
        body = [refuse("TG_OP = '%s' AND (%s)" % (event, expand(condition)), message)
                for event, checks in found for condition, message in checks]
        body.append("IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\nRETURN NEW;")
        name = group[0].postgres_name or group[0].name
        stmts += [function(name, schema, "\n".join(body)),
                  trigger(name, "BEFORE", " OR ".join(
                      event + (" OF " + ", ".join(map(quote, group[0].columns))
                               if event == "UPDATE" and group[0].columns else "")
                      for event, _ in found), table, name)]
    for t in tables:
        fills = [rule for rule in t.rules if isinstance(rule, FillOnInsert)]
        if fills:
            name = t.name + "_fill"
            stmts += [function(name, schema, "\n".join(
                "NEW.%s := coalesce(NEW.%s, %s);" % (f.column, f.column, expand(f.value))
                for f in fills) + "\nRETURN NEW;"),
                trigger(name, "BEFORE", "INSERT", t.name, name)]
        for rule in t.rules:
            if isinstance(rule, References):
                # NOT VALID: a row written before the rule keeps the store openable.
                name = quote("%s_%s_fkey" % (t.name, rule.column))
                stmts += ["ALTER TABLE %s DROP CONSTRAINT IF EXISTS %s" % (quote(t.name), name),
                          "ALTER TABLE %s ADD CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s "
                          "(uuid)%s%s NOT VALID" % (
                              quote(t.name), name, quote(rule.column), quote(rule.parent),
                              " ON DELETE CASCADE" if rule.cascade else "",
                              " DEFERRABLE INITIALLY DEFERRED" if rule.deferred else "")]
    return stmts


def feature_history(table, schema):
    """The tickets of deleted features (sqlite_ddl.feature_history)."""
    name = literal(table.name)
    of_feature = "layer_name = %s AND feature_uuid = %%s.uuid" % name
    attributes = ", ".join("%s, OLD.%s" % (literal(f.name), quote(f.name)) for f in table.fields)
    keep, restore = "%s_ticket_keep" % table.name, "%s_ticket_restore" % table.name
    return [
        function(keep, schema, "\n".join([
            "IF EXISTS (SELECT 1 FROM ticket WHERE %s) THEN" % (of_feature % "OLD"),
            "INSERT INTO deleted_feature (layer_name, feature_uuid, deleted_at, attributes, geom) "
            "VALUES (%s, OLD.uuid, now(), json_build_object('fid', OLD.fid, %s)::text, %s);"
            % (name, attributes, "OLD.geom" if table.geometry else "NULL"),
            "UPDATE ticket SET feature_deleted_on = CURRENT_DATE WHERE %s;" % (of_feature % "OLD"),
            "END IF;",
            "RETURN OLD;"])),
        trigger(keep, "BEFORE", "DELETE", table.name, keep),
        function(restore, schema,
                 "UPDATE ticket SET feature_deleted_on = NULL WHERE %s "
                 "AND feature_deleted_on IS NOT NULL;\nRETURN NULL;" % (of_feature % "NEW")),
        trigger(restore, "AFTER", "INSERT", table.name, restore),
    ]


def _day_totals_of(rows):
    """The rows of the transition table `rows` per day and category."""
    return ("SELECT r.work_date, t.category, SUM(r.minutes) AS minutes FROM %s r "
            "JOIN ticket t ON t.uuid = r.ticket_uuid GROUP BY r.work_date, t.category" % rows)


def _add(rows):
    return ("INSERT INTO time_day_total (work_date, category, minutes) %s "
            "ON CONFLICT (work_date, category) DO UPDATE SET "
            "minutes = time_day_total.minutes + excluded.minutes;" % _day_totals_of(rows))


def _remove(rows):
    return ("UPDATE time_day_total d SET minutes = d.minutes - s.minutes FROM (%s) s "
            "WHERE d.work_date = s.work_date AND d.category = s.category;"
            % _day_totals_of(rows))


def _gone(rows):
    """A total that falls to nothing goes (the table is the GROUP BY of the entries)."""
    return ("DELETE FROM time_day_total WHERE minutes = 0 AND work_date IN "
            "(SELECT work_date FROM %s);" % rows)


# The statement triggers keeping time_day_total from the time entries'
# writes. A copy into a new store turns them off and counts the totals once
# at the end (COUNT_DAY_TOTALS): thousands of batches would each join their
# rows to the tickets.
DAY_TOTAL_TRIGGERS = tuple("time_entry_day_total_%s" % event
                           for event in ("insert", "update", "delete"))
COUNT_DAY_TOTALS = (
    "INSERT INTO time_day_total (work_date, category, minutes) "
    "SELECT te.work_date, t.category, SUM(te.minutes) FROM time_entry te "
    "JOIN ticket t ON t.uuid = te.ticket_uuid GROUP BY te.work_date, t.category")


def day_total_triggers(schema):
    """time_day_total kept by the time entries' writes, once per statement
    from its transition tables (a copy or an import writes thousands of rows
    a statement), and by a ticket's category (sqlite_ddl.day_total_move); no
    REPLACE here, upserts fire the INSERT and UPDATE triggers; TRUNCATE
    empties it too. The functions write it as their owner: the writer role
    may not (core/storage/roles.py)."""
    bodies = {"INSERT": [_add("new_rows")],
              "UPDATE": [_remove("old_rows"), _add("new_rows"), _gone("old_rows")],
              "DELETE": [_remove("old_rows"), _gone("old_rows")]}
    tables = {"INSERT": "NEW TABLE AS new_rows", "DELETE": "OLD TABLE AS old_rows",
              "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows"}
    stmts = []
    for (event, body), name in zip(bodies.items(), DAY_TOTAL_TRIGGERS):
        stmts += [function(name, schema, "\n".join(body + ["RETURN NULL;"]), definer=True),
                  "CREATE TRIGGER %s AFTER %s ON time_entry REFERENCING %s FOR EACH STATEMENT "
                  "EXECUTE FUNCTION %s()" % (quote(name), event, tables[event], quote(name))]
    move, truncate = "ticket_day_total_category", "time_entry_day_total_truncate"
    return stmts + [
        function(move, schema, "\n".join(s + ";" for s in sqlite_ddl.day_total_move())
                 + "\nRETURN NULL;", definer=True),
        trigger(move, "AFTER", "UPDATE OF category", "ticket", move,
                when="NEW.category IS DISTINCT FROM OLD.category"),
        function(truncate, schema, "DELETE FROM time_day_total;\nRETURN NULL;", definer=True),
        trigger(truncate, "AFTER", "TRUNCATE", "time_entry", truncate, each="STATEMENT"),
    ]
