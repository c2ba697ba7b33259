"""Work tickets and time spent (schema v2).

A ticket points at one catalogued feature by (layer_name, feature_uuid), or
at its application as a whole when both are empty. `layer_name` is the table
name (the EU/EP layers of the catalogue are views of one table). Time is kept
in whole minutes so that sums are exact in SQL; forms show it in hours.

When a feature with tickets is deleted, its tickets stay: they keep the
feature's layer and uuid and their own point, `feature_deleted_on` records
the day, and `deleted_feature` keeps the feature's last geometry and
attributes (triggers in core/storage/migrations/v2_ledger.py).
"""
from .model import Field as F, Table, TEXT, INTEGER, DATE, DATETIME

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
), geometry="POINT", catalogued=False, since=2)

TIME_ENTRY = Table("time_entry", "ledger", "Temps passé", (
    F("ticket_uuid", TEXT, "Ticket (uuid)", not_null=True),
    F("work_date", DATE, "Date du travail", not_null=True),
    F("agent", TEXT, "Agent", not_null=True),
    F("minutes", INTEGER, "Durée (minutes)", not_null=True,
      check="minutes > 0 AND minutes <= 1440"),
    F("note", TEXT, "Note"),
    F("recorded_by", TEXT, "Saisi par"),
    F("recorded_at", DATETIME, "Saisi le"),
), catalogued=False, since=2)

# The last state of deleted features that had tickets: the tickets' history
# keeps its object (geometry of any type, attributes as JSON).
DELETED_FEATURE = Table("deleted_feature", "ledger", "Objets supprimés (suivi des tickets)", (
    F("layer_name", TEXT, "Couche de l'objet", not_null=True),
    F("feature_uuid", TEXT, "Objet (uuid)", not_null=True),
    F("deleted_at", DATETIME, "Supprimé le", not_null=True),
    F("attributes", TEXT, "Attributs (JSON)"),
), geometry="GEOMETRY", catalogued=False, since=2)

TABLES = (TICKET, TIME_ENTRY, DELETED_FEATURE)
