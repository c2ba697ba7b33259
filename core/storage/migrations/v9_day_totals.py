"""Schema v9, frozen: `time_day_total`, the ledger's minutes per work date
and ticket category, which the consumption and the settlement's lines read
instead of every time entry (a few thousand rows for a million entries).
Triggers keep it (day_total_triggers in core/storage/sqlite_ddl.py and
pg_ddl.py, rules of today's version); this step fills it from the entries
already there. The GeoPackage also gets time_day_recount, where its triggers
note the days a REPLACE may take time from."""

SQL = [
    "CREATE TABLE time_day_total (work_date DATE NOT NULL, category TEXT NOT NULL, "
    "minutes INTEGER NOT NULL, PRIMARY KEY (work_date, category))",
    "INSERT INTO time_day_total (work_date, category, minutes) "
    "SELECT te.work_date, t.category, SUM(te.minutes) FROM time_entry te "
    "JOIN ticket t ON t.uuid = te.ticket_uuid GROUP BY te.work_date, t.category",
]


# PostgreSQL: the roles granted before (core/storage/roles.py) got writes on
# the new table by default privileges; its triggers write it as the owner,
# the roles only read it.
_READ_ONLY = (
    "DO $sit$ DECLARE r text; BEGIN FOR r IN SELECT DISTINCT a.grantee::regrole::text "
    "FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a "
    "WHERE c.oid = 'time_day_total'::regclass AND a.grantee NOT IN (0, c.relowner) "
    "AND a.privilege_type <> 'SELECT' LOOP EXECUTE 'REVOKE INSERT, UPDATE, DELETE, "
    "TRUNCATE ON time_day_total FROM ' || r; END LOOP; END $sit$")


def step(schema=None):
    return SQL + ([_READ_ONLY] if schema else [
        "CREATE TABLE time_day_recount (work_date DATE NOT NULL, category TEXT NOT NULL)"])
