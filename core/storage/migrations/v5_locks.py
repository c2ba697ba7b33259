"""Schema v5: the store's rules hold against a careless or hostile client.

- The categories of an agreement's line are codes of its code list (ticket
  categories for a days line, hosting kinds for a costs line), each once:
  the settlement counts time and costs through them.
- GeoPackage: SQLite's REPLACE conflict resolution (INSERT OR REPLACE, REPLACE
  INTO, UPDATE OR REPLACE) deletes the row holding the same key without firing
  its DELETE triggers, unless the client sets PRAGMA recursive_triggers (GDAL
  does; Python's sqlite3, the sqlite3 shell and DB Browser do not). A row the
  rules keep (settled time and costs, tickets with time, archived features
  with tickets, settlements, the agreement of a settled year) is therefore
  never the victim of a write holding one of its keys: BEFORE triggers, which
  fire before REPLACE deletes, refuse such a write. (PostgreSQL has no REPLACE;
  its upserts fire the UPDATE rules.)
- Issued settlements are whole: a settlement's lines are written before it
  (core/agreement/settlement.issue), its totals must be their sums, and no line can be
  added to a settlement once it exists; the reopening fields are written
  together, by reopening.
- The agreement of a settled year keeps its terms: its own fields and lines
  cannot change, nor the amendments effective in or before a settled year
  (an amendment from a later year can be added). Nor can the feature of a
  ticket holding settled time (the breakdowns and the digest use it).
- A hosting cost is not negative.
"""
from ...schema.money import CONVENTION
from .. import pg_ddl as pg
from .v3_money import _TICKET_IN_SETTLED_YEAR, _pg_refuse, _refuse, _settled, _year


def _agreement_settled(convention_uuid, from_year=None):
    """The agreement has a live settlement (for `from_year` or a later year)."""
    return ("EXISTS (SELECT 1 FROM settlement s WHERE s.convention_uuid = %s "
            "AND s.reopened_at IS NULL%s)"
            % (convention_uuid, " AND s.year >= %s" % from_year if from_year else ""))


# table: (unique keys beyond fid and uuid, condition on an existing row `o`
# that the rules keep, why).
_KEPT = {
    "time_entry": ((), _settled(_year("o.work_date")), "its work date is in a settled year"),
    "hosting_cost": ((), _settled("o.year"), "its year is settled"),
    "ticket": ((), "EXISTS (SELECT 1 FROM time_entry WHERE ticket_uuid = o.uuid)",
               "the ticket has time entries"),
    "deleted_feature": ((), "EXISTS (SELECT 1 FROM ticket t WHERE t.layer_name = o.layer_name "
                            "AND t.feature_uuid = o.feature_uuid)",
                        "tickets still refer to this feature"),
    "settlement": ((("convention_uuid", "year", "version"),), "1",
                   "issued settlements are history"),
    "settlement_line": ((), "1", "issued settlements are history"),
    "convention": ((("reference",),), _agreement_settled("o.uuid"),
                   "the agreement has a settled year"),
    "convention_line": ((("convention_uuid", "code"),), _agreement_settled("o.convention_uuid"),
                        "the agreement has a settled year"),
    "convention_amendment": (
        (("convention_uuid", "number"),),
        _agreement_settled("o.convention_uuid", _year("o.effective_date")),
        "the amendment applies to a settled year"),
}


def _no_replace(table, keys, kept, why):
    """Refuse an insert, or an update of a key, that meets a kept row on a key."""
    keys = (("fid",), ("uuid",)) + keys
    match = " OR ".join("(%s)" % " AND ".join("o.%s = NEW.%s" % (c, c) for c in key)
                        for key in keys)
    # The live settlement of an agreement's year is unique too (partial index).
    if table == "settlement":
        match += (" OR (o.convention_uuid = NEW.convention_uuid AND o.year = NEW.year "
                  "AND o.reopened_at IS NULL AND NEW.reopened_at IS NULL)")
    message = ("%s: this write would replace a row that cannot be deleted (%s): refused"
               % (table, why))
    columns = sorted({c for key in keys for c in key} | (
        {"reopened_at"} if table == "settlement" else set()))
    return [
        _refuse("%s_no_replace_insert" % table, "INSERT", table,
                "EXISTS (SELECT 1 FROM %s o WHERE (%s) AND %s)" % (table, match, kept), message),
        _refuse("%s_no_replace_update" % table, "UPDATE OF %s" % ", ".join(columns), table,
                "EXISTS (SELECT 1 FROM %s o WHERE o.fid <> OLD.fid AND (%s) AND %s)"
                % (table, match, kept), message),
    ]

# A comma-separated list whose every item is a code of the line's list, each
# once: as many distinct codes occur in it as it has items (codes hold no comma).
_CATEGORIES_BAD = (
    "(SELECT count(*) FROM codelist WHERE list = CASE NEW.kind WHEN 'costs' "
    "THEN 'hosting_kind' ELSE 'ticket_category' END AND {position}(',' || NEW.categories "
    "|| ',', ',' || code || ',') > 0) <> length(NEW.categories) - "
    "length(replace(NEW.categories, ',', '')) + 1")
_CATEGORIES = ("convention_line: categories must be codes of the line's code list (ticket "
               "categories for a days line, hosting kinds for a costs line), comma-separated, "
               "each once")

_LINE_ADDED = "settlement_line: lines cannot be added to an issued settlement"
_SUMS = ("settlement: its lines are recorded before it, and its totals are the sums of "
         "its lines")
_REOPEN_FIELDS = ("settlement: reopened_by and reopen_reason are written by reopening the "
                  "year, together with reopened_at")
_AGREEMENT = ("{table}: the agreement has a settled year, whose terms cannot change until "
              "it is reopened (an amendment effective after the settled years can be added)")
_AMENDMENT = ("convention_amendment: this amendment applies to a settled year and cannot "
              "change until that year is reopened")
_AGREEMENT_KEPT = "convention: an agreement with settlements is kept with their history"
_NEGATIVE_COST = "hosting_cost: amount_ht_cents cannot be negative"
_TICKET_FEATURE = ("ticket: this ticket holds time in a settled year; the feature it is "
                   "about cannot change until the year is reopened")


def _sums_differ(is_not):
    line_sum = "(SELECT sum(l.%s) FROM settlement_line l WHERE l.settlement_uuid = NEW.uuid)"
    return " OR ".join(
        ["NOT EXISTS (SELECT 1 FROM settlement_line l WHERE l.settlement_uuid = NEW.uuid)"]
        + ["NEW.%s %s %s" % (total, is_not, line_sum % line) for total, line in (
            ("total_ht_cents", "actual_ht_cents"), ("total_vat_cents", "vat_cents"),
            ("total_ttc_cents", "actual_ttc_cents"))])


def _changed(is_not, fields):
    return " OR ".join("NEW.%s %s OLD.%s" % (f, is_not, f) for f in fields)


_LINE_OF_ISSUED = "EXISTS (SELECT 1 FROM settlement s WHERE s.uuid = NEW.settlement_uuid)"
_REOPEN_ALONE = ("NEW.reopened_at IS NULL AND (NEW.reopened_by IS NOT NULL "
                 "OR NEW.reopen_reason IS NOT NULL)")
_CONVENTION_FIELDS = [f.name for f in CONVENTION.fields]
_HAS_SETTLEMENTS = "EXISTS (SELECT 1 FROM settlement s WHERE s.convention_uuid = OLD.uuid)"


def _sqlite_terms():
    def each_event(name, table, condition, message):
        """INSERT (NEW), UPDATE (OLD or NEW) and DELETE (OLD) refused on `condition`."""
        old, new = condition("OLD"), condition("NEW")
        return [_refuse("%s_insert" % name, "INSERT", table, new, message),
                _refuse("%s_update" % name, "UPDATE", table, "%s OR %s" % (old, new), message),
                _refuse("%s_delete" % name, "DELETE", table, old, message)]
    return [
        _refuse("settlement_line_added", "INSERT", "settlement_line", _LINE_OF_ISSUED,
                _LINE_ADDED),
        _refuse("settlement_lines_first", "INSERT", "settlement", _sums_differ("IS NOT"), _SUMS),
        _refuse("settlement_reopen_fields_insert", "INSERT", "settlement", _REOPEN_ALONE,
                _REOPEN_FIELDS),
        _refuse("settlement_reopen_fields_update", "UPDATE", "settlement", _REOPEN_ALONE,
                _REOPEN_FIELDS),
        _refuse("convention_settled_update", "UPDATE", "convention", "(%s) AND %s" % (
            _changed("IS NOT", _CONVENTION_FIELDS), _agreement_settled("OLD.uuid")),
            _AGREEMENT.format(table="convention")),
        _refuse("convention_settled_delete", "DELETE", "convention", _HAS_SETTLEMENTS,
                _AGREEMENT_KEPT),
        _refuse("ticket_settled_feature", "UPDATE OF layer_name, feature_uuid", "ticket",
                "(%s) AND %s" % (_changed("IS NOT", ("layer_name", "feature_uuid")),
                                 _TICKET_IN_SETTLED_YEAR), _TICKET_FEATURE),
        _refuse("hosting_cost_amount_insert", "INSERT", "hosting_cost",
                "NEW.amount_ht_cents < 0", _NEGATIVE_COST),
        _refuse("hosting_cost_amount_update", "UPDATE OF amount_ht_cents", "hosting_cost",
                "NEW.amount_ht_cents < 0", _NEGATIVE_COST),
    ] + each_event("convention_line_settled", "convention_line",
                   lambda row: _agreement_settled("%s.convention_uuid" % row),
                   _AGREEMENT.format(table="convention_line")) + each_event(
        "convention_amendment_settled", "convention_amendment",
        lambda row: _agreement_settled("%s.convention_uuid" % row,
                                       _year("%s.effective_date" % row)), _AMENDMENT)


SQLITE = [
    _refuse("convention_line_categories_insert", "INSERT", "convention_line",
            _CATEGORIES_BAD.format(position="instr"), _CATEGORIES),
    _refuse("convention_line_categories_update", "UPDATE OF kind, categories",
            "convention_line", _CATEGORIES_BAD.format(position="instr"), _CATEGORIES),
] + [s for table, (keys, kept, why) in _KEPT.items() for s in _no_replace(table, keys, kept, why)
      ] + _sqlite_terms()


def _pg_each_event(name, table, condition, message, schema):
    """INSERT (NEW), UPDATE (OLD or NEW) and DELETE (OLD) refused on `condition`."""
    body = "\n".join([
        pg.refuse("TG_OP IN ('UPDATE', 'DELETE') AND %s" % condition("OLD"), message),
        pg.refuse("TG_OP IN ('INSERT', 'UPDATE') AND %s" % condition("NEW"), message),
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;",
        "RETURN NEW;"])
    return [pg.function(name, schema, body),
            pg.trigger(name, "BEFORE", "INSERT OR UPDATE OR DELETE", table, name)]


def postgres(schema):
    pg_year = "CAST(EXTRACT(YEAR FROM %s) AS INTEGER)"
    return (
        # NOT VALID: a cost recorded before keeps the store openable.
        ["ALTER TABLE hosting_cost ADD CONSTRAINT hosting_cost_amount_not_negative "
         "CHECK (amount_ht_cents >= 0) NOT VALID"]
        + _pg_refuse("convention_line_categories", "INSERT OR UPDATE OF kind, categories",
                   "convention_line", _CATEGORIES_BAD.format(position="strpos"),
                   _CATEGORIES, schema)
        + _pg_refuse("settlement_line_added", "INSERT", "settlement_line", _LINE_OF_ISSUED,
                     _LINE_ADDED, schema)
        + _pg_refuse("settlement_lines_first", "INSERT", "settlement",
                     _sums_differ("IS DISTINCT FROM"), _SUMS, schema)
        + _pg_refuse("settlement_reopen_fields", "INSERT OR UPDATE", "settlement",
                     _REOPEN_ALONE, _REOPEN_FIELDS, schema)
        + _pg_refuse("convention_settled_update", "UPDATE", "convention", "(%s) AND %s" % (
            _changed("IS DISTINCT FROM", _CONVENTION_FIELDS), _agreement_settled("OLD.uuid")),
            _AGREEMENT.format(table="convention"), schema)
        + _pg_refuse("convention_settled_delete", "DELETE", "convention", _HAS_SETTLEMENTS,
                     _AGREEMENT_KEPT, schema)
        + _pg_refuse("ticket_settled_feature", "UPDATE OF layer_name, feature_uuid", "ticket",
                     "EXISTS (SELECT 1 FROM time_entry te JOIN settlement s ON s.year = %s "
                     "AND s.reopened_at IS NULL WHERE te.ticket_uuid = OLD.uuid)"
                     % (pg_year % "te.work_date"), _TICKET_FEATURE, schema,
                     when=_changed("IS DISTINCT FROM", ("layer_name", "feature_uuid")))
        + _pg_each_event("convention_line_settled", "convention_line",
                         lambda row: _agreement_settled("%s.convention_uuid" % row),
                         _AGREEMENT.format(table="convention_line"), schema)
        + _pg_each_event("convention_amendment_settled", "convention_amendment",
                         lambda row: _agreement_settled(
                             "%s.convention_uuid" % row,
                             pg_year % ("%s.effective_date" % row)), _AMENDMENT, schema))
