"""The money: the cooperation agreement with its lines, amendments and
hosting costs (convention.py), and the yearly settlement computed from the
ledger, issued and reopened (settlement.py). Amounts are integer cents.

Depends on core/storage only; its documents are core/reports', which read
it, never the other way round.
"""
