"""The agreement, hosting costs and settlements (schema v3).

Amounts are integer cents; VAT rates are integer basis points (2000 = 20 %),
so every figure is exact and sums are done by the database.
"""
from .model import Field as F, Table, TEXT, INTEGER, DATE, DATETIME

CONVENTION = Table("convention", "money", "Conventions", (
    F("reference", TEXT, "Référence", not_null=True, unique=True),
    F("title", TEXT, "Intitulé"),
    F("beneficiary_siren", TEXT, "SIREN du bénéficiaire", not_null=True,
      check="length(beneficiary_siren) = 9"),
    F("provider_name", TEXT, "Prestataire"),
    F("start_date", DATE, "Date de début", not_null=True),
    F("duration_years", INTEGER, "Durée (années)", not_null=True,
      check="duration_years > 0"),
    F("hours_per_day", INTEGER, "Heures par jour", not_null=True, default="7",
      check="hours_per_day > 0"),
), catalogued=False, since=3)

CONVENTION_LINE = Table("convention_line", "money", "Lignes de la convention", (
    F("convention_uuid", TEXT, "Convention (uuid)", not_null=True),
    F("code", TEXT, "Code", not_null=True),
    F("label", TEXT, "Libellé", not_null=True),
    F("kind", TEXT, "Nature", not_null=True, check="kind IN ('days', 'costs')"),
    F("position", INTEGER, "Ordre"),
    F("provisional_quantity_hundredths", INTEGER,
      "Quantité prévisionnelle (centièmes)", not_null=True),
    F("unit_price_cents", INTEGER, "Prix unitaire HT (centimes)"),
    F("provisional_amount_cents", INTEGER, "Montant prévisionnel HT (centimes)",
      not_null=True),
    F("vat_rate_bp", INTEGER, "Taux de TVA (points de base)", not_null=True,
      default="0", check="vat_rate_bp >= 0"),
    F("categories", TEXT, "Catégories de tickets couvertes"),
), catalogued=False, since=3)

HOSTING_COST = Table("hosting_cost", "money", "Coûts d'hébergement", (
    F("year", INTEGER, "Année", not_null=True),
    F("kind", TEXT, "Nature", codelist="hosting_kind", not_null=True),
    F("label", TEXT, "Libellé", not_null=True),
    F("amount_ht_cents", INTEGER, "Montant HT (centimes)", not_null=True),
    F("invoice", TEXT, "Référence de la facture"),
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
    F("reopen_reason", TEXT, "Motif de réouverture"),
), catalogued=False, since=3)

SETTLEMENT_LINE = Table("settlement_line", "money", "Lignes des décomptes", (
    F("settlement_uuid", TEXT, "Décompte (uuid)", not_null=True),
    F("line_code", TEXT, "Ligne", not_null=True),
    F("label", TEXT, "Libellé"),
    F("kind", TEXT, "Nature"),
    F("provisional_quantity_hundredths", INTEGER, "Quantité prévisionnelle (centièmes)"),
    F("provisional_amount_cents", INTEGER, "Montant prévisionnel HT (centimes)"),
    F("actual_minutes", INTEGER, "Temps réel (minutes)"),
    F("actual_quantity_hundredths", INTEGER, "Quantité réelle (centièmes)"),
    F("actual_ht_cents", INTEGER, "Montant réel HT (centimes)"),
    F("vat_cents", INTEGER, "TVA (centimes)"),
    F("actual_ttc_cents", INTEGER, "Montant réel TTC (centimes)"),
    F("difference_ht_cents", INTEGER, "Écart au prévisionnel HT (centimes)"),
), catalogued=False, since=3)

TABLES = (CONVENTION, CONVENTION_LINE, HOSTING_COST, SETTLEMENT, SETTLEMENT_LINE)
