"""Schema v3, frozen: the agreement's tables (core/schema/money.py, whose
rules are declared there), their indexes, and the seed's agreement every
new store starts with, editable.
"""
from ..sqlite_ddl import literal


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

def step(schema=None):
    """The same SQL for both backends."""
    return INDEXES + _seed()
