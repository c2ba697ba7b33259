"""referential."""
