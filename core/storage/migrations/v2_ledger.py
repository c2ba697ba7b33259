"""Schema v2: rules of the work ledger enforced by the database.

They hold for every client (the plugin, QGIS attribute tables, plain SQL):
SQLite triggers only call SQLite core functions and the GeoPackage ST_*
functions GDAL registers, so they run inside QGIS edit sessions too.

Deleting a catalogued feature that has tickets is allowed and loses nothing:
its last geometry and attributes go to `deleted_feature`, its tickets keep
the feature's layer and uuid and their own point, and `feature_deleted_on`
records the day. Deleting a ticket that has time entries is refused.
"""
from ...schema import CATALOGUED
from .. import pg_ddl as pg
from ..sqlite_ddl import NOW_SQL, literal, quote

APPLICATIONS = ("pav", "reseaux", "plui", "ads")
VERSION = 2

# '' counts as empty: some clients write empty strings instead of NULL.
_LAYER, _UUID = "NULLIF(NEW.layer_name, '')", "NULLIF(NEW.feature_uuid, '')"


def _raise(message, condition):
    return "SELECT RAISE(ABORT, %s) WHERE %s;" % (literal(message), condition)


def _trigger(name, event, table, body, when=None):
    return "CREATE TRIGGER %s %s ON %s%s BEGIN %s END" % (
        quote(name), event, quote(table), " WHEN " + when if when else "", " ".join(body))


def _bad_date(column, optional=False):
    value = "NEW.%s" % quote(column)
    # With a modifier, date() normalises 2026-02-30 to 2026-03-02; it
    # rejects 2026-13-01 and 2026-2-3 (NULL).
    bad = "date(%s, '+0 days') IS NOT %s" % (value, value)
    return "%s IS NOT NULL AND %s" % (value, bad) if optional else bad


def _ticket_feature_checks():
    names = ", ".join(literal(t.name) for t in CATALOGUED)
    exists = " ".join("WHEN %s THEN EXISTS (SELECT 1 FROM %s WHERE uuid = %s)"
                      % (literal(t.name), quote(t.name), _UUID) for t in CATALOGUED)
    archived = ("EXISTS (SELECT 1 FROM deleted_feature WHERE layer_name = %s "
                "AND feature_uuid = %s)" % (_LAYER, _UUID))
    owner = " ".join("WHEN %s THEN %s" % (literal(t.name), literal(t.application))
                     for t in CATALOGUED if t.application in APPLICATIONS)
    return [
        _raise("ticket: layer_name and feature_uuid go together "
               "(both empty for work on the application as a whole)",
               "(%s IS NULL) <> (%s IS NULL)" % (_LAYER, _UUID)),
        _raise("ticket: layer_name is not a catalogued layer",
               "%s IS NOT NULL AND %s NOT IN (%s)" % (_LAYER, _LAYER, names)),
        _raise("ticket: no feature with this uuid in this layer",
               "%s IN (%s) AND NOT (CASE %s %s ELSE 0 END) AND NOT %s"
               % (_LAYER, names, _LAYER, exists, archived)),
        _raise("ticket: the application must be the application of the feature's layer",
               "NEW.application IS NOT (CASE %s %s ELSE NEW.application END)"
               % (_LAYER, owner)),
    ]


def _ticket_date_checks():
    return [
        _raise("ticket: opened_on is not a valid date (YYYY-MM-DD)", _bad_date("opened_on")),
        _raise("ticket: closed_on is not a valid date (YYYY-MM-DD)",
               _bad_date("closed_on", optional=True)),
        _raise("ticket: closed_on is before opened_on",
               "NEW.closed_on IS NOT NULL AND NEW.closed_on < NEW.opened_on"),
    ]


def _time_entry_checks():
    return [
        _raise("time_entry: no ticket with this uuid",
               "NOT EXISTS (SELECT 1 FROM ticket WHERE uuid = NEW.ticket_uuid)"),
        _raise("time_entry: work_date is not a valid date (YYYY-MM-DD)", _bad_date("work_date")),
        _raise("time_entry: minutes must be a whole number of minutes",
               "typeof(NEW.minutes) <> 'integer'"),
    ]


def _ledger_rules():
    changed_feature = ("NEW.layer_name IS NOT OLD.layer_name OR "
                       "NEW.feature_uuid IS NOT OLD.feature_uuid OR "
                       "NEW.application IS NOT OLD.application")
    return [
        _trigger("ticket_rules_insert", "BEFORE INSERT", "ticket",
                 _ticket_feature_checks() + _ticket_date_checks()),
        _trigger("ticket_feature_update", "BEFORE UPDATE", "ticket",
                 _ticket_feature_checks(), when=changed_feature),
        _trigger("ticket_dates_update", "BEFORE UPDATE OF opened_on, closed_on", "ticket",
                 _ticket_date_checks()),
        _trigger("ticket_delete", "BEFORE DELETE", "ticket", [
            _raise("ticket: it has time entries and cannot be deleted (close it instead)",
                   "EXISTS (SELECT 1 FROM time_entry WHERE ticket_uuid = OLD.uuid)")]),
        _trigger("time_entry_rules_insert", "BEFORE INSERT", "time_entry",
                 _time_entry_checks()),
        _trigger("time_entry_rules_update", "BEFORE UPDATE OF ticket_uuid, work_date, minutes",
                 "time_entry", _time_entry_checks()),
        # Who and when, for rows written by any client; the agent is the best
        # guess of who typed a row QGIS wrote without saying.
        _trigger("time_entry_recorded", "AFTER INSERT", "time_entry", [
            "UPDATE time_entry SET recorded_at = coalesce(recorded_at, %s), "
            "recorded_by = coalesce(recorded_by, agent) WHERE fid = NEW.fid;" % NOW_SQL],
            when="NEW.recorded_at IS NULL OR NEW.recorded_by IS NULL"),
        _trigger("deleted_feature_delete", "BEFORE DELETE", "deleted_feature", [
            _raise("deleted_feature: tickets still refer to this feature",
                   "EXISTS (SELECT 1 FROM ticket WHERE layer_name = OLD.layer_name "
                   "AND feature_uuid = OLD.feature_uuid)")]),
    ]


def _feature_history(table):
    """Triggers on a catalogued table keeping the tickets of deleted features."""
    name = literal(table.name)
    of_feature = "layer_name = %s AND feature_uuid = %%s.uuid" % name
    attributes = ", ".join("%s, OLD.%s" % (literal(f.name), quote(f.name))
                           for f in table.fields_at(VERSION))
    return [
        _trigger("%s_ticket_keep" % table.name, "BEFORE DELETE", table.name, [
            "INSERT INTO deleted_feature (layer_name, feature_uuid, deleted_at, attributes, geom) "
            "VALUES (%s, OLD.uuid, %s, json_object('fid', OLD.fid, %s), %s);"
            % (name, NOW_SQL, attributes, "OLD.geom" if table.geometry else "NULL"),
            "UPDATE ticket SET feature_deleted_on = date('now') WHERE %s;" % (of_feature % "OLD")],
            when="EXISTS (SELECT 1 FROM ticket WHERE %s)" % (of_feature % "OLD")),
        # A feature put back with its uuid (copy between stores) is live again.
        _trigger("%s_ticket_restore" % table.name, "AFTER INSERT", table.name, [
            "UPDATE ticket SET feature_deleted_on = NULL WHERE %s "
            "AND feature_deleted_on IS NOT NULL;" % (of_feature % "NEW")],
            when="NEW.uuid IS NOT NULL"),
    ]


INDEXES = [
    # Time entries are looked up by ticket (forms, totals) and by year (settlement).
    "CREATE INDEX time_entry_ticket ON time_entry (ticket_uuid, work_date, minutes)",
    "CREATE INDEX time_entry_work_date ON time_entry (work_date)",
    "CREATE INDEX ticket_feature ON ticket (layer_name, feature_uuid)",
    "CREATE INDEX ticket_external_ref ON ticket (external_ref)",
    "CREATE INDEX deleted_feature_feature ON deleted_feature (layer_name, feature_uuid)",
]

SQLITE = (_ledger_rules()
          + [s for t in CATALOGUED for s in _feature_history(t)]
          + INDEXES)


# -- PostgreSQL: the same rules in PL/pgSQL (dates and whole minutes are
# checked by the column types there).

def _pg_ticket_rules(schema):
    names = ", ".join(literal(t.name) for t in CATALOGUED)
    owner = " ".join("WHEN %s THEN %s" % (literal(t.name), literal(t.application))
                     for t in CATALOGUED if t.application in APPLICATIONS)
    body = "\n".join([
        "IF TG_OP = 'INSERT' OR NEW.layer_name IS DISTINCT FROM OLD.layer_name OR "
        "NEW.feature_uuid IS DISTINCT FROM OLD.feature_uuid OR "
        "NEW.application IS DISTINCT FROM OLD.application THEN",
        pg.refuse("(layer IS NULL) <> (feature IS NULL)",
                  "ticket: layer_name and feature_uuid go together "
                  "(both empty for work on the application as a whole)"),
        pg.refuse("layer IS NOT NULL AND layer NOT IN (%s)" % names,
                  "ticket: layer_name is not a catalogued layer"),
        "IF layer IS NOT NULL THEN",
        # layer is one of the catalogued table names checked above.
        "EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE uuid = $1)', layer) "
        "INTO found USING feature;",
        pg.refuse("NOT found AND NOT EXISTS (SELECT 1 FROM deleted_feature WHERE "
                  "layer_name = layer AND feature_uuid = feature)",
                  "ticket: no feature with this uuid in this layer"),
        pg.refuse("NEW.application IS DISTINCT FROM (CASE layer %s ELSE NEW.application END)"
                  % owner,
                  "ticket: the application must be the application of the feature's layer"),
        "END IF;",
        "END IF;",
        pg.refuse("NEW.closed_on IS NOT NULL AND NEW.closed_on < NEW.opened_on",
                  "ticket: closed_on is before opened_on"),
        "RETURN NEW;"])
    declare = ("layer text := NULLIF(NEW.layer_name, ''); "
               "feature text := NULLIF(NEW.feature_uuid, ''); found boolean;")
    return [pg.function("ticket_rules", schema, body, declare),
            pg.trigger("ticket_rules", "BEFORE", "INSERT OR UPDATE", "ticket", "ticket_rules")]


def _pg_ledger_rules(schema):
    return _pg_ticket_rules(schema) + [
        pg.function("ticket_delete", schema, pg.refuse(
            "EXISTS (SELECT 1 FROM time_entry WHERE ticket_uuid = OLD.uuid)",
            "ticket: it has time entries and cannot be deleted (close it instead)")
            + "\nRETURN OLD;"),
        pg.trigger("ticket_delete", "BEFORE", "DELETE", "ticket", "ticket_delete"),
        pg.function("time_entry_rules", schema, "\n".join([
            pg.refuse("(TG_OP = 'INSERT' OR NEW.ticket_uuid IS DISTINCT FROM OLD.ticket_uuid) "
                      "AND NOT EXISTS (SELECT 1 FROM ticket WHERE uuid = NEW.ticket_uuid)",
                      "time_entry: no ticket with this uuid"),
            # Who and when, for rows written by any client (see SQLITE above).
            "IF TG_OP = 'INSERT' THEN NEW.recorded_at := coalesce(NEW.recorded_at, now()); "
            "NEW.recorded_by := coalesce(NEW.recorded_by, NEW.agent); END IF;",
            "RETURN NEW;"])),
        pg.trigger("time_entry_rules", "BEFORE", "INSERT OR UPDATE", "time_entry",
                   "time_entry_rules"),
        pg.function("deleted_feature_delete", schema, pg.refuse(
            "EXISTS (SELECT 1 FROM ticket WHERE layer_name = OLD.layer_name "
            "AND feature_uuid = OLD.feature_uuid)",
            "deleted_feature: tickets still refer to this feature") + "\nRETURN OLD;"),
        pg.trigger("deleted_feature_delete", "BEFORE", "DELETE", "deleted_feature",
                   "deleted_feature_delete"),
    ]


def _pg_feature_history(table, schema):
    name = literal(table.name)
    of_feature = "layer_name = %s AND feature_uuid = %%s.uuid" % name
    attributes = ", ".join("%s, OLD.%s" % (literal(f.name), quote(f.name))
                           for f in table.fields_at(VERSION))
    keep, restore = "%s_ticket_keep" % table.name, "%s_ticket_restore" % table.name
    return [
        pg.function(keep, schema, "\n".join([
            "IF EXISTS (SELECT 1 FROM ticket WHERE %s) THEN" % (of_feature % "OLD"),
            "INSERT INTO deleted_feature (layer_name, feature_uuid, deleted_at, attributes, geom) "
            "VALUES (%s, OLD.uuid, now(), json_build_object('fid', OLD.fid, %s)::text, %s);"
            % (name, attributes, "OLD.geom" if table.geometry else "NULL"),
            "UPDATE ticket SET feature_deleted_on = CURRENT_DATE WHERE %s;" % (of_feature % "OLD"),
            "END IF;",
            "RETURN OLD;"])),
        pg.trigger(keep, "BEFORE", "DELETE", table.name, keep),
        pg.function(restore, schema,
                    "UPDATE ticket SET feature_deleted_on = NULL WHERE %s "
                    "AND feature_deleted_on IS NOT NULL;\nRETURN NULL;" % (of_feature % "NEW")),
        pg.trigger(restore, "AFTER", "INSERT", table.name, restore),
    ]


def postgres(schema):
    return (_pg_ledger_rules(schema)
            + [s for t in CATALOGUED for s in _pg_feature_history(t, schema)]
            + INDEXES)
