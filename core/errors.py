"""Errors the user sees: each message names the file, line or feature at fault."""


class SitError(Exception):
    """A refusal with a message fit for the SIT manager (already translated)."""


class StoreError(SitError):
    """The store cannot be created, opened or migrated."""
