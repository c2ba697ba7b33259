"""The agreement, its amendments, hosting costs and settlements (schema v3).

Amounts are integer cents; VAT rates are integer basis points (2000 = 20 %);
quantities are integer hundredths (15 days = 1500), so every figure is exact
and sums are done by the database.
"""
from .model import Field as F, Table, TEXT, INTEGER, DATE, DATETIME

CONVENTION = Table("convention", "money", "Conventions", (
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
), catalogued=False, since=3)

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
), catalogued=False, since=3)

HOSTING_COST = Table("hosting_cost", "money", "Coûts d'hébergement", (
    F("year", INTEGER, "Année", not_null=True, check="year BETWEEN 2000 AND 2100"),
    F("kind", TEXT, "Nature", codelist="hosting_kind", not_null=True),
    F("label", TEXT, "Libellé", not_null=True),
    F("amount_ht_cents", INTEGER, "Montant HT (centimes)", not_null=True),
    F("invoice", TEXT, "Référence de la facture"),
    F("recorded_by", TEXT, "Saisi par"),
    F("recorded_at", DATETIME, "Saisi le"),
), catalogued=False, since=3)

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
), catalogued=False, since=3)

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
), catalogued=False, since=3)

TABLES = (CONVENTION, CONVENTION_LINE, CONVENTION_AMENDMENT, HOSTING_COST,
          SETTLEMENT, SETTLEMENT_LINE)
