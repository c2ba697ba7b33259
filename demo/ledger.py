"""Sample tickets and time spent in 2026 for the demo store (`make demo`).

Work on the demo's features (a damaged container, a leaking pipe, a PLUi
zone to redraw, a dossier the Next'ADS bridge lost) and on the applications
as a whole (hotline, training, development). The same seed gives the same
ledger. The year's total is 27.5 days at 7 hours, against the agreement's
provisional 27 days: maintenance 14.5 days (15 planned), training and
hotline 2.5 (2), development 10.5 (10).
"""
import datetime
import random

from ..core.errors import SitError
from ..core.i18n import tr
from ..core.ledger import ledger
from ..core.storage.store import transaction
from .features import DEFAULT_SEED, SAMPLE_NOTE

YEAR = 2026
LAST_DAY = datetime.date(YEAR, 11, 27)
AGENTS = ("m.girard", "s.rey", "l.bonnet")   # fictional agents of the Park's SIT service
REQUESTERS = ("Communauté de communes Cœur de Chartreuse", "Mairie de Saint-Laurent-du-Pont",
              "Mairie des Échelles", "Service urbanisme (instruction ADS)",
              "Régie des eaux")
# Minutes per category in the year (7-hour days).
TARGETS = {"maintenance_corrective": 8.5, "maintenance_evolutive": 6, "formation": 1.5,
           "hotline": 1, "developpement": 10.5}

# (category, application, table of the feature or None, title, hours). The
# last ticket of each category takes what is left of the category's target.
TICKETS = (
    ("maintenance_corrective", "pav", "pav", "Conteneur à verre : trappe bloquée", 3),
    ("maintenance_corrective", "pav", "composteur", "Composteur déplacé, position à corriger",
     1.5),
    ("maintenance_corrective", "reseaux", "raepa_canalaep_l",
     "Fuite signalée : tronçon AEP à vérifier", 6),
    ("maintenance_corrective", "reseaux", "raepa_canalass_l",
     "Sens d'écoulement inversé sur un collecteur", 4.5),
    ("maintenance_corrective", "reseaux", "raepa_ouvrass_p", "Regard EU mal positionné", 2.5),
    ("maintenance_corrective", "plui", "zone_urba",
     "Zone à redessiner sur la limite communale", 7),
    ("maintenance_corrective", "plui", "prescription_surf",
     "Prescription absente de l'export CNIG", 3.5),
    ("maintenance_corrective", "ads", "ads_dossier",
     "Dossier sans emprise après synchronisation", 5),
    ("maintenance_corrective", "ads", None, "Échec du flux nocturne Next'ADS", None),
    ("maintenance_evolutive", "pav", None, "Saisie des conteneurs textile", 9),
    ("maintenance_evolutive", "reseaux", None, "Styles distincts des réseaux EU et EP", 10),
    ("maintenance_evolutive", "plui", "prescription_lin",
     "Affichage des prescriptions linéaires", 6),
    ("maintenance_evolutive", "ads", None, "Lien vers l'arrêté depuis le dossier", None),
    ("formation", "pav", None, "Formation niveau 1 : saisie des points d'apport", 7),
    ("formation", "reseaux", None, "Formation niveau 2 : mise à jour des réseaux", None),
    ("hotline", "pav", None, "Hotline : accès au SIT depuis une mairie", 1.5),
    ("hotline", "plui", None, "Hotline : lecture du règlement d'une zone", 2),
    ("hotline", "ads", None, "Hotline : dossier introuvable dans le SIT", 1.5),
    ("hotline", "reseaux", None, "Hotline : impression d'un plan de réseau", None),
    ("developpement", "pav", None, "Tableau de bord des collectes", 24.5),
    ("developpement", "ads", None, "Contraintes PLUi par dossier (pont Next'ADS)", 28),
    ("developpement", "reseaux", None, "Export RAEPA pour l'agence de l'eau", None),
)
CHUNKS = (30, 60, 90, 120, 180, 240, 420)   # a session of work, in minutes


def _budgets():
    """Minutes of each ticket of TICKETS, meeting TARGETS exactly."""
    budgets, used = [], {}
    for category, _app, _table, _title, hours in TICKETS:
        target = int(TARGETS[category] * 7 * 60)
        minutes = target - used.get(category, 0) if hours is None else int(hours * 60)
        if minutes <= 0:
            raise ValueError("demo ledger: no time left for " + category)
        used[category] = used.get(category, 0) + minutes
        budgets.append(minutes)
    return budgets


def _weekday(day):
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def _feature(conn, table, rng):
    rows = conn.execute('SELECT uuid FROM "%s" ORDER BY fid' % table).fetchall()
    return rng.choice(rows)[0] if rows else None


def generate(conn, seed=DEFAULT_SEED):
    """Write the sample tickets and time entries in one transaction.

    Returns {category: minutes}. Features are drawn from the demo's sample
    data (run demo.features.generate first); a missing table puts the work on the
    application as a whole.
    """
    if conn.execute("SELECT 1 FROM time_entry WHERE note = ?", (SAMPLE_NOTE,)).fetchone():
        raise SitError(tr("The store already holds sample time entries."))
    rng = random.Random(seed)
    totals = {}
    with transaction(conn):
        for (category, app, table, title, _), budget in zip(TICKETS, _budgets()):
            uuid = _feature(conn, table, rng) if table else None
            opened = _weekday(datetime.date(YEAR, 1, 5)
                              + datetime.timedelta(days=rng.randrange(0, 280)))
            ticket = ledger.insert_ticket(
                conn, app, category, title, layer=table if uuid else None, feature_uuid=uuid,
                description=SAMPLE_NOTE, requester=rng.choice(REQUESTERS), opened_on=opened,
                created_by=AGENTS[0])
            day, left = opened, budget
            while left:
                minutes = min(left, rng.choice(CHUNKS))
                left -= minutes
                ledger.insert_time(conn, ticket, day, "%d:%02d" % divmod(minutes, 60),
                                   agent=rng.choice(AGENTS), note=SAMPLE_NOTE,
                                   recorded_by=AGENTS[0])
                day = min(_weekday(day + datetime.timedelta(days=rng.randrange(1, 9))),
                          LAST_DAY)
            totals[category] = totals.get(category, 0) + budget
            if rng.random() < 0.7:  # most requests are done by now
                conn.execute("UPDATE ticket SET status = 'clos', closed_on = ? WHERE uuid = ?",
                             (day.isoformat(), ticket))
            elif rng.random() < 0.5:
                conn.execute("UPDATE ticket SET status = 'en_cours' WHERE uuid = ?", (ticket,))
    return totals
