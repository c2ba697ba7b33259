"""The SIT's domain, without any GUI (no iface, no widget): what the Park keeps
for the Communauté (four applications and the referentials), the ledger of
the work spent on them, and the agreement that pays for it. plugin/ and
processing/ wire it; nothing here imports them.

Each package imports only the ones listed before it (and the shared helpers):

- schema/       the declarative model: tables, fields, code lists
- storage/      where GeoPackage and PostgreSQL differ: connections, DDL,
                migrations, opening a store, roles, copies between stores
- referential/  communes and parcel identifiers
- ads.py        the Next'ADS bridge: dossier numbers, footprints, constraints
- agreement/    the money: the agreement and the yearly settlement
- imports/      deliveries read into the store (cadastre, PLU, RAEPA, PAV, ADS)
- ledger/       tickets and time spent, and time imported from CSV
- reports/      documents: settlement report (text, HTML, CSV, PDF), ADS fiche
- catalogue.py  the applications as groups of layers, for the QGIS project

Shared helpers: errors.py, i18n.py (tr), compat.py (QGIS versions),
safe_csv.py (CSV files safe in a spreadsheet).
"""
