"""Work tickets and time spent (schema v2).

A ticket points at one catalogued feature by (layer_name, feature_uuid), or
at its application as a whole when both are empty. `layer_name` is the table
name (the EU/EP layers of the catalogue are views of one table). Time is kept
in whole minutes so that sums are exact in SQL; forms show it in hours.

When a feature with tickets is deleted, its tickets stay: they keep the
feature's layer and uuid and their own point, `feature_deleted_on` records
the day, and `deleted_feature` keeps the feature's last geometry and
attributes (generated for every catalogued table by core/storage).

The rules below hold for every client; dates and whole minutes are checked
on the GeoPackage only (PostgreSQL's column types hold them).
"""
from .model import (Field as F, Table, TEXT, INTEGER, DATE, DATETIME, FillOnInsert, Lock,
                    References, Refuse)

# '' counts as empty: some clients write empty strings instead of NULL.
_LAYER, _FEATURE = "NULLIF(NEW.layer_name, '')", "NULLIF(NEW.feature_uuid, '')"
_FEATURE_CHANGED = ("(NEW.layer_name {is_not} OLD.layer_name OR NEW.feature_uuid {is_not} "
                    "OLD.feature_uuid OR NEW.application {is_not} OLD.application)")
_FEATURE_COLUMNS = ("layer_name", "feature_uuid", "application")
# The ticket holds time in a settled year (core/schema/money.py: settlements).
_HOLDS_SETTLED_TIME = ("EXISTS (SELECT 1 FROM time_entry te JOIN settlement s ON "
                       "s.year = {year:te.work_date} AND s.reopened_at IS NULL "
                       "WHERE te.ticket_uuid = OLD.uuid)")


def _bad_date(column, optional=False):
    """SQLite: `column` is not a valid YYYY-MM-DD date. With a modifier,
    date() normalises 2026-02-30 to 2026-03-02; it rejects 2026-13-01 and
    2026-2-3 (NULL)."""
    bad = "date(NEW.{c}, '+0 days') IS NOT NEW.{c}".format(c=column)
    return "NEW.%s IS NOT NULL AND %s" % (column, bad) if optional else bad


def _feature_rule(name, message, condition):
    """Checked on insert, and on an update changing the ticket's feature."""
    return Refuse(name, message, insert=condition,
                  update="%s AND %s" % (_FEATURE_CHANGED, condition), columns=_FEATURE_COLUMNS)


def _date_rule(name, message, condition, sqlite_only=True):
    return Refuse(name, message, insert=condition, update=condition,
                  columns=("opened_on", "closed_on"), sqlite_only=sqlite_only)

TICKET = Table("ticket", "ledger", "Tickets", (
    F("application", TEXT, "Application", codelist="application", not_null=True),
    F("layer_name", TEXT, "Couche de l'objet"),
    F("feature_uuid", TEXT, "Objet (uuid)"),
    F("category", TEXT, "Catégorie", codelist="ticket_category", not_null=True),
    F("title", TEXT, "Titre", not_null=True),
    F("description", TEXT, "Description"),
    F("status", TEXT, "Statut", codelist="ticket_status", not_null=True,
      default="'ouvert'"),
    F("requester", TEXT, "Demandeur"),
    F("opened_on", DATE, "Ouvert le", not_null=True, default="CURRENT_DATE"),
    F("closed_on", DATE, "Clos le"),
    F("created_by", TEXT, "Créé par"),
    F("feature_deleted_on", DATE, "Objet supprimé le"),
    # The request in another tool (e.g. "redmine#1234"): imports reuse the ticket.
    F("external_ref", TEXT, "Référence externe"),
), geometry="POINT", catalogued=False, since=2, rules=(
    _feature_rule("ticket_feature_pair", "ticket: layer_name and feature_uuid go together "
                  "(both empty for work on the application as a whole)",
                  "(%s IS NULL) <> (%s IS NULL)" % (_LAYER, _FEATURE)),
    _feature_rule("ticket_layer", "ticket: layer_name is not a catalogued layer",
                  "%s IS NOT NULL AND %s NOT IN ({catalogued})" % (_LAYER, _LAYER)),
    _feature_rule("ticket_feature", "ticket: no feature with this uuid in this layer",
                  "%s IN ({catalogued}) AND NOT (CASE %s {feature_exists} ELSE 1 = 0 END) "
                  "AND NOT EXISTS (SELECT 1 FROM deleted_feature WHERE layer_name = %s "
                  "AND feature_uuid = %s)" % (_LAYER, _LAYER, _LAYER, _FEATURE)),
    _feature_rule("ticket_application",
                  "ticket: the application must be the application of the feature's layer",
                  "NEW.application {is_not} (CASE %s {feature_application} "
                  "ELSE NEW.application END)" % _LAYER),
    _date_rule("ticket_opened_on", "ticket: opened_on is not a valid date (YYYY-MM-DD)",
               _bad_date("opened_on")),
    _date_rule("ticket_closed_on", "ticket: closed_on is not a valid date (YYYY-MM-DD)",
               _bad_date("closed_on", optional=True)),
    _date_rule("ticket_closed_before_opened", "ticket: closed_on is before opened_on",
               "NEW.closed_on IS NOT NULL AND NEW.closed_on < NEW.opened_on",
               sqlite_only=False),
    # The year lock reaches the tickets holding settled time.
    Refuse("ticket_settled_update", "ticket: this ticket holds time in a settled year; its "
           "category and application cannot change until the year is reopened",
           update="(NEW.category {is_not} OLD.category OR NEW.application {is_not} "
           "OLD.application) AND " + _HOLDS_SETTLED_TIME, columns=("category", "application")),
    Refuse("ticket_settled_feature", "ticket: this ticket holds time in a settled year; the "
           "feature it is about cannot change until the year is reopened",
           update="(NEW.layer_name {is_not} OLD.layer_name OR NEW.feature_uuid {is_not} "
           "OLD.feature_uuid) AND " + _HOLDS_SETTLED_TIME,
           columns=("layer_name", "feature_uuid")),
))

TIME_ENTRY = Table("time_entry", "ledger", "Temps passé", (
    F("ticket_uuid", TEXT, "Ticket (uuid)", not_null=True),
    F("work_date", DATE, "Date du travail", not_null=True),
    F("agent", TEXT, "Agent", not_null=True),
    F("minutes", INTEGER, "Durée (minutes)", not_null=True,
      check="minutes > 0 AND minutes <= 1440"),
    F("note", TEXT, "Note"),
    F("recorded_by", TEXT, "Saisi par"),
    F("recorded_at", DATETIME, "Saisi le"),
), catalogued=False, since=2, rules=(
    References("ticket_uuid", "ticket", "time_entry: no ticket with this uuid",
               parent_message="ticket: it has time entries and cannot be deleted "
               "(close it instead)"),
    Refuse("time_entry_work_date", "time_entry: work_date is not a valid date (YYYY-MM-DD)",
           insert=_bad_date("work_date"), update=_bad_date("work_date"),
           columns=("work_date",), sqlite_only=True),
    Refuse("time_entry_minutes", "time_entry: minutes must be a whole number of minutes",
           insert="typeof(NEW.minutes) <> 'integer'", update="typeof(NEW.minutes) <> 'integer'",
           columns=("minutes",), sqlite_only=True),
    # The year lock: a year is settled when it has an issued settlement that
    # has not been reopened (core/schema/money.py).
    Lock("{year:%s.work_date}", "time_entry: the year of this work date is settled (issued "
         "settlement); reopen the year (sitchartreuse:reopenyear) before changing its time"),
    # Who and when, for rows written by any client; the agent is the best
    # guess of who typed a row QGIS wrote without saying.
    FillOnInsert("recorded_at", "{now}"),
    FillOnInsert("recorded_by", "NEW.agent"),
))

# The last state of deleted features that had tickets: the tickets' history
# keeps its object (geometry of any type, attributes as JSON).
DELETED_FEATURE = Table("deleted_feature", "ledger", "Objets supprimés (suivi des tickets)", (
    F("layer_name", TEXT, "Couche de l'objet", not_null=True),
    F("feature_uuid", TEXT, "Objet (uuid)", not_null=True),
    F("deleted_at", DATETIME, "Supprimé le", not_null=True),
    F("attributes", TEXT, "Attributs (JSON)"),
), geometry="GEOMETRY", catalogued=False, since=2, rules=(
    Refuse("deleted_feature_delete", "deleted_feature: tickets still refer to this feature",
           delete="EXISTS (SELECT 1 FROM ticket t WHERE t.layer_name = OLD.layer_name "
           "AND t.feature_uuid = OLD.feature_uuid)"),
))

TABLES = (TICKET, TIME_ENTRY, DELETED_FEATURE)
