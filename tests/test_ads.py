"""The Next'ADS bridge domain: numbers, footprints, constraints (core/ads.py),
on both backends: the same figures from SpatiaLite and from PostGIS."""
import sqlite3
import uuid
from decimal import Decimal

import pytest

from sit_chartreuse.core import ads
from sit_chartreuse.core.ledger import ledger
from sit_chartreuse.core.storage import db, roles, store

from ads_helpers import INSEE, add_dossier, small_plui, square, add_parcel

NUMERO = "PC0384421900012"


def test_dossier_over_two_parcels_gets_their_union(store_location):
    conn = small_plui(store_location)
    numero = "PC0384422600001"
    area, equal, kind = conn.execute(
        "SELECT ST_Area(d.geom), ST_Equals(d.geom, (SELECT ST_Union(geom) FROM parcelle "
        "WHERE idu IN ('38442000AB0001', '38442000AB0002'))), GeometryType(d.geom) "
        "FROM ads_dossier d WHERE numero = ?", (numero,)).fetchone()
    assert (area, equal, kind) == (20000.0, 1, "MULTIPOLYGON")
    assert ads.centroid(conn, numero) == (100.0, 50.0)
    assert ads.dossier_parcels(conn, numero) == ["38442000AB0001", "38442000AB0002"]
    assert ads.dossiers_of_parcel(conn, "38442000AB0002")[0][0] == numero
    # In the spatial index (R-tree, GiST) like any feature written through the store.
    in_box = "SELECT numero FROM ads_dossier WHERE %s" % db.dialect(conn).in_box("ads_dossier")
    assert conn.execute(in_box, (199, 99, 300, 300)).fetchall() == [(numero,)]
    assert conn.execute(in_box, (201, 0, 300, 300)).fetchall() == []


def test_dossier_with_a_parcel_missing_has_no_footprint(store_location):
    conn = small_plui(store_location)
    with store.transaction(conn):
        add_dossier(conn, "DP0384422600002", ["38442000AB0001", "38442000ZZ0009"])
    [subject] = ads.dossier_subjects(conn, ["DP 038 442 26 00002"])
    assert subject.geom is None and "No footprint" in subject.note
    assert ads.compute_constraints(conn, [subject])[0].constraints == []
    # The parcel arrives with the next cadastre: the footprint follows.
    with store.transaction(conn):
        add_parcel(conn, "ZZ", 9, square(0, 100, 100, 200))
        ads.update_footprints(conn)
    assert conn.execute("SELECT ST_Area(geom) FROM ads_dossier WHERE numero = "
                        "'DP0384422600002'").fetchone()[0] == 20000.0


def _by_label(subject):
    return {c.libelle: c for c in subject.constraints}


def test_constraints_touching_is_not_intersecting_and_shares_add_up(store_location):
    conn = small_plui(store_location)
    [subject] = ads.compute_constraints(conn, ads.dossier_subjects(conn, ["PC0384422600001"]))
    found = _by_label(subject)
    # Zone A and the line along the southern edge only touch the footprint;
    # the point on its eastern edge too.
    assert "A" not in found and "Bord" not in found and "Borne" not in found
    assert [c.libelle for c in subject.constraints] == ["UA", "N", "Haie", "Arbre", "Risque"]
    assert subject.area_m2 == 20000.0 and subject.centroid == (100.0, 50.0)
    assert found["UA"].area_m2 == 15000.0 and found["N"].area_m2 == 5000.0
    assert found["UA"].share == 0.75 and found["N"].share == 0.25
    assert sum(c.share for c in subject.constraints if c.kind == "zone") == 1.0
    assert found["Haie"].length_m == 100.0 and found["Haie"].code == "05-00"
    assert found["Arbre"].points == 1
    assert found["Risque"].area_m2 == 400.0 and found["Risque"].kind == "information"


def test_constraints_for_parcels_and_a_commune(store_location):
    conn = small_plui(store_location)
    [subject] = ads.compute_constraints(conn, [ads.parcel_subject(conn, ["AB 1"], INSEE)])
    assert [c.libelle for c in subject.constraints] == ["UA", "Haie", "Arbre"]
    [commune] = ads.compute_constraints(conn, [ads.commune_subject(conn, INSEE)])
    # No commune outline in this store: the union of its parcels stands for it.
    assert commune.area_m2 == 30000.0
    assert {c.libelle for c in commune.constraints} == {"UA", "N", "A", "Haie", "Bord",
                                                       "Arbre", "Risque"}
    with pytest.raises(ads.AdsError, match="38442000AB0099"):
        ads.parcel_subject(conn, ["AB 99"], INSEE)
    with pytest.raises(ads.AdsError, match="PC0384422699999"):
        ads.dossier_subjects(conn, ["PC0384422699999"])


def test_a_ticket_can_point_at_a_dossier(store_location):
    conn = small_plui(store_location)
    uuid = conn.execute("SELECT uuid FROM ads_dossier").fetchone()[0]
    with store.transaction(conn):
        ticket = ledger.insert_ticket(conn, "ads", "maintenance_corrective",
                                      "Échec de l'échange avec Next'ADS", layer="ads_dossier",
                                      feature_uuid=uuid)
        ledger.insert_time(conn, ticket, "2026-03-03", "1,5")
    assert ledger.feature_hours(conn, "ads_dossier", uuid) == Decimal("1.5")
    assert ledger.feature_tickets(conn, "ads_dossier", uuid)[0]["uuid"] == ticket


def test_a_reader_role_gets_constraints_but_cannot_write_on_postgresql(pg_location, pg_admin):
    """The Communauté's reader role (core/storage/roles.py) asks for constraints: the
    footprints go to a temporary table, no write in the SIT; recomputing
    footprints is refused plainly."""
    location = store.create_store(pg_location)
    small_plui(location).close()
    login = "sit_ads_reader_" + uuid.uuid4().hex[:8]
    quote = db.Dialect.quote
    pg_admin.execute("CREATE ROLE %s LOGIN PASSWORD 'lecture'" % quote(login))
    owner = store.open_store(location)
    granted = roles.grant_roles(owner, reader_members=[login])
    owner.close()
    try:
        conn = store.open_store(db.PgLocation(location.schema, dict(
            location.params, user=login, password="lecture")))
        [subject] = ads.compute_constraints(conn, ads.dossier_subjects(conn, ["PC0384422600001"]))
        assert [c.libelle for c in subject.constraints] == ["UA", "N", "Haie", "Arbre", "Risque"]
        with pytest.raises(sqlite3.Error, match="may read this SIT but not write it"):
            with store.transaction(conn):
                ads.update_footprints(conn)
        conn.close()
    finally:   # roles are cluster-wide; a role holding privileges cannot be dropped
        pg_admin.execute("DROP SCHEMA %s CASCADE" % quote(location.schema))
        for role in (login,) + tuple(granted):
            pg_admin.execute("DROP ROLE %s" % quote(role))
