"""The PostgreSQL server of the benchmarks: the tests' (scripts/pg_setup.sh,
which `make bench` runs), or the one of the ``postgres:`` location in the
SIT_BENCH_PG environment variable."""
import os
import uuid
from contextlib import contextmanager

SERVER = ("postgres: host='localhost' port='5432' dbname='sit_test' user='sit_admin' "
          "password='sit_admin' schema='public'")


def server():
    from sit_chartreuse.core.storage import db
    return db.parse_location(os.environ.get("SIT_BENCH_PG", SERVER))


@contextmanager
def scratch_location(prefix):
    """A location in a fresh schema of the server, dropped afterwards."""
    from sit_chartreuse.core.storage import db
    where = server()
    location = db.PgLocation("%s_%s" % (prefix, uuid.uuid4().hex[:8]), where.params)
    try:
        yield location
    finally:
        conn = db.pg_connect(where)
        conn.execute("DROP SCHEMA IF EXISTS %s CASCADE" % db.Dialect.quote(location.schema))
        conn.close()
