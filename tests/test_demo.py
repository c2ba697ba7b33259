"""Sample data: deterministic, labelled, inside its commune, in RAEPA and CNIG form."""
import datetime
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal

import pytest

from conftest import ROOT
from sit_chartreuse.core import ads
from sit_chartreuse.core.agreement import consumption, convention, settlement
from sit_chartreuse.core.agreement.convention import DAYS, round_cents
from sit_chartreuse.core.errors import SitError
from sit_chartreuse.core.schema import BY_NAME
from sit_chartreuse.core.storage import store
from sit_chartreuse.demo import features as demo
from sit_chartreuse.demo import ledger as demo_ledger

SPATIAL = [t for t in demo.SAMPLE_TABLES if BY_NAME[t].geometry]
PAST_YEARS = (2023, 2024, 2025)





def _demo_store(wheel_load, path, seed=demo.DEFAULT_SEED, town_halls=True):
    """A store as `make demo` builds it (villages around their town halls),
    or with villages around any point inside the commune."""
    shutil.copy(wheel_load[0], path)
    conn = store.open_store(path)
    centres = {c.insee: c.town_hall for c in wheel_load[1].communes} if town_halls else None
    counts = demo.generate(conn, seed=seed, centres=centres)
    return conn, counts


@pytest.fixture(scope="module")
def demo_store(wheel_load, tmp_path_factory):
    conn, counts = _demo_store(wheel_load, str(tmp_path_factory.mktemp("demo") / "demo.gpkg"))
    yield conn, counts
    conn.close()


@pytest.fixture(scope="module")
def ledger_store(wheel_load, tmp_path_factory):
    """The demo store with its sample ledger, as `make demo` builds it."""
    conn, _ = _demo_store(wheel_load, str(tmp_path_factory.mktemp("ledger") / "demo.gpkg"))
    demo_ledger.generate(conn)
    yield conn
    conn.close()


def _content(conn):
    """Every sample row, without the random uuids."""
    content = {}
    for table in demo.SAMPLE_TABLES:
        columns = [r[1] for r in conn.execute('PRAGMA table_info("%s")' % table)
                   if r[1] not in ("uuid", "geom")]
        geometry = ", ST_AsText(geom)" if BY_NAME[table].geometry else ""
        content[table] = conn.execute('SELECT %s%s FROM "%s" ORDER BY fid' % (
            ", ".join('"%s"' % c for c in columns), geometry, table)).fetchall()
    return content


def test_same_seed_same_features_other_seed_other_features(wheel_load, demo_store, tmp_path):
    conn, _ = demo_store
    again, _ = _demo_store(wheel_load, str(tmp_path / "again.gpkg"))
    other, _ = _demo_store(wheel_load, str(tmp_path / "other.gpkg"), seed=7, town_halls=False)
    try:
        assert _content(again) == _content(conn)
        assert _content(other)["pav"] != _content(conn)["pav"]
        _assert_inside_communes(other)
    finally:
        again.close()
        other.close()


def test_counts_per_application(demo_store):
    conn, counts = demo_store
    assert all(counts[t] > 0 for t in demo.SAMPLE_TABLES), counts
    communes = conn.execute("SELECT count(*) FROM commune").fetchone()[0]
    # pav: several streams per site, composters in every commune
    assert conn.execute("SELECT count(DISTINCT flux) FROM pav").fetchone()[0] >= 4
    assert conn.execute("SELECT count(DISTINCT insee) FROM pav").fetchone()[0] == communes
    assert conn.execute("SELECT count(DISTINCT insee) FROM composteur").fetchone()[0] == communes
    # reseaux: AEP, EU ('02') and EP ('01'), with repairs
    assert {r[0] for r in conn.execute("SELECT DISTINCT typreseau FROM raepa_canalass_l")} \
        == {"01", "02"}
    # plui: one PLUi over the 17 communes, all four zone types
    assert conn.execute("SELECT idurba FROM doc_urba").fetchall() == [("200040111_PLUi_20250101",)]
    assert counts["doc_urba_com"] == communes == 17
    assert {r[0] for r in conn.execute("SELECT DISTINCT typezone FROM zone_urba")} \
        == {"U", "AUc", "A", "N"}
    assert set(demo.SAMPLE_TABLES) <= {r[0] for r in conn.execute(
        "SELECT table_name FROM gpkg_contents WHERE description LIKE '%exemple%'")}


def test_every_sample_feature_lies_inside_its_commune(demo_store):
    _assert_inside_communes(demo_store[0])


def test_villages_are_around_their_town_halls(wheel_load, demo_store):
    conn, _ = demo_store
    town_halls = {c.insee: c.town_hall for c in wheel_load[1].communes}
    # Saint-Laurent-du-Pont: its town hall stands in the central U zone of the PLUi.
    zone = conn.execute("SELECT ST_AsText(geom) FROM zone_urba WHERE insee = '38412' "
                        "AND ST_Contains(geom, GeomFromText(?, 2154))",
                        (town_halls["38412"].ExportToWkt(),)).fetchall()
    assert len(zone) == 1


def test_zones_tile_each_commune(demo_store):
    """The PLUi's zones cover each commune within 0.5 % of its area, without
    overlaps (under 1 m²), U around the town hall, then AU, A and N."""
    conn, _ = demo_store
    rows = conn.execute(
        "SELECT m.insee, ST_Area(m.geom), sum(ST_Area(z.geom)), ST_Area(ST_Union(z.geom)), "
        "group_concat(DISTINCT z.typezone) FROM commune m JOIN zone_urba z "
        "ON z.insee = m.insee GROUP BY m.insee").fetchall()
    assert len(rows) == 17
    for insee, area, total, union, types in rows:
        assert abs(union - area) < 0.005 * area, insee
        assert total - union < 1, insee
        assert "U" in types.split(","), insee


def test_parcels_tile_the_urban_zones(demo_store):
    """Parcels cover the U and AU zones, without overlaps, and lie in them."""
    conn, _ = demo_store
    rows = conn.execute(
        "WITH urban AS (SELECT insee, ST_Union(geom) AS geom FROM zone_urba "
        "WHERE typezone IN ('U', 'AUc') GROUP BY insee), "
        "lots AS (SELECT insee, ST_Union(geom) AS geom, sum(ST_Area(geom)) AS total "
        "FROM parcelle GROUP BY insee) "
        "SELECT u.insee, ST_Area(u.geom), l.total, ST_Area(l.geom), "
        "coalesce(ST_Area(ST_Difference(l.geom, u.geom)), 0) "
        "FROM urban u JOIN lots l ON l.insee = u.insee"
    ).fetchall()
    assert len(rows) == 17
    for insee, urban, total, union, outside in rows:
        assert abs(union - urban) < 0.001 * urban, insee
        assert total - union < 1 and outside < 1, insee
    # every parcel in a U or AU zone of its commune (the rest is rounding)
    assert conn.execute(
        "SELECT count(*) FROM parcelle p WHERE NOT EXISTS (SELECT 1 FROM zone_urba z "
        "WHERE z.insee = p.insee AND z.typezone IN ('U', 'AUc') "
        "AND ST_Area(ST_Intersection(z.geom, p.geom)) > 0.99 * ST_Area(p.geom))"
    ).fetchone()[0] == 0


def test_networks_follow_the_streets_and_sites_are_in_the_villages(demo_store):
    """Each pipe joins the node before it to the next, from a structure at
    one end to a structure at the other; drop-off points and composters
    stand in the U zone of their commune."""
    conn, _ = demo_store
    for pipes, structures in (("raepa_canalaep_l", "raepa_ouvraep_p"),
                              ("raepa_canalass_l", "raepa_ouvrass_p")):
        chains = {}
        for idcana, start, end in conn.execute(
                "SELECT idcana, idnini, idnterm FROM %s ORDER BY idcana" % pipes):
            chains.setdefault(idcana.rsplit("-", 1)[0], []).append((start, end))
        structure_ids = {r[0] for r in conn.execute("SELECT idouvrage FROM %s" % structures)}
        assert chains
        for chain in chains.values():
            assert all(a[1] == b[0] for a, b in zip(chain, chain[1:]))
            assert {chain[0][0], chain[-1][1]} <= structure_ids
    for table in ("pav", "composteur"):
        assert conn.execute(
            'SELECT count(*) FROM "%s" x WHERE NOT EXISTS (SELECT 1 FROM zone_urba z '
            "WHERE z.insee = x.insee AND z.typezone = 'U' AND ST_Within(x.geom, z.geom))"
            % table).fetchone()[0] == 0, table


def _assert_inside_communes(conn):
    for table in SPATIAL:
        fields = {f.name for f in BY_NAME[table].fields}
        # RAEPA tables carry no INSEE code: their identifiers do (EX-AEP-38412-C01).
        key = "insee" if "insee" in fields else next(
            f for f in ("idcana", "idappareil", "idouvrage", "idrepar") if f in fields)
        match = "m.insee = x.insee" if key == "insee" else "instr(x.%s, m.insee) > 0" % key
        total, inside, valid = conn.execute(
            'SELECT count(*), sum(EXISTS (SELECT 1 FROM commune m WHERE %s '
            'AND ST_Within(x.geom, m.geom))), sum(ST_IsValid(x.geom)) FROM "%s" x'
            % (match, table)).fetchone()
        assert total > 0 and inside == total and valid == total, table


def test_sample_features_are_labelled(demo_store):
    conn, _ = demo_store
    for table, field in (("pav", "observations"), ("composteur", "observations"),
                         ("raepa_canalaep_l", "sourmaj"), ("raepa_canalass_l", "sourmaj"),
                         ("raepa_apparass_p", "sourmaj"), ("raepa_ouvraep_p", "sourmaj")):
        assert conn.execute('SELECT count(*) FROM "%s" WHERE %s <> ?' % (table, field),
                            (demo.SAMPLE_NOTE,)).fetchone()[0] == 0, table
    for table, field in (("zone_urba", "libelong"), ("prescription_surf", "libelle"),
                         ("prescription_lin", "libelle"), ("info_pct", "libelle"),
                         ("raepa_reparaep_p", "idrepar")):
        assert conn.execute('SELECT count(*) FROM "%s" WHERE %s NOT LIKE ?' % (table, field),
                            ("Ex%",)).fetchone()[0] == 0, table
    assert "seed" in conn.execute(
        "SELECT value FROM sit_meta WHERE key = 'sample_data'").fetchone()[0]


def test_standard_codes_and_identifiers(demo_store):
    conn, _ = demo_store
    # CNIG: code_cnig 'TT-SS' agrees with typepsc/stypepsc and is in the code list
    for table, code, sub in (("prescription_surf", "typepsc", "stypepsc"),
                             ("prescription_lin", "typepsc", "stypepsc"),
                             ("prescription_pct", "typepsc", "stypepsc"),
                             ("info_surf", "typeinf", "stypeinf"),
                             ("info_pct", "typeinf", "stypeinf")):
        rows = conn.execute('SELECT %s, %s, code_cnig, code_cnig IN (SELECT code FROM codelist) '
                            'FROM "%s"' % (code, sub, table)).fetchall()
        assert rows and all(c == "%s-%s" % (t, s) and known for t, s, c, known in rows), table
    # RAEPA: every pipe joins two existing nodes
    for pipes, devices, structures in (
            ("raepa_canalaep_l", "raepa_apparaep_p", "raepa_ouvraep_p"),
            ("raepa_canalass_l", "raepa_apparass_p", "raepa_ouvrass_p")):
        nodes = "SELECT idappareil FROM %s UNION SELECT idouvrage FROM %s" % (devices, structures)
        orphans = conn.execute("SELECT count(*) FROM %s WHERE idnini NOT IN (%s) "
                               "OR idnterm NOT IN (%s)" % (pipes, nodes, nodes)).fetchone()[0]
        assert orphans == 0
    # parcels: 14-character IDU = INSEE + '000' + section + numero
    for idu, insee, section, numero in conn.execute(
            "SELECT idu, insee, section, numero FROM parcelle"):
        assert idu == insee + "000" + section + numero and len(idu) == 14
    # ADS: PC0384121900012-like numbers, footprint = union of the dossier's parcels
    for numero, insee, gap in conn.execute(
            "SELECT d.numero, d.insee, coalesce(ST_Area(ST_SymDifference(d.geom, "
            "(SELECT ST_Union(p.geom) FROM parcelle p JOIN ads_dossier_parcelle l "
            "ON l.idu = p.idu WHERE l.numero = d.numero))), 0) FROM ads_dossier d"):
        assert re.fullmatch(r"(PC|DP|PA)0%s\d{7}" % insee, numero)
        assert ads.parse_numero(numero).insee == insee
        assert gap < 1


def test_refuses_a_store_without_communes_or_with_sample_data(new_store, demo_store):
    conn = store.open_store(new_store)
    try:
        with pytest.raises(SitError, match="200040111"):
            demo.generate(conn)
    finally:
        conn.close()
    with pytest.raises(SitError):
        demo.generate(demo_store[0])


def test_demo_script_builds_the_whole_sit(tmp_path):
    """What `make demo` runs: store, communes, sample data and ledger, QGIS
    project inside the GeoPackage, the 2026 settlement and consumption with
    their documents in out/, summary per application. The demo is
    disposable: an old file in the way is replaced."""
    path = str(tmp_path / "coeur-de-chartreuse.gpkg")
    with open(path, "w") as f:
        f.write("an old demo")
    run = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "demo.py"), path],
                         env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    for title in ("Points d'apport volontaire et composteurs", "Réseaux humides",
                  "PLUi Cœur de Chartreuse – Urbanisme", "Interfaçage Next'ADS",
                  "Référentiels"):
        assert title in run.stdout
    conn = store.open_store(path)
    try:
        assert conn.execute("SELECT count(*) FROM commune").fetchone()[0] == 17
        assert conn.execute("SELECT name FROM qgis_projects").fetchall() == [("sit",)]
    finally:
        conn.close()
    # the ledger's years, then the year's consumption projected from the past years
    for year in demo_ledger.TARGETS:
        assert re.search(r"^  %d : \d+ tickets, \d+ saisies, [\d,]+ jours" % year, run.stdout,
                         re.M), year
    printed = run.stdout[run.stdout.index("Consommation 2026 au 27/11/2026"):]
    for code in ("maintenance", "formation", "developpement"):
        assert re.search(r"^  %s .*\(2023, 2024, 2025\)$" % code, printed, re.M), code
    out = tmp_path / "out"
    assert (out / "decompte-2026.html").exists()
    page = (out / "consommation-2026.html").read_text(encoding="utf-8")
    assert page.count("(2023, 2024, 2025)") == 3 and "<svg" in page
    # 2027's forecast from the trend of 2023-2025: maintenance 16, 15, 15 days,
    # mean 15 1/3, slope -1/2 a year, at 2027: 15 1/3 - 3/2 = 13.83 days.
    printed = run.stdout[run.stdout.index("Prévisionnel proposé pour 2027"):]
    assert re.search(r"^  maintenance +13,83\u00a0j, 8\u202f298,00\u00a0€ \(tendance sur 3 ans\)$",
                     printed, re.M), printed
    assert printed.count("(tendance sur 3 ans)") == 4   # the hosting line's past costs too
    assert "<svg" in (out / "prevision-2027.html").read_text(encoding="utf-8")


def _ledger(conn):
    """Every sample ticket and time entry, without the random uuids (the
    ticket's point stands for its feature)."""
    return conn.execute(
        "SELECT t.application, t.category, t.title, t.layer_name, ST_AsText(t.geom), "
        "t.status, t.opened_on, t.closed_on, t.requester, e.work_date, e.agent, e.minutes "
        "FROM time_entry e JOIN ticket t ON t.uuid = e.ticket_uuid ORDER BY e.fid").fetchall()


def _days_per_year_and_category(conn):
    found = {}
    for year, category, minutes in conn.execute(
            "SELECT substr(e.work_date, 1, 4), t.category, sum(e.minutes) FROM time_entry e "
            "JOIN ticket t ON t.uuid = e.ticket_uuid GROUP BY 1, 2"):
        found.setdefault(int(year), {})[category] = minutes / demo_ledger.DAY_MINUTES
    return found


def test_ledger_meets_its_yearly_targets_on_the_agreements_categories(ledger_store):
    """Days per category and year are the declared targets, on the categories
    of the agreement's days lines, with the trend the docstring states."""
    found = _days_per_year_and_category(ledger_store)
    assert found == demo_ledger.TARGETS
    assert sorted(found) == [*PAST_YEARS, 2026]
    assert sum(found[2026].values()) == 27.5
    conv = convention.find_convention(ledger_store)
    assert all(set(found[year]) == {c for line in conv.lines if line.kind == DAYS
                                    for c in line.categories} for year in found)
    development = [found[year]["developpement"] for year in sorted(found)]
    assert development == sorted(development, reverse=True) and len(set(development)) == 4
    training = {year: found[year]["formation"] for year in found}
    assert max(training, key=training.get) == 2023
    maintenance = [found[year]["maintenance_corrective"] + found[year]["maintenance_evolutive"]
                   for year in found]
    assert max(maintenance) - min(maintenance) <= 0.1 * max(maintenance)


def test_ledger_entries_on_weekdays_of_their_year_on_existing_features(ledger_store):
    conn = ledger_store
    days = [datetime.date.fromisoformat(r[0]) for r in conn.execute(
        "SELECT work_date FROM time_entry")]
    assert all(day.weekday() < 5 for day in days)
    assert {day.year for day in days} == set(demo_ledger.TARGETS)
    assert max(days) <= demo_ledger.DEMO_DATE
    layers = [r[0] for r in conn.execute(
        "SELECT DISTINCT layer_name FROM ticket WHERE layer_name IS NOT NULL")]
    assert set(layers) >= {"pav", "composteur", "raepa_canalaep_l", "raepa_canalass_l",
                           "zone_urba", "ads_dossier"}
    for layer in layers:
        assert conn.execute(
            'SELECT count(*) FROM ticket t WHERE layer_name = ? AND NOT EXISTS (SELECT 1 '
            'FROM "%s" f WHERE f.uuid = t.feature_uuid AND ST_Intersects(f.geom, t.geom))'
            % layer, (layer,)).fetchone()[0] == 0, layer
    # work on the applications as a whole: every application, training and hotline there
    assert conn.execute("SELECT count(DISTINCT application), group_concat(DISTINCT category) "
                        "LIKE '%formation%' FROM ticket WHERE layer_name IS NULL "
                        "AND category IN ('formation', 'hotline')").fetchone() == (4, 1)
    # labelled, opened on the first entry, within one year, past years' closed
    assert conn.execute("SELECT count(*) FROM ticket WHERE description IS NOT ?",
                        (demo.SAMPLE_NOTE,)).fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM time_entry WHERE note IS NOT ?",
                        (demo.SAMPLE_NOTE,)).fetchone()[0] == 0
    for opened, closed, status, first, last in conn.execute(
            "SELECT t.opened_on, t.closed_on, t.status, min(e.work_date), max(e.work_date) "
            "FROM ticket t JOIN time_entry e ON e.ticket_uuid = t.uuid GROUP BY t.uuid"):
        assert opened == first and first[:4] == last[:4]
        if int(first[:4]) in PAST_YEARS:
            assert (status, closed) == ("clos", last)


def test_ledger_follows_the_seasons(ledger_store):
    """The past years pooled, per working day: less in August and from 20
    December, more in spring (March to May) than the rest of the year."""
    def period(day):
        if day.month == 8:
            return "august"
        if (day.month, day.day) >= (12, 20):
            return "christmas"
        return "spring" if day.month in (3, 4, 5) else "rest"
    working, minutes = {}, {}
    for year in PAST_YEARS:
        for day in demo_ledger.working_days(year)[0]:
            working[period(day)] = working.get(period(day), 0) + 1
    for work_date, spent in ledger_store.execute(
            "SELECT work_date, sum(minutes) FROM time_entry WHERE work_date < '2026-01-01' "
            "GROUP BY work_date"):
        key = period(datetime.date.fromisoformat(work_date))
        minutes[key] = minutes.get(key, 0) + spent
    rate = {key: minutes.get(key, 0) / working[key] for key in working}
    assert rate["august"] < rate["rest"] / 2 and rate["christmas"] < rate["rest"] / 2
    assert rate["spring"] > rate["rest"]


def test_same_seed_same_ledger_other_seed_other_ledger(wheel_load, ledger_store, tmp_path):
    again, _ = _demo_store(wheel_load, str(tmp_path / "again.gpkg"))
    other, _ = _demo_store(wheel_load, str(tmp_path / "other.gpkg"))
    try:
        demo_ledger.generate(again)
        demo_ledger.generate(other, seed=7)
        assert _ledger(again) == _ledger(ledger_store)
        assert _ledger(other) != _ledger(ledger_store)
        assert _days_per_year_and_category(other) == demo_ledger.TARGETS
    finally:
        again.close()
        other.close()


def _line_minutes(conn, line, first, last):
    """Minutes on the agreement line's categories dated first..last, by plain SQL."""
    return conn.execute(
        "SELECT coalesce(sum(e.minutes), 0) FROM time_entry e JOIN ticket t "
        "ON t.uuid = e.ticket_uuid WHERE t.category IN (%s) AND e.work_date BETWEEN ? AND ?"
        % ", ".join("?" * len(line.categories)), (*line.categories, first, last)).fetchone()[0]


def test_consumption_of_the_demo_year_is_seasonal_on_the_past_years(ledger_store):
    """On the demo's date, each days line is projected from 2023-2025 (the
    share of their time reached by 27 November, pooled); hosting, which has
    no date, linearly. Checked against plain SQL over the ledger."""
    conn = ledger_store
    conv = convention.find_convention(conn)
    at = demo_ledger.DEMO_DATE
    result = consumption.compute(conn, conv, 2026, at)
    assert {l.code for l in result.lines} == {l.code for l in conv.lines}
    for line in result.lines:
        if line.kind != DAYS:
            assert line.method == consumption.LINEAR
            continue
        assert (line.method, line.past_years) == (consumption.SEASONAL, PAST_YEARS)
        agreed = conv.line(line.code)
        to_date = sum(_line_minutes(conn, agreed, "%d-01-01" % y, "%d-%s" % (
            y, at.strftime("%m-%d"))) for y in PAST_YEARS)
        whole = sum(_line_minutes(conn, agreed, "%d-01-01" % y, "%d-12-31" % y)
                    for y in PAST_YEARS)
        used = _line_minutes(conn, agreed, "2026-01-01", at.isoformat())
        assert 0 < to_date < whole
        assert line.used_minutes == used == demo_ledger.DAY_MINUTES * sum(
            demo_ledger.TARGETS[2026][c] for c in agreed.categories)
        assert line.projected_minutes == round_cents(Decimal(used) / (Decimal(to_date) / whole))
        assert line.projected_minutes > used


def test_the_2026_settlement_counts_the_2026_days_only(ledger_store):
    """The past years do not reach the agreement's settlement: 2026 is
    settled on its own 27.5 days (14.5 maintenance, 2.5 training and
    hotline, 10.5 development)."""
    conv = convention.find_convention(ledger_store)
    result = settlement.compute(ledger_store, conv, 2026)
    days = {l.code: l.actual_minutes / demo_ledger.DAY_MINUTES for l in result.lines
            if l.kind == DAYS}
    assert days == {"maintenance": 14.5, "formation": 2.5, "developpement": 10.5}
    assert days == {l.code: sum(demo_ledger.TARGETS[2026][c] for c in l.categories)
                    for l in conv.lines if l.kind == DAYS}
    assert all(l.actual_ht_cents == l.actual_minutes * l.unit_price_cents
               // demo_ledger.DAY_MINUTES for l in result.lines if l.kind == DAYS)
