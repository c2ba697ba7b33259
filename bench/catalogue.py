"""Issue 2, the catalogue, on the big store (100 000 features): opening the
SIT the first time (every table loaded, styled, forms configured, project
extensions, project saved inside the GeoPackage), reopening it from the
project stored there, and the dock's summary (feature counts per layer with
the EU/EP filters, last changes)."""
import os
import shutil
import time

from qgis.core import QgsProject

from sit_chartreuse.core import catalogue
from sit_chartreuse.core.storage import store
from sit_chartreuse.plugin.project import open_sit

from .bigstore import big_store

TARGET_OPEN_S, TARGET_REOPEN_S, TARGET_SUMMARY_S = 10.0, 5.0, 2.0


def run(workdir, report):
    path = os.path.join(workdir, "big.gpkg")
    shutil.copy(big_store(), path)  # the first open writes the project into it
    project = QgsProject.instance()
    project.clear()
    try:
        start = time.perf_counter()
        layers = open_sit(path, project)
        report("2", "open the SIT, first time (%d layers, project saved)" % len(layers),
               "%.2f s" % (time.perf_counter() - start), "", "< %.0f s" % TARGET_OPEN_S)
        project.clear()
        start = time.perf_counter()
        open_sit(path, project)
        report("2", "reopen the SIT from the project stored in the store",
               "%.2f s" % (time.perf_counter() - start), "", "< %.0f s" % TARGET_REOPEN_S)
    finally:
        project.clear()
    conn = store.connect(path)
    try:
        start = time.perf_counter()
        summary = catalogue.store_summary(conn)
        elapsed = time.perf_counter() - start
    finally:
        conn.close()
    features = sum(entry["count"] for app in summary for entry in app["layers"])
    report("2", "catalogue summary of the dock (%d features counted)" % features,
           "%.2f s" % elapsed, "", "< %.0f s" % TARGET_SUMMARY_S)
