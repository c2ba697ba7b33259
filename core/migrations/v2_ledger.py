"""Schema v2: rules of the work ledger enforced by the database."""

SQLITE = []
