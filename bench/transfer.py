"""Issue 7, moving a SIT: the big store (100 000 features, 1 000 000 time
entries, bench/bigstore.py) copied GeoPackage -> PostGIS -> GeoPackage by
core/storage/transfer.py (sitchartreuse:copystore): every row through the target's
rules and triggers, in one transaction each way, counts checked.

The copy goes to a fresh schema of the bench's PostgreSQL server
(bench/_postgres.py), dropped at the end.
"""
import os


def run(workdir, report):
    from sit_chartreuse.core.storage import transfer
    from ._postgres import scratch_location
    from .bigstore import big_store
    path = big_store(100_000, 1_000_000)
    with scratch_location("bench_copy") as location:
        there = transfer.copy_store(path, location)
        report("#7", "copy GeoPackage -> PostGIS, 1M entries (%d rows)" % there.rows,
               "%.0f s" % there.seconds, "", "minutes, not hours")
        back = transfer.copy_store(location, os.path.join(workdir, "back.gpkg"))
        report("#7", "copy PostGIS -> GeoPackage, the same rows", "%.0f s" % back.seconds,
               "", "minutes, not hours")
