"""Schema v4: history of the PLUi deliveries (tables `plui_import` and
`plui_archive`, see core/schema/catalogue.py) and the indexes the imports
look rows up by."""

SQLITE = [
    "CREATE INDEX plui_import_idurba ON plui_import (idurba)",
    "CREATE INDEX plui_archive_idurba ON plui_archive (idurba)",
] + ["CREATE INDEX %s_idurba ON %s (idurba)" % (t, t) for t in (
    "doc_urba_com", "zone_urba", "prescription_surf", "prescription_lin", "prescription_pct",
    "info_surf", "info_lin", "info_pct")] + [
    "CREATE INDEX parcelle_insee ON parcelle (insee)",
    # The Next'ADS bridge: a dossier's parcels and a parcel's dossiers.
    "CREATE INDEX ads_dossier_parcelle_numero ON ads_dossier_parcelle (numero)",
    "CREATE INDEX ads_dossier_parcelle_idu ON ads_dossier_parcelle (idu)",
]
