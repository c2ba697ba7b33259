"""Schema v6: deliveries of every CNIG model (2013 to 2025). Columns only,
added from their declarations (core/schema/catalogue.py, `since=6`): the
2022 and 2025 fields the store keeps (SYMBOLE, NATURE, NOMRAPP, URLRAPP) and
the model each PLU delivery was read as (plui_import.modele). No statement
of its own."""

SQLITE = []
