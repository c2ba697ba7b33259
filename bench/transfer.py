"""Issue 7, moving a SIT: the big store (100 000 features, 1 000 000 time
entries, bench/bigstore.py) copied GeoPackage -> PostGIS -> GeoPackage by
core/transfer.py (sitchartreuse:copystore): every row through the target's
rules and triggers, in one transaction each way, counts checked.

The PostgreSQL server is the tests' (scripts/pg_setup.sh), or the one of the
``postgres:`` location in SIT_BENCH_PG; the copy goes to a fresh schema,
dropped at the end.
"""
import os
import uuid

SERVER = ("postgres: host='localhost' port='5432' dbname='sit_test' user='sit_admin' "
          "password='sit_admin' schema='public'")


def run(workdir, report):
    from sit_chartreuse.core import db, transfer
    from .bigstore import big_store
    path = big_store(100_000, 1_000_000)
    server = db.parse_location(os.environ.get("SIT_BENCH_PG", SERVER))
    location = db.PgLocation("bench_copy_%s" % uuid.uuid4().hex[:8], server.params)
    try:
        there = transfer.copy_store(path, location)
        report("#7", "copy GeoPackage -> PostGIS, 1M entries (%d rows)" % there.rows,
               "%.0f s" % there.seconds, "", "minutes, not hours")
        back = transfer.copy_store(location, os.path.join(workdir, "back.gpkg"))
        report("#7", "copy PostGIS -> GeoPackage, the same rows", "%.0f s" % back.seconds,
               "", "minutes, not hours")
    finally:
        conn = db.pg_connect(server)
        conn.execute("DROP SCHEMA IF EXISTS %s CASCADE" % db.Dialect.quote(location.schema))
        conn.close()
