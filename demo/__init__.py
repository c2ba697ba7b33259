"""The demo generator, outside the plugin (export-ignore: not in the zip):
sample features for the four applications (features.py) and sample tickets
and time (ledger.py), for `make demo`, the benchmarks and the tests.

Imported as `sit_chartreuse.demo`; the plugin never imports it.
"""
