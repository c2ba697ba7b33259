"""The demo generator (not shipped)."""
