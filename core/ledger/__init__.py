"""The work ledger: tickets and time spent on a feature or an application
(ledger.py), and time entries imported from a CSV file (timeimport.py).

Depends on core/storage, core/schema, core/referential and the shared
helpers of core/imports; never on the agreement (the settlement reads the
ledger, not the reverse).
"""
