"""Issue 5: importing 60 000 parcels (the order of the Communauté's cadastre)
under 15 s and within 3x of ogr2ogr writing the same features into a
GeoPackage. The parcels are generated deterministically in Etalab's layout
(cadastre-XXXXX-parcelles.json, EPSG:4326) in the bench's work folder.
Issue 7: the same import into a PostGIS store (bench/_postgres.py), for
information.
Issue 13: the 7 425 real parcels of a Savoie commune (Etalab, 2019) imported
beside ogr2ogr writing the same features (aim: within 2x).
Issue 12: importtime of 20 000 and 200 000 generic lines (features named by
their code, a few hundred tickets) into a GeoPackage, linear and under 20 s
for 200 000, and how long a writer beside it (the map tool's logtime) waits
at worst meanwhile: the write lock is taken only for the final write."""
import json
import os
import random
import resource
import subprocess
import threading
import time

N_PARCELS = 60000
TARGET_S, TARGET_RATIO = 15.0, 3.0
TIME_LINES = (20000, 200000)
TIME_TARGET_S = 20.0
# Measured before the fix (issue 12): 34 s and 721 s, the lock held throughout.
TIME_BEFORE_S = {20000: 34, 200000: 721}
N_CODES = 400
SAVOIE = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), "shared", "data", "cadastre", "etalab_73253_savoie_2019",
    "2019-73253.json")
SAVOIE_RATIO = 2.0


def write_parcels(path, n=N_PARCELS):
    """`n` irregular octagons on a grid near Saint-Laurent-du-Pont, spread over
    17 INSEE codes and their sections, as Etalab writes them."""
    rnd = random.Random(20260101)
    cols = 250
    step_x, step_y = 0.0006, 0.0004          # about 47 m x 44 m
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"type":"FeatureCollection","features":[\n')
        for i in range(n):
            row, col = divmod(i, cols)
            x0, y0 = 5.70 + col * step_x, 45.30 + row * step_y
            ring = []
            for k, (dx, dy) in enumerate(((0, 0), (.5, 0), (1, 0), (1, .5), (1, 1),
                                          (.5, 1), (0, 1), (0, .5))):
                jitter = 0.0 if k % 2 == 0 else rnd.uniform(-0.1, 0.1)
                ring.append([round(x0 + (dx + (jitter if dy in (0, 1) else 0)) * step_x, 7),
                             round(y0 + (dy + (jitter if dx in (0, 1) else 0)) * step_y, 7)])
            ring.append(ring[0])
            insee = "38%03d" % (100 + i % 17)
            section = "%s%s" % (chr(65 + (i // 9999) % 26), chr(65 + (i // 384) % 26))
            numero = str(1 + i % 9999)
            idu = insee + "000" + section + numero.zfill(4)
            feature = {"type": "Feature", "id": idu, "properties": {
                "id": idu, "commune": insee, "prefixe": "000", "section": section,
                "numero": numero, "contenance": 2000 + rnd.randint(0, 200),
                "created": "2008-07-14", "updated": "2025-03-03"},
                "geometry": {"type": "Polygon", "coordinates": [ring]}}
            f.write(json.dumps(feature, separators=(",", ":")))
            f.write(",\n" if i < n - 1 else "\n")
        f.write("]}\n")
    return path


def write_time_entries(path, n):
    """`n` generic lines: 5 agents, 2025's working days, each on one of
    N_CODES drop-off points or pipes named by their code."""
    rnd = random.Random(20260102)
    with open(path, "w", encoding="utf-8") as f:
        f.write("date;agent;hours;category;application;layer;feature_uuid;code;ticket;title;"
                "note\n")
        for i in range(n):
            code = ("PAV-%04d" if i % 2 else "EU-%04d") % (i % N_CODES)
            f.write("2025-%02d-%02d;agent%d;%s;%s;;;;%s;;Intervention %s;ligne %d\n" % (
                1 + i % 12, 1 + i % 28, i % 5, rnd.choice(("0,5", "1", "1:15", "2,25")),
                rnd.choice(("maintenance_corrective", "hotline")), code, code, i))
    return path


def _time_store(path):
    """A GeoPackage with N_CODES drop-off points and pipes, coded as the lines name them."""
    from sit_chartreuse.core.storage import store
    conn = store.open_store(store.create_store(path))
    with store.transaction(conn):
        for n in range(N_CODES):
            x, y = 910000 + 40 * n, 6480000
            conn.execute("INSERT INTO pav (geom, identifiant, flux) VALUES "
                         "(AsGPB(GeomFromText(?, 2154)), ?, 'verre')",
                         ("POINT (%d %d)" % (x, y), "PAV-%04d" % n))
            conn.execute("INSERT INTO raepa_canalass_l (geom, idcana, typreseau) VALUES "
                         "(AsGPB(GeomFromText(?, 2154)), ?, '02')",
                         ("LINESTRING (%d %d, %d %d)" % (x, y + 10, x + 30, y + 10),
                          "EU-%04d" % n))
    return conn


def _writer_waits(path, stop):
    """Longest time (s) a time entry logged every 50 ms by another connection took."""
    from sit_chartreuse.core.ledger import ledger
    from sit_chartreuse.core.storage import store
    conn, longest = store.open_store(path), 0.0
    while not stop.is_set():
        start = time.perf_counter()
        ledger.log_time(conn, "2026-01-05", "0,25", application="pav", category="hotline",
                        title="Appel pendant l'import")
        longest = max(longest, time.perf_counter() - start)
        time.sleep(0.05)
    conn.close()
    return longest


def run_time_import(workdir, report):
    from sit_chartreuse.core.ledger import timeimport
    figures = {}
    for n in TIME_LINES:
        source = write_time_entries(os.path.join(workdir, "temps-%d.csv" % n), n)
        path = os.path.join(workdir, "temps-%d.gpkg" % n)
        conn = _time_store(path)
        stop, waits = threading.Event(), []
        writer = threading.Thread(target=lambda: waits.append(_writer_waits(path, stop)))
        writer.start()
        start = time.perf_counter()
        try:
            result = timeimport.import_time(conn, source)
        finally:
            elapsed = time.perf_counter() - start
            stop.set()
            writer.join()
        assert len(result.entries) == n
        conn.close()
        figures[n] = elapsed, waits[0]
    (small, small_wait), (big, big_wait) = (figures[n] for n in TIME_LINES)
    report("#12", "importtime: 20 000 | 200 000 lines", "%.1f s | %.1f s" % (small, big),
           "before: %d s | %d s" % tuple(TIME_BEFORE_S[n] for n in TIME_LINES),
           "200 000 < %.0f s, linear %s" % (TIME_TARGET_S, "OK" if big < TIME_TARGET_S
                                             and big < 15 * small else "MISSED"))
    report("#12", "  a writer's longest wait meanwhile: 20 000 | 200 000",
           "%.1f s | %.1f s" % (small_wait, big_wait), "before: 30 s (timed out)",
           "the final write only")


def run_savoie(workdir, report):
    from sit_chartreuse.core.imports.cadastre import import_cadastre
    from sit_chartreuse.core.storage import store

    conn = store.open_store(store.create_store(os.path.join(workdir, "savoie.gpkg")))
    start = time.perf_counter()
    import_cadastre(conn, SAVOIE)
    ours = time.perf_counter() - start
    assert conn.execute("SELECT count(*) FROM parcelle").fetchone()[0] == 7425
    conn.close()
    start = time.perf_counter()
    subprocess.run(["ogr2ogr", "-f", "GPKG", "-t_srs", "EPSG:2154", "-nlt", "MULTIPOLYGON",
                    "-nln", "parcelle", os.path.join(workdir, "savoie-ogr2ogr.gpkg"), SAVOIE],
                   check=True)
    baseline = time.perf_counter() - start
    ratio = ours / baseline
    report("#13", "importcadastre: 7 425 real Savoie parcels", "%.2f s" % ours,
           "ogr2ogr %.2f s (x%.1f)" % (baseline, ratio),
           "< x%.0f %s" % (SAVOIE_RATIO, "OK" if ratio < SAVOIE_RATIO else "MISSED"))


def run(workdir, report):
    run_time_import(workdir, report)
    run_savoie(workdir, report)
    from sit_chartreuse.core.imports.cadastre import import_cadastre
    from sit_chartreuse.core.storage import store

    source = write_parcels(os.path.join(workdir, "cadastre-38-parcelles.json"))
    conn = store.open_store(store.create_store(os.path.join(workdir, "sit.gpkg")))
    start, cpu = time.perf_counter(), time.process_time()
    result = import_cadastre(conn, source, millesime=2026)
    ours, ours_cpu = time.perf_counter() - start, time.process_time() - cpu
    count = conn.execute("SELECT count(*) FROM parcelle").fetchone()[0]
    assert count == N_PARCELS, (count, result.outcome)
    # The yearly update: the same parcels next year, each compared, none written.
    start = time.perf_counter()
    import_cadastre(conn, source, millesime=2026)
    rerun = time.perf_counter() - start
    conn.close()

    start, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(["ogr2ogr", "-f", "GPKG", "-t_srs", "EPSG:2154", "-nlt", "MULTIPOLYGON",
                    "-nln", "parcelle", os.path.join(workdir, "ogr2ogr.gpkg"), source],
                   check=True)
    baseline, baseline_cpu = time.perf_counter() - start, _children_cpu() - cpu
    ratio = ours / baseline
    report("#5", "importcadastre: 60 000 Etalab parcels", "%.1f s" % ours,
           "ogr2ogr %.1f s (x%.1f)" % (baseline, ratio),
           "< %.0f s, < x%.0f %s" % (TARGET_S, TARGET_RATIO,
                                     "OK" if ours < TARGET_S and ratio < TARGET_RATIO
                                     else "MISSED"))
    # CPU times too: on a loaded machine the wall-clock ratio says little.
    report("#5", "  the same, CPU time", "%.1f s" % ours_cpu,
           "ogr2ogr %.1f s (x%.1f)" % (baseline_cpu, ours_cpu / baseline_cpu), "")
    report("#5", "importcadastre: same 60 000 again (nothing changed)", "%.1f s" % rerun,
           "", "idempotent")

    from ._postgres import scratch_location
    with scratch_location("bench_import") as location:
        conn = store.open_store(store.create_store(location))
        start = time.perf_counter()
        import_cadastre(conn, source, millesime=2026)
        pg = time.perf_counter() - start
        assert conn.execute("SELECT count(*) FROM parcelle").fetchone()[0] == N_PARCELS
        start = time.perf_counter()
        import_cadastre(conn, source, millesime=2026)
        pg_rerun = time.perf_counter() - start
        conn.close()
    report("#7", "importcadastre into PostGIS: 60 000 parcels", "%.1f s" % pg,
           "GeoPackage %.1f s" % ours, "(for information)")
    report("#7", "  the same again into PostGIS (nothing changed)", "%.1f s" % pg_rerun,
           "GeoPackage %.1f s" % rerun, "idempotent")


def _children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
