"""Documents for people: the settlement's report as text, HTML and CSV
(report.py) and as a PDF layout (report_layout.py), and the constraints fiche
of Next'ADS dossiers and parcels (ads_report.py).

Depends on core/agreement, core/ads and core/storage; no other package of
core/ imports it.
"""
