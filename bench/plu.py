"""Issue 13: a generated 1 000-zone PLUi (a CNIG 2024 delivery written with
OGR: zones tiling the territory with realistic attributes, and a few
prescriptions) imported by sitchartreuse:importplu beside ogr2ogr writing
the same layers into a GeoPackage; then sitchartreuse:exportplu of the store
beside ogr2ogr exporting the same tables, with the same fields, to
shapefiles (aim: within 2x). ogr2ogr runs in-process (gdal.VectorTranslate,
the same code without a process start per layer). Medians of 3 runs."""
import csv
import os
import random
import statistics
import time

from osgeo import gdal, ogr, osr

from ._processing import init_processing

SIREN, DATAPPRO = "200040111", "20191219"
IDURBA = "%s_PLUi_%s" % (SIREN, DATAPPRO)
COMMUNES = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), "shared", "data", "communes",
    "communes_cc_coeur_de_chartreuse.csv")
COLS, ROWS = 40, 25                 # 1 000 zones of 250 m x 250 m
CELL, STEPS = 250.0, 25             # 25 vertices a side: 100 a zone
ORIGIN = (905000.0, 6470000.0)      # Lambert-93, around Saint-Laurent-du-Pont
N_PSC = {"PRESCRIPTION_SURF": 60, "PRESCRIPTION_LIN": 40, "PRESCRIPTION_PCT": 30}
RUNS = 3
TARGET_RATIO = 2.0
# (LIBELLE, LIBELONG, TYPEZONE), drawn with these weights.
ZONES = (("Ua", "Ua : zone urbaine centrale", "U", 8), ("Ub", "Ub : zone urbaine "
         "pavillonnaire", "U", 14), ("Ue", "Ue : équipements publics", "U", 3),
         ("Ui", "Ui : activités économiques", "U", 3), ("1AUa", "1AUa : à urbaniser, "
         "ouverte", "AUc", 4), ("2AU", "2AU : à urbaniser, fermée", "AUs", 2),
         ("A", "A : zone agricole", "A", 25), ("Ap", "Ap : agricole protégée", "A", 8),
         ("N", "N : zone naturelle et forestière", "N", 25), ("Nzh", "Nzh : zones "
         "humides", "N", 5), ("Nl", "Nl : loisirs", "N", 3))
FORMDOMI = ("0101", "0102", "0103", "0104", "0200", "0000")
# (TYPEPSC, STYPEPSC, LIBELLE) of the 2024 list, per layer.
PSC = {"PRESCRIPTION_SURF": (("01", "00", "Espace boisé classé"),
                             ("07", "03", "Boisement paysager à protéger")),
       "PRESCRIPTION_LIN": (("05", "01", "Emplacement réservé : élargissement de voie"),
                            ("07", "02", "Haie à protéger")),
       "PRESCRIPTION_PCT": (("07", "01", "Bâtiment patrimonial"),
                            ("07", "02", "Arbre remarquable"))}
TABLES = ("DOC_URBA", "DOC_URBA_COM", "ZONE_URBA", "PRESCRIPTION_SURF", "PRESCRIPTION_LIN",
          "PRESCRIPTION_PCT", "INFO_SURF", "INFO_LIN", "INFO_PCT")
_KINDS = {"ZONE_URBA": ogr.wkbPolygon, "PRESCRIPTION_SURF": ogr.wkbPolygon,
          "PRESCRIPTION_LIN": ogr.wkbLineString, "PRESCRIPTION_PCT": ogr.wkbPoint,
          "INFO_SURF": ogr.wkbPolygon, "INFO_LIN": ogr.wkbLineString, "INFO_PCT": ogr.wkbPoint}


def _jitter(x, y):
    """A vertex's offset, a function of its place alone: two neighbouring
    zones draw their common edge through the same vertices."""
    rnd = random.Random(hash((round(x, 3), round(y, 3))))
    return rnd.uniform(-8, 8)


def _zone_ring(col, row):
    x0, y0 = ORIGIN[0] + col * CELL, ORIGIN[1] + row * CELL
    corners = [(x0, y0), (x0 + CELL, y0), (x0 + CELL, y0 + CELL), (x0, y0 + CELL)]
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for (ax, ay), (bx, by) in zip(corners, corners[1:] + corners[:1]):
        for k in range(STEPS):
            x, y = ax + (bx - ax) * k / STEPS, ay + (by - ay) * k / STEPS
            d = _jitter(x, y) if k else 0.0          # corners stay put
            ring.AddPoint_2D(x + d if ax == bx else x, y + d if ay == by else y)
    ring.CloseRings()
    return ring


def _prescription(layer, rnd):
    x = ORIGIN[0] + rnd.uniform(20, COLS * CELL - 60)
    y = ORIGIN[1] + rnd.uniform(20, ROWS * CELL - 60)
    if layer == "PRESCRIPTION_PCT":
        g = ogr.Geometry(ogr.wkbPoint)
        g.AddPoint_2D(x, y)
        return g
    if layer == "PRESCRIPTION_LIN":
        g = ogr.Geometry(ogr.wkbLineString)
        for k in range(12):
            g.AddPoint_2D(x + 15 * k, y + rnd.uniform(-3, 3))
        return g
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for dx, dy in ((0, 0), (40, 0), (40, 30), (0, 30), (0, 0)):
        ring.AddPoint_2D(x + dx, y + dy)
    g = ogr.Geometry(ogr.wkbPolygon)
    g.AddGeometry(ring)
    return g


def write_delivery(folder):
    """The generated PLUi as the CNIG 2024 template lays it out; its path."""
    from sit_chartreuse.core.schema import cnig
    rnd = random.Random(20261201)
    with open(COMMUNES, encoding="utf-8") as f:
        communes = [r["insee"] for r in csv.DictReader(f)]
    reglement = "%s_reglement_%s.pdf" % (SIREN, DATAPPRO)
    rows = {"DOC_URBA": [(None, dict(
        idurba=IDURBA, typedoc="PLUi", etat="03", nomproc="M1", datappro=DATAPPRO,
        siren=SIREN, nomreg=reglement, nomplan="%s_plan_%s.pdf" % (SIREN, DATAPPRO),
        typeref="01", dateref="20190101"))],
        "DOC_URBA_COM": [(None, dict(idurba=IDURBA, insee=insee)) for insee in communes]}
    zones, weights = ZONES, [z[3] for z in ZONES]
    rows["ZONE_URBA"] = []
    for n in range(COLS * ROWS):
        libelle, libelong, typezone, _ = rnd.choices(zones, weights)[0]
        polygon = ogr.Geometry(ogr.wkbPolygon)
        polygon.AddGeometry(_zone_ring(n % COLS, n // COLS))
        rows["ZONE_URBA"].append((polygon, dict(
            libelle=libelle, libelong=libelong, typezone=typezone,
            formdomi=rnd.choice(FORMDOMI) if typezone == "U" else None, nomfic=reglement,
            idurba=IDURBA, datvalid=DATAPPRO)))
    for layer, count in N_PSC.items():
        rows[layer] = []
        for _ in range(count):
            typepsc, stypepsc, libelle = rnd.choice(PSC[layer])
            rows[layer].append((_prescription(layer, rnd), dict(
                libelle=libelle, txt="L151-23", typepsc=typepsc, stypepsc=stypepsc,
                nomfic=reglement, idurba=IDURBA, datvalid=DATAPPRO)))
    root = os.path.join(folder, "%s_PLUi_%s" % (SIREN, DATAPPRO))
    os.makedirs(os.path.join(root, "Donnees_geographiques"))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    driver = ogr.GetDriverByName("ESRI Shapefile")
    for table in TABLES:
        name = "%s_%s_%s" % (SIREN, table, DATAPPRO)
        kind = _KINDS.get(table, ogr.wkbNone)
        path = (os.path.join(root, name + ".dbf") if kind == ogr.wkbNone
                else os.path.join(root, "Donnees_geographiques", name + ".shp"))
        ds = driver.CreateDataSource(path)
        layer = ds.CreateLayer(name, srs if kind != ogr.wkbNone else None, kind,
                               ["ENCODING=UTF-8"])
        fields = cnig.fields("2024", table)
        for field in fields:
            definition = ogr.FieldDefn(field.upper(), ogr.OFTString)
            definition.SetWidth(254 if field in ("libelong", "nomfic", "nomreg", "nomplan")
                                else 30)
            layer.CreateField(definition)
        for geometry, values in rows.get(table, ()):
            feature = ogr.Feature(layer.GetLayerDefn())
            for i, field in enumerate(fields):
                if values.get(field) is not None:
                    feature.SetField(i, values[field])
            if geometry is not None:
                feature.SetGeometry(geometry)
            layer.CreateFeature(feature)
        ds = None
    return root


def _median(function, runs=RUNS):
    """Median wall-clock and CPU times of `function(run number)`, and its
    last result. ogr2ogr runs in this process: CPU times compare too."""
    wall, cpu = [], []
    for n in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = function(n)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu), result


def _ogr2ogr_import(delivery, target):
    """Every table of the delivery into one GeoPackage, as ogr2ogr writes it:
    the geographic folder at once, then DOC_URBA and DOC_URBA_COM."""
    gdal.VectorTranslate(target, os.path.join(delivery, "Donnees_geographiques"),
                         format="GPKG")
    for name in sorted(os.listdir(delivery)):
        if name.endswith(".dbf"):
            gdal.VectorTranslate(target, os.path.join(delivery, name), format="GPKG",
                                 accessMode="update")


def _ogr2ogr_export(store_path, folder):
    """The store's CNIG tables to shapefiles in one ogr2ogr call (all their
    columns: selecting the delivery's fields takes a call, and an opening of
    the store, per table, three times slower)."""
    from sit_chartreuse.core.imports.plu import LAYERS
    gdal.VectorTranslate(folder, store_path, format="ESRI Shapefile",
                         layerCreationOptions=["ENCODING=UTF-8"],
                         layers=[table for table, _ in LAYERS.values()])


def _report(report, what, ours, baseline):
    (wall, cpu), (base_wall, base_cpu) = ours, baseline
    ratio = wall / base_wall
    report("#13", what, "%.2f s" % wall, "ogr2ogr %.2f s (x%.1f)" % (base_wall, ratio),
           "< x%.0f %s" % (TARGET_RATIO, "OK" if ratio < TARGET_RATIO else "MISSED"))
    report("#13", "  the same, CPU time", "%.2f s" % cpu,
           "ogr2ogr %.2f s (x%.1f)" % (base_cpu, cpu / base_cpu), "")


def run(workdir, report):
    from sit_chartreuse.core.storage import store
    init_processing()
    import processing
    delivery = write_delivery(workdir)
    stores = [store.create_store(os.path.join(workdir, "sit-%d.gpkg" % n)) for n in range(RUNS)]

    def ours_import(n):
        return processing.run("sitchartreuse:importplu", {
            "STORE": stores[n], "INPUT": delivery,
            "OUTPUT_REPORT": os.path.join(workdir, "import-%d.html" % n)})["SUMMARY"]
    *ours, summary = _median(ours_import)
    conn = store.open_store(stores[0])
    counts = [conn.execute("SELECT count(*) FROM %s" % t).fetchone()[0]
              for t in ("zone_urba", "prescription_surf", "prescription_lin", "prescription_pct")]
    conn.close()
    assert counts == [COLS * ROWS] + list(N_PSC.values()), (counts, summary)
    assert summary.endswith("0 defects (0 errors)."), summary
    *baseline, _ = _median(lambda n: _ogr2ogr_import(
        delivery, os.path.join(workdir, "ogr2ogr-%d.gpkg" % n)))
    _report(report, "importplu: generated PLUi, 1 000 zones + 130 prescriptions", ours,
            baseline)
    *ours, _ = _median(lambda n: processing.run("sitchartreuse:exportplu", {
        "STORE": stores[0], "OUTPUT_FOLDER": os.path.join(workdir, "export-%d" % n)}))
    *baseline, _ = _median(lambda n: _ogr2ogr_export(
        stores[0], os.path.join(workdir, "ogr2ogr-export-%d" % n)))
    _report(report, "exportplu: the same PLUi as a CNIG 2024 delivery", ours, baseline)
