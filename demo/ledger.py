"""Sample tickets and time spent for the demo store (`make demo`), 2023 to 2026.

Sample data like the demo's features (SAMPLE_NOTE on every ticket and time
entry). The Park's SIT service worked for the Communauté before the
agreement: 2023 to 2025 are the past years the consumption's seasonal
projection and the forecast read (more training the first year, development
decreasing, maintenance stable). 2026, the agreement's first year, is logged
up to the demo's date (DEMO_DATE): 27.5 days at 7 hours against the
agreement's provisional 27 days: maintenance 14.5 days (15 planned), training
and hotline 2.5 (2), development 10.5 (10).

Work on the demo's features (a damaged container, a leaking pipe, a PLUi
zone to redraw, a dossier the Next'ADS bridge lost) and on the applications
as a whole (hotline, training, development), under the categories of the
agreement's lines. Each year meets its TARGETS per category exactly, and its
time follows the seasons (less in August and at Christmas, more in spring).
The same seed gives the same ledger.
"""
import bisect
import datetime
import itertools
import random

from ..core.errors import SitError
from ..core.i18n import tr
from ..core.ledger import ledger
from ..core.storage.store import transaction
from .features import DEFAULT_SEED, SAMPLE_NOTE

DEMO_DATE = datetime.date(2026, 11, 27)   # the demo's "today": 2026 is logged up to it
AGENTS = ("m.girard", "s.rey", "l.bonnet")   # fictional agents of the Park's SIT service
REQUESTERS = ("Communauté de communes Cœur de Chartreuse", "Mairie de Saint-Laurent-du-Pont",
              "Mairie des Échelles", "Service urbanisme (instruction ADS)",
              "Régie des eaux")
DAY_MINUTES = 7 * 60
# Days per year and category.
TARGETS = {
    2023: {"maintenance_corrective": 9, "maintenance_evolutive": 7, "formation": 2,
           "hotline": 1, "developpement": 15},
    2024: {"maintenance_corrective": 8.5, "maintenance_evolutive": 6.5, "formation": 1.5,
           "hotline": 1.5, "developpement": 13},
    2025: {"maintenance_corrective": 9, "maintenance_evolutive": 6, "formation": 1.5,
           "hotline": 1, "developpement": 12},
    2026: {"maintenance_corrective": 8.5, "maintenance_evolutive": 6, "formation": 1.5,
           "hotline": 1, "developpement": 10.5},
}
# Weight of a working day by month (January to December), and from 20 December.
SEASON = (1.0, 1.0, 1.3, 1.4, 1.3, 1.1, 0.8, 0.25, 1.1, 1.1, 1.0, 0.9)
CHRISTMAS = 0.2
# The usual size of a ticket in days: how many tickets a category's year holds.
TICKET_DAYS = {"maintenance_corrective": 1, "maintenance_evolutive": 1.5, "formation": 1,
               "hotline": 0.25, "developpement": 3}
CHUNKS = (30, 60, 90, 120, 180, 240, 420)   # a session of work, in minutes

# (application, table of the feature or None, title) per category.
TICKETS = {
    "maintenance_corrective": (
        ("pav", "pav", "Conteneur à verre : trappe bloquée"),
        ("pav", "pav", "Point d'apport en double après une saisie"),
        ("pav", "composteur", "Composteur déplacé, position à corriger"),
        ("reseaux", "raepa_canalaep_l", "Fuite signalée : tronçon AEP à vérifier"),
        ("reseaux", "raepa_apparaep_p", "Vanne AEP absente du plan"),
        ("reseaux", "raepa_canalass_l", "Sens d'écoulement inversé sur un collecteur"),
        ("reseaux", "raepa_ouvrass_p", "Regard EU mal positionné"),
        ("plui", "zone_urba", "Zone à redessiner sur la limite communale"),
        ("plui", "prescription_surf", "Prescription absente de l'export CNIG"),
        ("ads", "ads_dossier", "Dossier sans emprise après synchronisation"),
        ("ads", None, "Échec du flux nocturne Next'ADS")),
    "maintenance_evolutive": (
        ("pav", None, "Saisie des conteneurs textile"),
        ("pav", None, "Colonnes jaunes : emballages et papiers réunis"),
        ("reseaux", None, "Styles distincts des réseaux EU et EP"),
        ("reseaux", "raepa_reparaep_p", "Historique des réparations du réseau AEP"),
        ("plui", "prescription_lin", "Affichage des prescriptions linéaires"),
        ("plui", None, "Codes CNIG 2024 des prescriptions"),
        ("ads", None, "Lien vers l'arrêté depuis le dossier")),
    "formation": (
        ("pav", None, "Formation niveau 1 : saisie des points d'apport"),
        ("reseaux", None, "Formation niveau 2 : mise à jour des réseaux"),
        ("plui", None, "Formation niveau 1 : consultation du PLUi"),
        ("ads", None, "Formation niveau 1 : le SIT pour l'instruction ADS")),
    "hotline": (
        ("pav", None, "Hotline : accès au SIT depuis une mairie"),
        ("plui", None, "Hotline : lecture du règlement d'une zone"),
        ("ads", None, "Hotline : dossier introuvable dans le SIT"),
        ("reseaux", None, "Hotline : impression d'un plan de réseau")),
    "developpement": (
        ("pav", None, "Tableau de bord des collectes"),
        ("pav", None, "Tournées de collecte des colonnes"),
        ("reseaux", None, "Export RAEPA pour l'agence de l'eau"),
        ("reseaux", None, "Import des plans de récolement"),
        ("plui", None, "Import du PLUi au standard CNIG"),
        ("ads", None, "Contraintes PLUi par dossier (pont Next'ADS)"),
        ("ads", None, "Recherche d'un dossier par parcelle")),
}


def working_days(year):
    """(the weekdays of `year` in the ledger, their seasonal weights)."""
    last = DEMO_DATE if year == DEMO_DATE.year else datetime.date(year, 12, 31)
    first = datetime.date(year, 1, 1)
    days = [d for d in (first + datetime.timedelta(n) for n in range((last - first).days + 1))
            if d.weekday() < 5]
    return days, [CHRISTMAS if (d.month, d.day) >= (12, 20) else SEASON[d.month - 1]
                  for d in days]


def _sessions(rng, minutes, days, weights):
    """[(day, minutes)] in date order: `minutes` in sessions of CHUNKS, on
    days drawn by stratified sampling of the season's weights (each month
    gets its share of the sessions, give or take one)."""
    chunks = []
    while minutes:
        chunks.append(min(minutes, rng.choice(CHUNKS)))
        minutes -= chunks[-1]
    cumulative = list(itertools.accumulate(weights))
    return [(days[bisect.bisect(cumulative, (k + rng.random()) / len(chunks) * cumulative[-1])],
             m) for k, m in enumerate(chunks)]


def _tickets(rng, sessions, count):
    """The sessions cut into `count` tickets (no more than there are
    sessions), each a run of consecutive sessions."""
    count = min(count, len(sessions))
    cuts = sorted(rng.sample(range(1, len(sessions)), count - 1))
    return [sessions[a:b] for a, b in zip([0] + cuts, cuts + [len(sessions)])]


def _feature(conn, table, rng):
    rows = conn.execute('SELECT uuid FROM "%s" ORDER BY fid' % table).fetchall()
    return rng.choice(rows)[0] if rows else None


def _write_ticket(conn, rng, category, app, table, title, sessions):
    uuid = _feature(conn, table, rng) if table else None
    ticket = ledger.insert_ticket(
        conn, app, category, title, layer=table if uuid else None, feature_uuid=uuid,
        description=SAMPLE_NOTE, requester=rng.choice(REQUESTERS), opened_on=sessions[0][0],
        created_by=AGENTS[0])
    for day, minutes in sessions:
        ledger.insert_time(conn, ticket, day, "%d:%02d" % divmod(minutes, 60),
                           agent=rng.choice(AGENTS), note=SAMPLE_NOTE, recorded_by=AGENTS[0])
    # Past years' requests are all done; most of this year's are by now.
    if sessions[0][0].year < DEMO_DATE.year or rng.random() < 0.7:
        conn.execute("UPDATE ticket SET status = 'clos', closed_on = ? WHERE uuid = ?",
                     (sessions[-1][0].isoformat(), ticket))
    elif rng.random() < 0.5:
        conn.execute("UPDATE ticket SET status = 'en_cours' WHERE uuid = ?", (ticket,))


def generate(conn, seed=DEFAULT_SEED):
    """Write the sample tickets and time entries of every year of TARGETS in
    one transaction.

    Features are drawn from the demo's sample data (run demo.features.generate
    first); a missing table puts the work on the application as a whole.
    """
    if conn.execute("SELECT 1 FROM time_entry WHERE note = ?", (SAMPLE_NOTE,)).fetchone():
        raise SitError(tr("The store already holds sample time entries."))
    rng = random.Random(seed)
    with transaction(conn):
        for year, targets in TARGETS.items():
            days, weights = working_days(year)
            for category, target in targets.items():
                pool = TICKETS[category]
                count = min(len(pool), max(1, round(target / TICKET_DAYS[category])))
                sessions = _sessions(rng, int(target * DAY_MINUTES), days, weights)
                for (app, table, title), runs in zip(rng.sample(pool, count),
                                                     _tickets(rng, sessions, count)):
                    _write_ticket(conn, rng, category, app, table, title, runs)
