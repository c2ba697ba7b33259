"""The unit layer (a package, so its conftest is not the `conftest` the main
suite's modules import)."""
