"""The PostgreSQL server of the benchmarks: the tests' (scripts/pg_setup.sh,
which `make bench` runs and whose port it passes in SIT_TEST_PGPORT), or the
one of the ``postgres:`` location in the SIT_BENCH_PG environment variable."""
import os
import uuid
from contextlib import contextmanager


def server():
    from sit_chartreuse.core.storage import db
    if "SIT_BENCH_PG" in os.environ:
        return db.parse_location(os.environ["SIT_BENCH_PG"])
    if not os.environ.get("SIT_TEST_PGPORT"):
        raise RuntimeError("No PostgreSQL server for the benchmarks: run them with `make bench` "
                           "(it starts the test server and passes its port in SIT_TEST_PGPORT), "
                           "or name one in SIT_BENCH_PG")
    return db.parse_location(
        "postgres: host='localhost' port='%s' dbname='sit_test' user='sit_admin' "
        "password='sit_admin' schema='public'" % os.environ["SIT_TEST_PGPORT"])


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
