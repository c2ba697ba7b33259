"""Moving a SIT: copy a whole store into a new store, on either backend.

GeoPackage -> PostgreSQL/PostGIS, and back (or between two stores of one
kind). The target is created by `store.create_store` and filled in the
creation's ONE transaction: every row of every table with its uuid (the key
rows point at each other with), geometry through WKB, the source's agreement
in place of the seed's. Row counts are compared per table before the commit;
any difference rolls everything back. A failed, cancelled or killed copy
leaves no target behind: a PostgreSQL schema (or what the copy added to an
empty one) goes with the rolled-back transaction, a GeoPackage is built in a
partial file that only appears under its name at the end (the next copy or
creation removes what a killed one left of it).
Timestamps keep their instant: a GeoPackage receives them in its DATETIME
form (UTC, to the millisecond, as the store's own triggers write them).

The source is read in one snapshot (a read transaction), so that a store in
use copies consistently; a GeoPackage's writers wait for the copy to end.
The tables of the schema (core/schema) are copied, not the QGIS project a
store may hold: its layers point at the source, and the plugin builds the
new store's project the first time it opens it.
"""
import datetime
import os
import re
import sqlite3
import time
from dataclasses import dataclass, field

from ..errors import SitError
from ..i18n import tr
from ..schema import BY_NAME, TABLES
from ..schema.model import BOOLEAN, DATETIME
from . import db, pg_ddl, store

BATCH = 1000   # rows read and written at a time


class TransferError(SitError):
    """The copy was refused or failed: the target was left as it was found."""


@dataclass
class TransferReport:
    source: str                    # where the rows came from (no credentials)
    target: str
    counts: list = field(default_factory=list)   # [(table, source rows, target rows)]
    seconds: float = 0.0

    @property
    def rows(self):
        return sum(source for _, source, _ in self.counts)

    def lines(self):
        return ["%s\t%d\t%d" % row for row in self.counts]


def copy_order():
    """Every table, in an order in which the target's rules accept a faithful
    copy: catalogued features before the tickets pointing at them, the last
    state of deleted features (`deleted_feature`) before the tickets still
    pointing there, time entries and hosting costs before the settlements
    (last in TABLES) whose year lock would refuse them afterwards, and a
    settlement's lines before it (schema v5)."""
    order = [t for t in TABLES if t.name not in ("deleted_feature", "settlement_line")]
    order.insert(order.index(BY_NAME["ticket"]), BY_NAME["deleted_feature"])
    order.insert(order.index(BY_NAME["settlement"]), BY_NAME["settlement_line"])
    return order


def _label(location):
    return location.label if isinstance(location, db.PgLocation) else location


def copy_store(source_location, target_location, feedback=None):
    """Copy the SIT at `source_location` into a new store at `target_location`
    (GeoPackage paths or PostgreSQL locations, core/storage/db.py). An existing target
    is refused and left untouched. Returns a TransferReport."""
    started = time.perf_counter()
    source = db.parse_location(source_location)
    target = db.parse_location(target_location)
    if not isinstance(source, db.PgLocation):
        source = os.path.abspath(source)
    if not isinstance(target, db.PgLocation):
        target = os.path.abspath(target)
        if os.path.exists(target):   # refused before the source is read
            raise TransferError(tr("{path} already exists: a SIT store is never overwritten.")
                                .format(path=target))

    report = TransferReport(_label(source), _label(target))

    def fill(dst):
        try:
            _begin_snapshot(src)
            _copy(src, dst, report, feedback)
        except sqlite3.Error as e:   # PostgreSQL's errors too (core/storage/db.py)
            raise TransferError(tr("Cannot copy {source} to {target}: {error}").format(
                source=report.source, target=report.target, error=e))

    src = store.open_store(source)   # migrated first if written by an older release
    try:
        store.create_store(target, fill=fill)
    finally:
        if src.in_transaction:
            src.execute("ROLLBACK")   # the read snapshot: nothing to keep
        src.close()
    report.seconds = time.perf_counter() - started
    return report


def _begin_snapshot(conn):
    # One snapshot for every table: rows written meanwhile are all in or all out.
    conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"
                 if db.dialect(conn) is db.POSTGRES else "BEGIN")
    conn.execute("SELECT 1 FROM sit_meta LIMIT 1").fetchall()   # SQLite: take the read lock


def _count(conn, table):
    return conn.execute("SELECT count(*) FROM %s" % db.Dialect.quote(table)).fetchone()[0]


# -- the copy ------------------------------------------------------------------

def _copy(src, dst, report, feedback):
    counts = {t.name: _count(src, t.name) for t in copy_order()}
    # The new store holds the seed's agreement: the source's replaces it.
    for table in ("convention_line", "convention_amendment", "convention"):
        dst.execute("DELETE FROM %s" % table)
    # Code lists are the shipped ones; codes only the source knows are kept.
    dst.executemany("INSERT INTO codelist (list, code, label, description) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (list, code) DO NOTHING",
                    src.execute("SELECT list, code, label, description FROM codelist").fetchall())
    total, done = max(sum(counts.values()), 1), 0
    bulk_totals = db.dialect(dst) is db.POSTGRES
    for name in pg_ddl.DAY_TOTAL_TRIGGERS if bulk_totals else ():
        dst.execute("ALTER TABLE time_entry DISABLE TRIGGER %s" % db.Dialect.quote(name))
    for table in copy_order():
        for n in _copy_table(src, dst, table):
            done += n
            _check_cancel(feedback)
            if feedback is not None:
                feedback.setProgress(100.0 * done / total)
        if feedback is not None:
            feedback.pushInfo(tr("{table}: {n} rows").format(table=table.name,
                                                             n=counts[table.name]))
    if bulk_totals:   # in the copy's transaction, as the triggers were turned off
        dst.execute(pg_ddl.COUNT_DAY_TOTALS)
        for name in pg_ddl.DAY_TOTAL_TRIGGERS:
            dst.execute("ALTER TABLE time_entry ENABLE TRIGGER %s" % db.Dialect.quote(name))
    _copy_meta(src, dst, report.source)
    _check_cancel(feedback)   # up to the commit
    report.counts = [(name, n, _count(dst, name)) for name, n in counts.items()]
    differ = ["%s (%d → %d)" % row for row in report.counts if row[1] != row[2]]
    if differ:
        raise TransferError(tr("The copy does not hold every row of the source, nothing was "
                               "kept: {tables}").format(tables=", ".join(differ)))


def _check_cancel(feedback):
    if feedback is not None and feedback.isCanceled():
        raise TransferError(tr("Copy cancelled: no SIT store was created."))


def _copy_table(src, dst, table):
    """Copy `table` in batches (by fid, in the source's order); yields the
    number of rows of each batch."""
    quote = db.Dialect.quote
    columns = ["uuid"] + [f.name for f in table.fields]
    read = ["uuid"] + [_read_sql(src, dst, f) for f in table.fields]
    values = ["?"] * len(columns)
    if table.geometry:
        columns.append("geom")
        read.append("ST_AsBinary(geom)")
        values.append(db.dialect(dst).geom_from_wkb)
    select = "SELECT fid, %s FROM %s WHERE fid > ? ORDER BY fid LIMIT %d" % (
        ", ".join(read), quote(table.name), BATCH)
    insert = "INSERT INTO %s (%s)" % (quote(table.name), ", ".join(quote(c) for c in columns))
    one = "(%s)" % ", ".join(values)
    # GeoPackage -> PostgreSQL: booleans from 0/1 (SQLite stores True/False as
    # 1/0), timestamps written without an offset (local time) said to be so.
    to_pg = db.dialect(src) is db.SQLITE and db.dialect(dst) is db.POSTGRES
    convert = [(i, _CONVERT[f.type]) for i, f in enumerate(table.fields, 1)
               if to_pg and f.type in _CONVERT]
    last = 0
    while True:
        batch = src.execute(select, (last,)).fetchall()
        if not batch:
            return
        last = batch[-1][0]
        rows = [list(r[1:]) for r in batch]
        for row in rows:
            for i, function in convert:
                row[i] = function(row[i])
        _insert(dst, table.name, insert, one, rows)
        yield len(rows)


_OFFSET = re.compile(r"(Z|[+-]\d\d(:?\d\d)?)$")


def _boolean(value):
    return bool(value) if isinstance(value, int) else value


def _timestamp(value):
    """A GeoPackage timestamp without offset is local time (as QGIS shows it),
    which PostgreSQL would read as UTC: add the offset."""
    if not isinstance(value, str) or len(value) <= 10 or _OFFSET.search(value):
        return value
    try:
        return datetime.datetime.fromisoformat(value).astimezone().isoformat()
    except ValueError:
        return value   # PostgreSQL refuses it, and the copy names the row


_CONVERT = {BOOLEAN: _boolean, DATETIME: _timestamp}


def _read_sql(src, dst, f):
    """The source column as the target takes it. Timestamps keep their full
    precision (the connection's reader rounds them to the second): as text
    for PostgreSQL, in the GeoPackage's DATETIME form for a GeoPackage."""
    column = db.Dialect.quote(f.name)
    if f.type != DATETIME or db.dialect(src) is db.SQLITE:
        return column
    if db.dialect(dst) is db.POSTGRES:
        return "CAST(%s AS TEXT)" % column
    return "to_char(%s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')" % column


def _insert(dst, table, insert, one, rows):
    """Insert a batch; if the target refuses it, name the row at fault."""
    dst.execute("SAVEPOINT sit_copy")
    try:
        db.dialect(dst).insert_many(dst, insert, one, rows)
    except sqlite3.Error as batch_error:
        dst.execute("ROLLBACK TO SAVEPOINT sit_copy")   # PostgreSQL: the transaction lives on
        for row in rows:
            try:
                dst.execute("%s VALUES %s" % (insert, one), row)
            except sqlite3.Error as e:
                raise TransferError(tr("The target refused row {uuid} of {table}: {error}")
                                    .format(uuid=row[0], table=table, error=e)) from None
        raise TransferError(tr("The target refused rows of {table}: {error}")
                            .format(table=table, error=batch_error)) from None
    dst.execute("RELEASE SAVEPOINT sit_copy")


def _copy_meta(src, dst, source_label):
    """The target keeps its own version and creation; the source's other keys
    come along, and the copy records where and when it came from."""
    own = ("schema_version", "created_by", "created_at", "copied_from", "copied_at")
    rows = [r for r in src.execute("SELECT key, value FROM sit_meta").fetchall()
            if r[0] not in own]
    rows += [("copied_from", source_label),
             ("copied_at", datetime.datetime.now(datetime.timezone.utc)
              .strftime("%Y-%m-%dT%H:%M:%SZ"))]
    dst.executemany("INSERT INTO sit_meta (key, value) VALUES (?, ?) ON CONFLICT (key) "
                    "DO UPDATE SET value = excluded.value", rows)

