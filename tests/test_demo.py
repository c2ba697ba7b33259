"""Sample data: deterministic, labelled, inside its commune, in RAEPA and CNIG form."""
import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from sit_chartreuse.core import ads
from sit_chartreuse.core.errors import SitError
from sit_chartreuse.core.schema import BY_NAME
from sit_chartreuse.core.storage import store
from sit_chartreuse.demo import features as demo

SPATIAL = [t for t in demo.SAMPLE_TABLES if BY_NAME[t].geometry]





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
    """What `make demo` runs: store, communes, sample data, QGIS project inside
    the GeoPackage, summary per application. The demo is disposable: an old
    file in the way is replaced."""
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
