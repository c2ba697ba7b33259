"""A write cut short (kill -9 of the writer, a full disk) leaves the store as
it was, and the plugin opens it again as usual: every entry point, the
read-only ones (check_is_store, the expression functions) included."""
import os
import shutil
import sqlite3
import subprocess

import pytest
from qgis.core import (QgsExpression, QgsExpressionContext, QgsExpressionContextScope,
                       QgsFeature, QgsField, QgsFields)
from qgis.PyQt.QtCore import QVariant

from helpers import killed_when_ready
from ledger_helpers import sample_features
from sit_chartreuse.core.ledger import ledger
from sit_chartreuse.core.storage import store

# A writer that begins a big transaction (rows spilled to the file before the
# commit: a small page cache) and waits, to be killed in the middle of it.
WRITER = """
import time
from sit_chartreuse.core.storage import store
path, mode = sys.argv[1:]
conn = store.connect(path)
assert conn.execute("PRAGMA journal_mode = " + mode).fetchone()[0] == mode
conn.execute("PRAGMA cache_size = 1")
with store.transaction(conn):
    conn.executemany("INSERT INTO pav (flux, observations) VALUES ('verre', ?)",
                     [("x" * 1000,)] * 5000)
    print("written", flush=True)
    time.sleep(600)
"""


def state(path):
    """What the store holds, read by a plain writable connection."""
    conn = sqlite3.connect(path)
    try:
        return (conn.execute("PRAGMA integrity_check").fetchone()[0],
                conn.execute("SELECT count(*), max(fid) FROM pav").fetchone(),
                conn.execute("SELECT sum(minutes) FROM time_entry").fetchone()[0])
    finally:
        conn.close()


def kill_mid_write(path, mode, tmp_path):
    with killed_when_ready(tmp_path, WRITER, [path, mode], "written"):
        pass


def sit_hours(path, uuid):
    """sit_hours() of the pav feature `uuid`, as a label of the SIT's layer
    evaluates it (the variables open_sit sets)."""
    from sit_chartreuse.core.ledger import expressions
    expressions.register()
    try:
        scope = QgsExpressionContextScope()
        scope.setVariable("sit_store", path)
        scope.setVariable("sit_table", "pav")
        context = QgsExpressionContext()
        context.appendScope(scope)   # the context owns it
        fields = QgsFields()
        fields.append(QgsField("uuid", QVariant.String))
        feature = QgsFeature(fields)
        feature["uuid"] = uuid
        context.setFeature(feature)
        expression = QgsExpression("sit_hours()")
        value = expression.evaluate(context)
        assert not expression.hasEvalError(), expression.evalErrorString()
        return value
    finally:
        expressions.unregister()


@pytest.fixture
def logged_store(new_store):
    """(path, pav uuid) of a store with a feature and 2.5 hours on it."""
    uuids = sample_features(new_store)
    conn = store.open_store(new_store)
    ledger.log_time(conn, "2026-03-02", "2,5", layer="pav", feature_uuid=uuids["pav"],
                    category="maintenance_corrective", title="Colonne")
    conn.close()
    return new_store, uuids["pav"]


@pytest.mark.parametrize("reader", ["check_is_store", "open_store", "expression"])
@pytest.mark.parametrize("mode, leftover", [("delete", "-journal"), ("wal", "-wal")])
def test_a_writer_killed_mid_transaction_leaves_a_store_that_reopens(
        logged_store, tmp_path, mode, leftover, reader, qgis_app):
    path, uuid = logged_store
    before = state(path)
    kill_mid_write(path, mode, tmp_path)
    assert os.path.getsize(path + leftover) > 0   # the journal of the cut write
    if reader == "check_is_store":
        store.check_is_store(path)
    elif reader == "open_store":
        store.open_store(path).close()
    else:
        assert sit_hours(path, uuid) == 2.5
    assert state(path) == before


@pytest.fixture
def small_disk(tmp_path):
    """mount(folder, size): a tmpfs of `size` bytes mounted there (unmounted
    afterwards). Needs root, as the tests run here and in CI."""
    mounted = []

    def mount(folder, size):
        os.makedirs(folder)
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%d" % size, "tmpfs", folder],
                       check=True)
        mounted.append(folder)
        return folder
    yield mount
    for folder in mounted:
        subprocess.run(["umount", folder], check=True)


def test_a_full_disk_says_so_and_leaves_the_store_as_it_was(logged_store, small_disk,
                                                            shared_data, run_algorithm,
                                                            tmp_path):
    from qgis.core import QgsProcessingException
    source, uuid = logged_store
    # Room for the store and little more: the 1 418 Nantes containers do not fit.
    disk = small_disk(str(tmp_path / "disk"), os.path.getsize(source) + 64 * 1024)
    path = shutil.copy(source, os.path.join(disk, "sit.gpkg"))
    before = state(path)
    nantes = os.path.join(shared_data, "pav", "pav_conteneurs_nantes_metropole_2018_4326.geojson")
    with pytest.raises(QgsProcessingException, match="The disk holding .*sit.gpkg is full"):
        run_algorithm("importpav", {"STORE": path, "INPUT": nantes,
                                    "OUTPUT_REPORT": str(tmp_path / "rapport.html")})
    assert state(path) == before
    store.open_store(path).close()
    assert sit_hours(path, uuid) == 2.5
