"""Schema v3: rules of the agreement and of settled years.

A year is settled when it has an issued settlement that has not been
reopened. Its time entries (by work date) and hosting costs can then no
longer be inserted, changed (from or into that year) or deleted, nor can the
category or application of a ticket holding time in that year change (a
ticket with time is never deleted: schema v2): the triggers
below refuse it to every client of the store (the plugin, QGIS edit sessions,
plain SQL). Settlements themselves are a history: rows are never deleted and
only the reopening fields can be filled in, once. Every new store starts
with the seed's agreement, editable.
"""
from .. import pg_ddl as pg
from ..sqlite_ddl import literal


def _year(date_sql):
    return "CAST(substr(%s, 1, 4) AS INTEGER)" % date_sql


def _settled(year_sql):
    return ("EXISTS (SELECT 1 FROM settlement s WHERE s.year = %s "
            "AND s.reopened_at IS NULL)" % year_sql)


def _refuse(name, event, table, when, message):
    return ("CREATE TRIGGER %s BEFORE %s ON %s WHEN %s BEGIN SELECT RAISE(ABORT, '%s'); END"
            % (name, event, table, when, message.replace("'", "''")))


_ENTRY_LOCKED = ("time_entry: the year of this work date is settled (issued settlement); "
                 "reopen the year (sitchartreuse:reopenyear) before changing its time")
_COST_LOCKED = ("hosting_cost: this year is settled (issued settlement); "
                "reopen the year (sitchartreuse:reopenyear) before changing its costs")
_TICKET_LOCKED = ("ticket: this ticket holds time in a settled year; its category and "
                  "application cannot change until the year is reopened")

_TICKET_IN_SETTLED_YEAR = (
    "EXISTS (SELECT 1 FROM time_entry te JOIN settlement s ON s.year = %s "
    "AND s.reopened_at IS NULL WHERE te.ticket_uuid = OLD.uuid)" % _year("te.work_date"))

INDEXES = [
    "CREATE UNIQUE INDEX settlement_version ON settlement (convention_uuid, year, version)",
    # At most one live (not reopened) settlement per agreement and year.
    "CREATE UNIQUE INDEX settlement_live ON settlement (convention_uuid, year) "
    "WHERE reopened_at IS NULL",
    "CREATE INDEX settlement_line_settlement ON settlement_line (settlement_uuid)",
    "CREATE UNIQUE INDEX convention_line_code ON convention_line (convention_uuid, code)",
    "CREATE UNIQUE INDEX convention_amendment_number "
    "ON convention_amendment (convention_uuid, number)",
    "CREATE INDEX hosting_cost_year ON hosting_cost (year)",
    # Covering index for the settlement's scan of a year's time entries (the
    # scan by ticket uses time_entry_ticket of schema v2).
    "CREATE INDEX time_entry_settlement_date ON time_entry (work_date, ticket_uuid, minutes)",
]

# The seed's agreement (Articles 3 and 4) as this version inserts it, frozen:
# the agreement the plugin proposes (core/agreement/convention.py,
# default_convention) may change, what v3 wrote may not.
_SEED_CONVENTION = (
    ("reference", "PNRC-CCCC-SIT-2026"),
    ("title", "Convention de coopération public-public (art. L2511-6 du Code de la commande "
              "publique) relative au système d'information territorial"),
    ("beneficiary_name", "Communauté de communes Cœur de Chartreuse"),
    ("beneficiary_siren", "200040111"),
    ("provider_name", "Parc naturel régional de Chartreuse"),
    ("start_date", "2026-01-01"),
    ("duration_years", 3),
    ("hours_per_day", 7),
)
_LINE_COLUMNS = ("position", "code", "label", "kind", "provisional_quantity_hundredths",
                 "unit_price_cents", "provisional_amount_cents", "vat_rate_bp", "categories")
_SEED_LINES = (
    (1, "hebergement", "Maintenance et hébergement de la base de données Cœur de Chartreuse",
     "costs", 100, 100000, 100000, 2000, "stockage,sauvegarde,hebergement,autre"),
    (2, "maintenance", "Maintenance corrective et évolutive des applications métier (points "
     "d'apport volontaire, réseaux humides, urbanisme, pont Next'ADS)",
     "days", 1500, 60000, 900000, 0, "maintenance_corrective,maintenance_evolutive"),
    (3, "formation", "Formation de niveau 1 et niveau 2 sur site, hotline",
     "days", 200, 60000, 120000, 0, "formation,hotline"),
    (4, "developpement", "Journées de développement spécifiques",
     "days", 1000, 60000, 600000, 0, "developpement"),
)


def _values(values):
    return ", ".join(str(v) if isinstance(v, int) else literal(v) for v in values)


def _seed():
    """The seed's INSERT statements, the same SQL for both backends."""
    columns, values = zip(*_SEED_CONVENTION)
    owner = "(SELECT uuid FROM convention WHERE reference = %s)" % literal(values[0])
    return (["INSERT INTO convention (%s) VALUES (%s)" % (", ".join(columns), _values(values))]
            + ["INSERT INTO convention_line (convention_uuid, %s) VALUES (%s, %s)"
               % (", ".join(_LINE_COLUMNS), owner, _values(line)) for line in _SEED_LINES])

SQLITE = [
    # The year lock.
    _refuse("time_entry_settled_insert", "INSERT", "time_entry",
            _settled(_year("NEW.work_date")), _ENTRY_LOCKED),
    _refuse("time_entry_settled_update", "UPDATE", "time_entry",
            "%s OR %s" % (_settled(_year("OLD.work_date")), _settled(_year("NEW.work_date"))),
            _ENTRY_LOCKED),
    _refuse("time_entry_settled_delete", "DELETE", "time_entry",
            _settled(_year("OLD.work_date")), _ENTRY_LOCKED),
    _refuse("hosting_cost_settled_insert", "INSERT", "hosting_cost",
            _settled("NEW.year"), _COST_LOCKED),
    _refuse("hosting_cost_settled_update", "UPDATE", "hosting_cost",
            "%s OR %s" % (_settled("OLD.year"), _settled("NEW.year")), _COST_LOCKED),
    _refuse("hosting_cost_settled_delete", "DELETE", "hosting_cost",
            _settled("OLD.year"), _COST_LOCKED),
    _refuse("ticket_settled_update", "UPDATE OF category, application", "ticket",
            "(NEW.category IS NOT OLD.category OR NEW.application IS NOT OLD.application) "
            "AND " + _TICKET_IN_SETTLED_YEAR, _TICKET_LOCKED),

    # Settlements are history: immutable except reopening, once, with a reason.
    _refuse("settlement_immutable", "UPDATE", "settlement",
            "OLD.uuid IS NOT NULL AND (NEW.convention_uuid IS NOT OLD.convention_uuid "
            "OR NEW.year IS NOT OLD.year OR NEW.version IS NOT OLD.version "
            "OR NEW.issued_at IS NOT OLD.issued_at OR NEW.issued_by IS NOT OLD.issued_by "
            "OR NEW.total_ht_cents IS NOT OLD.total_ht_cents "
            "OR NEW.total_vat_cents IS NOT OLD.total_vat_cents "
            "OR NEW.total_ttc_cents IS NOT OLD.total_ttc_cents "
            "OR NEW.inputs_digest IS NOT OLD.inputs_digest)",
            "settlement: an issued settlement cannot be changed; reopen the year and "
            "issue a new version"),
    _refuse("settlement_reopen_once", "UPDATE OF reopened_at, reopened_by, reopen_reason",
            "settlement", "OLD.reopened_at IS NOT NULL",
            "settlement: this settlement was already reopened"),
    _refuse("settlement_reopen_reason", "UPDATE OF reopened_at", "settlement",
            "NEW.reopened_at IS NOT NULL AND (NEW.reopen_reason IS NULL "
            "OR trim(NEW.reopen_reason) = '')",
            "settlement: reopening a settled year needs a reason"),
    _refuse("settlement_no_delete", "DELETE", "settlement", "1",
            "settlement: issued settlements are kept as history and cannot be deleted"),
    _refuse("settlement_line_immutable", "UPDATE", "settlement_line",
            "OLD.uuid IS NOT NULL",
            "settlement_line: the lines of an issued settlement cannot be changed"),
    _refuse("settlement_line_no_delete", "DELETE", "settlement_line", "1",
            "settlement_line: the lines of an issued settlement cannot be deleted"),
] + INDEXES + _seed()


def _pg_year_lock(table, year, message, schema):
    """time_entry / hosting_cost: refuse writes in (or out of) a settled year."""
    name = "%s_year_lock" % table
    old, new = _settled(year % "OLD"), _settled(year % "NEW")
    body = "\n".join([
        pg.refuse("TG_OP IN ('UPDATE', 'DELETE') AND " + old, message),
        pg.refuse("TG_OP IN ('INSERT', 'UPDATE') AND " + new, message),
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;",
        "RETURN NEW;"])
    return [pg.function(name, schema, body),
            pg.trigger(name, "BEFORE", "INSERT OR UPDATE OR DELETE", table, name)]


def _pg_refuse(name, events, table, condition, message, schema, when=None):
    returned = "OLD" if events == "DELETE" else "NEW"
    return [pg.function(name, schema, pg.refuse(condition, message) + "\nRETURN %s;" % returned),
            pg.trigger(name, "BEFORE", events, table, name, when=when)]


def postgres(schema):
    settlement_changed = (
        "NEW.convention_uuid IS DISTINCT FROM OLD.convention_uuid "
        "OR NEW.year IS DISTINCT FROM OLD.year OR NEW.version IS DISTINCT FROM OLD.version "
        "OR NEW.issued_at IS DISTINCT FROM OLD.issued_at "
        "OR NEW.issued_by IS DISTINCT FROM OLD.issued_by "
        "OR NEW.total_ht_cents IS DISTINCT FROM OLD.total_ht_cents "
        "OR NEW.total_vat_cents IS DISTINCT FROM OLD.total_vat_cents "
        "OR NEW.total_ttc_cents IS DISTINCT FROM OLD.total_ttc_cents "
        "OR NEW.inputs_digest IS DISTINCT FROM OLD.inputs_digest")
    pg_year = "CAST(EXTRACT(YEAR FROM %s) AS INTEGER)"
    return (
        _pg_year_lock("time_entry", pg_year % "%s.work_date", _ENTRY_LOCKED, schema)
        + _pg_year_lock("hosting_cost", "%s.year", _COST_LOCKED, schema)
        + _pg_refuse("ticket_settled_update", "UPDATE OF category, application", "ticket",
                     "EXISTS (SELECT 1 FROM time_entry te JOIN settlement s ON s.year = %s "
                     "AND s.reopened_at IS NULL WHERE te.ticket_uuid = OLD.uuid)"
                     % (pg_year % "te.work_date"), _TICKET_LOCKED, schema,
                     when="NEW.category IS DISTINCT FROM OLD.category "
                     "OR NEW.application IS DISTINCT FROM OLD.application")
        + _pg_refuse("settlement_immutable", "UPDATE", "settlement", settlement_changed,
                     "settlement: an issued settlement cannot be changed; reopen the year "
                     "and issue a new version", schema)
        + _pg_refuse("settlement_reopen_once", "UPDATE OF reopened_at, reopened_by, "
                     "reopen_reason", "settlement", "OLD.reopened_at IS NOT NULL",
                     "settlement: this settlement was already reopened", schema)
        + _pg_refuse("settlement_reopen_reason", "UPDATE OF reopened_at", "settlement",
                     "NEW.reopened_at IS NOT NULL AND (NEW.reopen_reason IS NULL "
                     "OR trim(NEW.reopen_reason) = '')",
                     "settlement: reopening a settled year needs a reason", schema)
        + _pg_refuse("settlement_no_delete", "DELETE", "settlement", "true",
                     "settlement: issued settlements are kept as history and cannot be "
                     "deleted", schema)
        + _pg_refuse("settlement_line_immutable", "UPDATE", "settlement_line", "true",
                     "settlement_line: the lines of an issued settlement cannot be changed",
                     schema)
        + _pg_refuse("settlement_line_no_delete", "DELETE", "settlement_line", "true",
                     "settlement_line: the lines of an issued settlement cannot be deleted",
                     schema)
        + INDEXES + _seed())
