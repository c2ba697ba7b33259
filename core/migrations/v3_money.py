"""Schema v3: rules of the agreement and of settled years."""

SQLITE = []
