"""The work ledger: tickets and time spent on a feature or an application
(ledger.py), time entries imported from a CSV file (timeimport.py), and the
expression functions on them for labels, styles and forms (expressions.py).

Depends on core/storage, core/schema, core/referential and the shared
helpers of core/imports; never on the agreement (the settlement reads the
ledger, not the reverse).
"""
