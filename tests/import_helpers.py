"""What the import tests share on both backends (GeoPackage, PostgreSQL)."""
from sit_chartreuse.core.storage import db, store
from helpers import CancelAfter


def snapshot(conn, tables):
    """Every row of `tables`, in insertion order: equal snapshots, same store."""
    return {t: conn.execute("SELECT * FROM %s ORDER BY fid" % db.Dialect.quote(t)).fetchall()
            for t in tables}


def last_changes(conn):
    """gpkg_contents.last_change of every table: a write to a table moves it
    (triggers on both backends), so an import that writes nothing leaves it."""
    return dict(conn.execute("SELECT table_name, CAST(last_change AS TEXT) FROM gpkg_contents"))


def total_changes(conn):
    """sqlite3's count of rows written (GeoPackage); None on PostgreSQL."""
    return getattr(conn, "total_changes", None)


def checks_made(tmp_path, prepare, run):
    """How many times an import asks whether it is cancelled: counted on a
    scratch GeoPackage prepared by `prepare(conn)` (the count depends on the
    delivery, not on the backend), then `run(conn, feedback)`."""
    conn = store.open_store(store.create_store(str(tmp_path / "checks.gpkg")))
    try:
        prepare(conn)
        counter = CancelAfter(10 ** 6)
        run(conn, counter)
    finally:
        conn.close()
    return 10 ** 6 - counter.n

