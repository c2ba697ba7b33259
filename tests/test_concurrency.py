"""Several users at once, each a process of its own as two QGIS desktops
are: nothing logged is lost, and a settlement issued while time is being
logged either includes an entry or refuses it (the year lock), never half."""
import os
import subprocess
import sys
import time

from ledger_helpers import sample_features
from sit_chartreuse.core.agreement import convention, settlement
from sit_chartreuse.core.storage import store

WORKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "concurrency_worker.py")


def _start(location, feature, name, count, year, tmp_path, pause=0):
    out = str(tmp_path / ("%s.txt" % name))
    process = subprocess.Popen([sys.executable, WORKER, str(location), feature, name,
                                str(count), str(year), out, str(pause)],
                               stderr=subprocess.PIPE, text=True)
    return process, out


def _finish(process, out):
    _, errors = process.communicate(timeout=600)
    assert process.returncode == 0, errors
    with open(out, encoding="utf-8") as f:
        return [line.split(" ", 3) for line in f.read().splitlines()]


def test_users_logging_at_the_same_moment_lose_nothing(store_location, tmp_path):
    feature = sample_features(store_location)["pav"]
    workers = [_start(store_location, feature, "agent%d" % n, 2500, 2026, tmp_path)
               for n in range(4)]
    reports = [_finish(*worker) for worker in workers]
    logged = [line for report in reports for line in report]
    assert len(logged) == 10000 and all(line[2] == "ok" for line in logged)
    conn = store.open_store(store_location)
    stored = dict(conn.execute("SELECT note, minutes FROM time_entry"))
    assert stored == {note: int(minutes) for note, minutes, _ in logged}
    assert conn.execute("SELECT count(*), count(DISTINCT uuid), sum(minutes) FROM time_entry"
                        ).fetchone() == (10000, 10000, sum(int(m) for _, m, _ in logged))
    # every 100th entry opened a ticket: 25 tickets per user
    assert conn.execute("SELECT count(*) FROM ticket").fetchone()[0] == 100
    conn.close()


def test_a_settlement_issued_while_time_is_logged_includes_or_refuses_each_entry(
        store_location, tmp_path):
    feature = sample_features(store_location)["pav"]
    # A person's pace (an entry every few milliseconds is already fast): the
    # settlement gets its turn between two entries.
    process, out = _start(store_location, feature, "agent", 1000, 2026, tmp_path, pause=0.005)
    conn = store.open_store(store_location)
    deadline = time.time() + 120
    while conn.execute("SELECT count(*) FROM time_entry").fetchone()[0] < 300:
        assert time.time() < deadline and process.poll() is None, "the worker logs nothing"
        time.sleep(0.05)
    issued = settlement.issue(conn, convention.find_convention(conn), 2026)
    report = _finish(process, out)

    accepted = {note: int(m) for note, m, status, *_ in report if status == "ok"}
    refused = [line for line in report if line[2] == "refused"]
    assert accepted and refused, "the settlement came after the last entry or before the first"
    assert all("settled" in line[3] for line in refused)
    # What the worker was told landed is exactly what the store holds...
    assert dict(conn.execute("SELECT note, minutes FROM time_entry")) == accepted
    # ... and exactly what the settlement counted: nothing landed after it.
    settled_minutes = sum(line.actual_minutes for line in issued.lines if line.kind == "days")
    assert settled_minutes == sum(accepted.values())
    conn.close()
