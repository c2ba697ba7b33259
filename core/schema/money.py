"""The agreement, its amendments, hosting costs and settlements (schema v3).

Amounts are integer cents; VAT rates are integer basis points (2000 = 20 %);
quantities are integer hundredths (15 days = 1500), so every figure is exact
and sums are done by the database.

A year is settled when it has an issued settlement that has not been
reopened (core/schema/model.py: settled). Its time entries (core/schema/ledger.py)
and hosting costs are locked, and so are the terms of its agreement: its own
fields and lines, and the amendments effective in or before a settled year (an
amendment from a later year can be added). Settlements are a history: rows
are never deleted, only the reopening fields can be filled in, once; a
settlement's lines are written before it (core/agreement/settlement.issue),
its totals are their sums, and no line is added to it afterwards.
"""
from .model import (Field as F, Table, TEXT, INTEGER, DATE, DATETIME, Immutable, Key, Lock,
                    References, Refuse)


def _agreement_settled(convention_uuid, from_year=None):
    """The agreement has a live settlement (for `from_year` or a later year)."""
    return ("EXISTS (SELECT 1 FROM settlement s WHERE s.convention_uuid = %s "
            "AND s.reopened_at IS NULL%s)"
            % (convention_uuid, " AND s.year >= %s" % from_year if from_year else ""))


def _each_event(name, message, condition):
    """Insert (NEW), update (OLD or NEW) and delete (OLD) refused on `condition`."""
    return Refuse(name, message, insert=condition("NEW"),
                  update="%s OR %s" % (condition("OLD"), condition("NEW")),
                  delete=condition("OLD"))


def _changed(fields):
    return " OR ".join("NEW.%s {is_not} OLD.%s" % (f, f) for f in fields)


_AGREEMENT = ("{table}: the agreement has a settled year, whose terms cannot change until "
              "it is reopened (an amendment effective after the settled years can be added)")
_OF_AGREEMENT = "%s: no agreement with this convention_uuid"
# A comma-separated list whose every item is a code of the line's list, each
# once: as many distinct codes occur in it as it has items (codes hold no comma).
_CATEGORIES_BAD = (
    "(SELECT count(*) FROM codelist WHERE list = CASE NEW.kind WHEN 'costs' "
    "THEN 'hosting_kind' ELSE 'ticket_category' END AND {instr}(',' || NEW.categories "
    "|| ',', ',' || code || ',') > 0) <> length(NEW.categories) - "
    "length(replace(NEW.categories, ',', '')) + 1")
_SUMS_DIFFER = " OR ".join(
    ["NOT EXISTS (SELECT 1 FROM settlement_line l WHERE l.settlement_uuid = NEW.uuid)"]
    + ["NEW.%s {is_not} (SELECT sum(l.%s) FROM settlement_line l WHERE l.settlement_uuid = "
       "NEW.uuid)" % pair for pair in (("total_ht_cents", "actual_ht_cents"),
                                       ("total_vat_cents", "vat_cents"),
                                       ("total_ttc_cents", "actual_ttc_cents"))])
_REOPEN_ALONE = ("NEW.reopened_at IS NULL AND (NEW.reopened_by IS NOT NULL "
                 "OR NEW.reopen_reason IS NOT NULL)")
_HISTORY = "issued settlements are kept as history and cannot be deleted"

_CONVENTION_FIELDS = (
    F("reference", TEXT, "Référence", not_null=True, unique=True),
    F("title", TEXT, "Intitulé"),
    F("beneficiary_name", TEXT, "Bénéficiaire"),
    F("beneficiary_siren", TEXT, "SIREN du bénéficiaire", not_null=True,
      check="length(beneficiary_siren) = 9"),
    F("provider_name", TEXT, "Prestataire"),
    F("start_date", DATE, "Date de début", not_null=True),
    F("duration_years", INTEGER, "Durée (années)", not_null=True,
      check="duration_years > 0"),
    F("hours_per_day", INTEGER, "Heures par jour", not_null=True, default="7",
      check="hours_per_day > 0 AND hours_per_day <= 24"),
)
CONVENTION = Table("convention", "money", "Conventions", _CONVENTION_FIELDS, rules=(
    Refuse("convention_settled_update", _AGREEMENT.format(table="convention"),
           update="(%s) AND %s" % (_changed(f.name for f in _CONVENTION_FIELDS),
                                   _agreement_settled("OLD.uuid"))),
), catalogued=False, since=3)

CONVENTION_LINE = Table("convention_line", "money", "Lignes de la convention", (
    F("convention_uuid", TEXT, "Convention (uuid)", not_null=True),
    F("code", TEXT, "Code", not_null=True),
    F("label", TEXT, "Libellé", not_null=True),
    F("kind", TEXT, "Nature", not_null=True, check="kind IN ('days', 'costs')"),
    F("position", INTEGER, "Ordre"),
    F("provisional_quantity_hundredths", INTEGER,
      "Quantité prévisionnelle (centièmes)", not_null=True,
      check="provisional_quantity_hundredths >= 0"),
    F("unit_price_cents", INTEGER, "Prix unitaire HT (centimes)", not_null=True,
      check="unit_price_cents >= 0"),
    F("provisional_amount_cents", INTEGER, "Montant prévisionnel HT (centimes)",
      not_null=True),
    F("vat_rate_bp", INTEGER, "Taux de TVA (points de base)", not_null=True,
      default="0", check="vat_rate_bp >= 0 AND vat_rate_bp <= 10000"),
    # Ticket categories for a days line, hosting-cost kinds for a costs line
    # (comma-separated codes).
    F("categories", TEXT, "Catégories couvertes", not_null=True),
), catalogued=False, since=3, keys=(Key(("convention_uuid", "code")),), rules=(
    References("convention_uuid", "convention", _OF_AGREEMENT % "convention_line",
               cascade=True),
    Refuse("convention_line_categories", "convention_line: categories must be codes of the "
           "line's code list (ticket categories for a days line, hosting kinds for a costs "
           "line), comma-separated, each once", insert=_CATEGORIES_BAD, update=_CATEGORIES_BAD,
           columns=("kind", "categories")),
    _each_event("convention_line_settled", _AGREEMENT.format(table="convention_line"),
                lambda row: _agreement_settled("%s.convention_uuid" % row)),
))

# An amendment (avenant) changes the agreement from its effective date: a
# line's unit price, provisional quantity or VAT rate, or the duration.
CONVENTION_AMENDMENT = Table("convention_amendment", "money", "Avenants", (
    F("convention_uuid", TEXT, "Convention (uuid)", not_null=True),
    F("number", INTEGER, "Numéro", not_null=True, check="number > 0"),
    F("signed_on", DATE, "Signé le"),
    F("effective_date", DATE, "Date d'effet", not_null=True),
    F("description", TEXT, "Objet", not_null=True),
    F("line_code", TEXT, "Ligne modifiée"),
    F("new_unit_price_cents", INTEGER, "Nouveau prix unitaire HT (centimes)",
      check="new_unit_price_cents >= 0"),
    F("new_provisional_quantity_hundredths", INTEGER,
      "Nouvelle quantité prévisionnelle (centièmes)"),
    F("new_vat_rate_bp", INTEGER, "Nouveau taux de TVA (points de base)",
      check="new_vat_rate_bp >= 0 AND new_vat_rate_bp <= 10000"),
    F("extension_years", INTEGER, "Prolongation (années)", check="extension_years > 0"),
), catalogued=False, since=3, keys=(Key(("convention_uuid", "number")),), rules=(
    References("convention_uuid", "convention", _OF_AGREEMENT % "convention_amendment",
               cascade=True),
    _each_event("convention_amendment_settled", "convention_amendment: this amendment "
                "applies to a settled year and cannot change until that year is reopened",
                lambda row: _agreement_settled("%s.convention_uuid" % row,
                                               "{year:%s.effective_date}" % row)),
))

HOSTING_COST = Table("hosting_cost", "money", "Coûts d'hébergement", (
    F("year", INTEGER, "Année", not_null=True, check="year BETWEEN 2000 AND 2100"),
    F("kind", TEXT, "Nature", codelist="hosting_kind", not_null=True),
    F("label", TEXT, "Libellé", not_null=True),
    F("amount_ht_cents", INTEGER, "Montant HT (centimes)", not_null=True),
    F("invoice", TEXT, "Référence de la facture"),
    F("recorded_by", TEXT, "Saisi par"),
    F("recorded_at", DATETIME, "Saisi le"),
), catalogued=False, since=3, rules=(
    Lock("%s.year", "hosting_cost: this year is settled (issued settlement); reopen the year "
         "(sitchartreuse:reopenyear) before changing its costs"),
    # PostgreSQL: the CHECK constraint of schema v5.
    Refuse("hosting_cost_amount", "hosting_cost: amount_ht_cents cannot be negative",
           insert="NEW.amount_ht_cents < 0", update="NEW.amount_ht_cents < 0",
           columns=("amount_ht_cents",), sqlite_only=True),
))

SETTLEMENT = Table("settlement", "money", "Décomptes annuels", (
    F("convention_uuid", TEXT, "Convention (uuid)", not_null=True),
    F("year", INTEGER, "Année", not_null=True),
    F("version", INTEGER, "Version", not_null=True),
    F("issued_at", DATETIME, "Émis le", not_null=True),
    F("issued_by", TEXT, "Émis par"),
    F("total_ht_cents", INTEGER, "Total HT (centimes)", not_null=True),
    F("total_vat_cents", INTEGER, "TVA (centimes)", not_null=True),
    F("total_ttc_cents", INTEGER, "Total TTC (centimes)", not_null=True),
    F("inputs_digest", TEXT, "Empreinte des données (SHA-256)", not_null=True),
    F("reopened_at", DATETIME, "Réouvert le"),
    F("reopened_by", TEXT, "Réouvert par"),
    F("reopen_reason", TEXT, "Motif de réouverture"),
), catalogued=False, since=3, keys=(
    Key(("convention_uuid", "year", "version")),
    Key(("convention_uuid", "year"), where="%s.reopened_at IS NULL"),   # the live one
), rules=(
    References("convention_uuid", "convention", _OF_AGREEMENT % "settlement",
               parent_message="convention: an agreement with settlements is kept with "
               "their history"),
    Immutable("settlement_immutable", "settlement: an issued settlement cannot be changed; "
              "reopen the year and issue a new version", fields=(
                  "convention_uuid", "year", "version", "issued_at", "issued_by",
                  "total_ht_cents", "total_vat_cents", "total_ttc_cents", "inputs_digest")),
    Refuse("settlement_reopen_once", "settlement: this settlement was already reopened",
           update="OLD.reopened_at IS NOT NULL",
           columns=("reopened_at", "reopened_by", "reopen_reason")),
    Refuse("settlement_reopen_reason", "settlement: reopening a settled year needs a reason",
           update="NEW.reopened_at IS NOT NULL AND (NEW.reopen_reason IS NULL "
           "OR trim(NEW.reopen_reason) = '')", columns=("reopened_at",)),
    Refuse("settlement_reopen_fields", "settlement: reopened_by and reopen_reason are written "
           "by reopening the year, together with reopened_at",
           insert=_REOPEN_ALONE, update=_REOPEN_ALONE),
    Refuse("settlement_lines_first", "settlement: its lines are recorded before it, and its "
           "totals are the sums of its lines", insert=_SUMS_DIFFER),
    Refuse("settlement_no_delete", "settlement: " + _HISTORY, delete="1 = 1"),
))

SETTLEMENT_LINE = Table("settlement_line", "money", "Lignes des décomptes", (
    F("settlement_uuid", TEXT, "Décompte (uuid)", not_null=True),
    F("position", INTEGER, "Ordre"),
    F("line_code", TEXT, "Ligne", not_null=True),
    F("label", TEXT, "Libellé"),
    F("kind", TEXT, "Nature"),
    F("provisional_quantity_hundredths", INTEGER, "Quantité prévisionnelle (centièmes)"),
    F("provisional_amount_cents", INTEGER, "Montant prévisionnel HT (centimes)"),
    F("actual_minutes", INTEGER, "Temps réel (minutes)"),
    F("actual_quantity_hundredths", INTEGER, "Quantité réelle (centièmes)"),
    F("actual_ht_cents", INTEGER, "Montant réel HT (centimes)"),
    F("vat_rate_bp", INTEGER, "Taux de TVA (points de base)"),
    F("vat_cents", INTEGER, "TVA (centimes)"),
    F("actual_ttc_cents", INTEGER, "Montant réel TTC (centimes)"),
    F("difference_ht_cents", INTEGER, "Écart au prévisionnel HT (centimes)"),
), catalogued=False, since=3, rules=(
    References("settlement_uuid", "settlement", "settlement_line: no settlement with this "
               "settlement_uuid", deferred=True),
    Immutable("settlement_line_immutable",
              "settlement_line: the lines of an issued settlement cannot be changed"),
    Refuse("settlement_line_added", "settlement_line: lines cannot be added to an issued "
           "settlement", insert="EXISTS (SELECT 1 FROM settlement s WHERE s.uuid = "
           "NEW.settlement_uuid)"),
    Refuse("settlement_line_no_delete", "settlement_line: the lines of an issued settlement "
           "cannot be deleted", delete="1 = 1"),
))

TABLES = (CONVENTION, CONVENTION_LINE, CONVENTION_AMENDMENT, HOSTING_COST,
          SETTLEMENT, SETTLEMENT_LINE)
