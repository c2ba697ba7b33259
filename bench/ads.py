"""Issue 6: constraints of ADS dossiers on a big PLUi, against QGIS's own
intersection.

A store is generated deterministically in the work folder: 60 000 parcels
(a 250 x 240 grid of 40 m squares), 10 000 zones (a 100 x 100 grid of
100 x 96 m cells tiling the same ground, so many parcels straddle or only
touch a zone edge), 50 000 prescriptions (20 000 polygons, 20 000 lines,
10 000 points at random places) and 10 000 dossiers on 1 to 3 neighbouring
parcels. Measured: constraints for one dossier (median over 300 dossiers),
for all 10 000 at once, and native:intersection (dossiers x each PLUi
table) for the same answer, which must be identical. Issue 7: the same on a
PostGIS copy of the store (bench/_postgres.py), same answer required.
"""
import os
import random
import statistics
import time

N_PARCELS, PARCEL_COLS, PARCEL_M = 60000, 250, 40.0
ZONE_COLS, ZONE_ROWS = 100, 100
N_PSC_SURF, N_PSC_LIN, N_PSC_PCT = 20000, 20000, 10000
N_DOSSIERS = 10000
X0, Y0 = 910000.0, 6470000.0
TARGET_ONE_MS, TARGET_ALL_S = 50.0, 60.0


def _square(x0, y0, x1, y1):
    return "POLYGON((%r %r,%r %r,%r %r,%r %r,%r %r))" % (x0, y0, x1, y0, x1, y1, x0, y1,
                                                           x0, y0)


def build(path):
    """The generated store; returns the dossier numbers."""
    from sit_chartreuse.core import ads
    from sit_chartreuse.core.storage import store
    rnd = random.Random(20260606)
    store.create_store(path)
    conn = store.open_store(path)
    rows = N_PARCELS // PARCEL_COLS
    width, height = PARCEL_COLS * PARCEL_M, rows * PARCEL_M
    geom = "AsGPB(CastToMulti(GeomFromText(?, 2154)))"
    with store.transaction(conn):
        parcels = []
        for i in range(N_PARCELS):
            r, c = divmod(i, PARCEL_COLS)
            section = "%s%s" % (chr(65 + r // 26 % 26), chr(65 + r % 26))
            idu = "38442000%s%04d" % (section, c + 1)
            x, y = X0 + c * PARCEL_M, Y0 + r * PARCEL_M
            parcels.append((idu, section, "%04d" % (c + 1),
                            _square(x, y, x + PARCEL_M, y + PARCEL_M)))
        conn.executemany("INSERT INTO parcelle (idu, insee, section, numero, geom) "
                         "VALUES (?, '38442', ?, ?, %s)" % geom, parcels)
        zw, zh = width / ZONE_COLS, height / ZONE_ROWS
        conn.executemany(
            "INSERT INTO zone_urba (libelle, typezone, geom) VALUES (?, ?, %s)" % geom,
            [("Z%d-%d" % (r, c), ("U", "AUc", "A", "N")[(r + c) % 4],
              _square(X0 + c * zw, Y0 + r * zh, X0 + (c + 1) * zw, Y0 + (r + 1) * zh))
             for r in range(ZONE_ROWS) for c in range(ZONE_COLS)])

        def spot():
            return X0 + rnd.uniform(0, width), Y0 + rnd.uniform(0, height)
        surf = []
        for i in range(N_PSC_SURF):
            x, y = spot()
            s = rnd.uniform(15, 80)
            surf.append(("EBC %d" % i, _square(x, y, x + s, y + s)))
        lines = []
        for i in range(N_PSC_LIN):
            x, y = spot()
            lines.append(("Haie %d" % i, "LINESTRING(%r %r,%r %r)" % (
                x, y, x + rnd.uniform(-150, 150), y + rnd.uniform(-150, 150))))
        points = [("Arbre %d" % i, "POINT(%r %r)" % spot()) for i in range(N_PSC_PCT)]
        for table, code, features in (("prescription_surf", "01", surf),
                                      ("prescription_lin", "07", lines),
                                      ("prescription_pct", "07", points)):
            conn.executemany("INSERT INTO %s (libelle, typepsc, stypepsc, geom) "
                             "VALUES (?, '%s', '00', %s)" % (table, code, geom), features)
        numeros, links = [], []
        for i in range(N_DOSSIERS):
            numero = "PC038442%02d%05d" % (20 + i // 90000, i % 90000 + 1)
            first = rnd.randrange(N_PARCELS - 3)
            numeros.append(numero)
            links += [(numero, parcels[first + k][0]) for k in range(rnd.randint(1, 3))]
        conn.executemany("INSERT INTO ads_dossier (numero, type_dossier, insee, statut) "
                         "VALUES (?, 'PC', '38442', 'instruction')", [(n,) for n in numeros])
        conn.executemany("INSERT INTO ads_dossier_parcelle (numero, idu) VALUES (?, ?)", links)
        ads.update_footprints(conn)
    conn.execute("ANALYZE")
    conn.close()
    return numeros


def _ours(conn, numeros):
    from sit_chartreuse.core import ads
    subjects = ads.compute_constraints(conn, ads.dossier_subjects(conn, numeros))
    return {(s.key, c.uuid) for s in subjects for c in s.constraints}


def _native(path):
    """Pairs (numero, uuid) from native:intersection, kept by the same rule:
    positive area for polygons, positive length for lines, points inside."""
    from qgis.analysis import QgsNativeAlgorithms
    from qgis.core import (QgsApplication, QgsProcessingContext, QgsProcessingFeedback,
                           QgsVectorLayer)
    from sit_chartreuse.core.ads import MIN_AREA_M2, MIN_LENGTH_M
    registry = QgsApplication.processingRegistry()
    if registry.providerById("native") is None:
        registry.addProvider(QgsNativeAlgorithms())
    dossiers = QgsVectorLayer(path + "|layername=ads_dossier", "ads_dossier", "ogr")
    pairs = set()
    for table, family in (("zone_urba", "polygon"), ("prescription_surf", "polygon"),
                          ("prescription_lin", "line"), ("prescription_pct", "point")):
        plui = QgsVectorLayer(path + "|layername=" + table, table, "ogr")
        # The output takes the input's geometry type: lines and points go first.
        first, second = (dossiers, plui) if family == "polygon" else (plui, dossiers)
        context = QgsProcessingContext()
        algorithm = registry.createAlgorithmById("native:intersection")
        results, ok = algorithm.run({
            "INPUT": first, "OVERLAY": second, "INPUT_FIELDS": [], "OVERLAY_FIELDS": [],
            "OVERLAY_FIELDS_PREFIX": "o_", "OUTPUT": "TEMPORARY_OUTPUT"},
            context, QgsProcessingFeedback())
        assert ok, table
        out = context.getMapLayer(results["OUTPUT"])
        numero, uuid = ("numero", "o_uuid") if family == "polygon" else ("o_numero", "uuid")
        for f in out.getFeatures():
            g = f.geometry()
            if (family == "polygon" and g.area() > MIN_AREA_M2) or \
                    (family == "line" and g.length() > MIN_LENGTH_M) or family == "point":
                pairs.add((f[numero], f[uuid]))
    return pairs


def _one_and_all(conn, numeros):
    """(median ms for one dossier over 300, seconds for all, the constraints)."""
    times = []
    for numero in random.Random(7).sample(numeros, 300):
        t = time.perf_counter()
        _ours(conn, [numero])
        times.append(time.perf_counter() - t)
    t = time.perf_counter()
    found = _ours(conn, numeros)
    return statistics.median(times) * 1000, time.perf_counter() - t, found


def run(workdir, report):
    from sit_chartreuse.core.storage import store, transfer
    from ._postgres import scratch_location
    path = os.path.join(workdir, "ads.gpkg")
    start = time.perf_counter()
    numeros = build(path)
    print("  (ADS store generated in %.0f s)" % (time.perf_counter() - start), flush=True)
    conn = store.open_store(path)
    one, all_s, ours = _one_and_all(conn, numeros)
    conn.close()
    report("#6", "adsconstraints: one dossier (median of 300)", "%.1f ms" % one, "",
           "< %.0f ms %s" % (TARGET_ONE_MS, "OK" if one < TARGET_ONE_MS else "MISSED"))
    t = time.perf_counter()
    native = _native(path)
    native_s = time.perf_counter() - t
    same = ours == native
    report("#6", "adsconstraints: 10 000 dossiers (%d constraints)" % len(ours),
           "%.1f s" % all_s, "native:intersection %.1f s" % native_s,
           "< %.0f s %s; same answer: %s" % (TARGET_ALL_S, "OK" if all_s < TARGET_ALL_S
                                             else "MISSED", "yes" if same else "NO"))
    if not same:
        print("  only ours: %s\n  only native: %s" % (sorted(ours - native)[:5],
                                                     sorted(native - ours)[:5]))

    with scratch_location("bench_ads") as location:
        transfer.copy_store(path, location)
        conn = store.open_store(location)
        conn.execute("ANALYZE")
        pg_one, pg_all, pg_found = _one_and_all(conn, numeros)
        conn.close()
    report("#7", "adsconstraints on PostGIS: one dossier (median of 300)", "%.1f ms" % pg_one,
           "GeoPackage %.1f ms" % one, "< %.0f ms %s" % (
               TARGET_ONE_MS, "OK" if pg_one < TARGET_ONE_MS else "MISSED"))
    report("#7", "adsconstraints on PostGIS: 10 000 dossiers", "%.1f s" % pg_all,
           "GeoPackage %.1f s" % all_s, "< %.0f s %s; same answer: %s" % (
               TARGET_ALL_S, "OK" if pg_all < TARGET_ALL_S else "MISSED",
               "yes" if pg_found == ours else "NO"))
