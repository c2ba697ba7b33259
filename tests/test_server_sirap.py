"""Sirap's notice board (NEXT'ADS public portal, affichage-reglementaire) read
by importads's built-in profile `sirap`, on both backends: 12-character
parcels (leading zeros lost, sections written 0L), the applicant and the
architect never stored. The sample file is fictitious."""
import json
import os

import pytest

from ads_helpers import add_parcel, square
from sit_chartreuse.core import ads
from sit_chartreuse.core.storage import store
from sit_chartreuse.core.imports.ads import import_ads

SAMPLE = os.path.join(os.path.dirname(__file__), "data", "sirap",
                      "affichage-reglementaire-073094.json")
CORBEL = "73094"
PERSONAL = ("demandeur", "architecte")


def _corbel_parcels(location):
    conn = store.open_store(location)
    with store.transaction(conn):
        add_parcel(conn, "AB", 1, square(0, 0, 100, 100), insee=CORBEL)
        add_parcel(conn, "AB", 2, square(100, 0, 200, 100), insee=CORBEL)
        add_parcel(conn, "L", 12, square(0, 200, 50, 250), insee=CORBEL)
    return conn


def _all_text(conn):
    """Every text value of the ADS tables."""
    rows = conn.execute("SELECT numero, type_dossier, insee, date_depot, statut, "
                        "date_decision FROM ads_dossier").fetchall()
    rows += conn.execute("SELECT numero, idu FROM ads_dossier_parcelle").fetchall()
    return " ".join(str(v) for row in rows for v in row)


def test_sirap_notice_board_is_imported(store_location):
    conn = _corbel_parcels(store_location)
    try:
        report = import_ads(conn, SAMPLE, "sirap")
        assert not report.refused, [d.message for d in report.defects]
        rows = {r[0]: r[1:] for r in conn.execute(
            "SELECT numero, type_dossier, insee, date_depot, statut, date_decision, "
            "geom IS NOT NULL FROM ads_dossier ORDER BY numero")}
        yes = 1 if isinstance(store_location, str) else True
        no = 0 if isinstance(store_location, str) else False
        assert rows == {
            "PC0730942500001": ("PC", CORBEL, "2025-03-14", "accorde", "2025-06-02", yes),
            "DP0730942500002": ("DP", CORBEL, "2025-04-02", None, None, yes),
            "PC0730942500003": ("PC", CORBEL, "2025-05-20", "refuse", "2025-07-01", no)}
        assert ads.dossier_parcels(conn, "PC0730942500001") == [
            CORBEL + "000AB0001", CORBEL + "000AB0002"]    # "94000AB0002": zero lost
        assert ads.dossier_parcels(conn, "DP0730942500002") == [CORBEL + "0000L0012"]
        assert [d.rule for d in report.defects] == ["parcelle_absente"]
        # Nothing of the applicant nor the architect is stored.
        with open(SAMPLE, encoding="utf-8") as f:
            names = [r[k] for r in json.load(f) for k in PERSONAL if r[k]]
        stored = _all_text(conn)
        assert names and not any(n in stored for n in names)
    finally:
        conn.close()
    if isinstance(store_location, str):   # the GeoPackage file itself holds none of it
        with open(store_location, "rb") as f:
            raw = f.read()
        assert not any(n.encode("utf-8") in raw for n in names)


def test_a_12_character_parcel_needs_its_departement():
    from sit_chartreuse.core.referential import parcel_id
    assert parcel_id.normalize("0940000L0012", CORBEL) == CORBEL + "0000L0012"
    assert parcel_id.normalize("94000AB0002", CORBEL) == CORBEL + "000AB0002"
    with pytest.raises(parcel_id.ParcelIdError, match="094000AB0001"):
        parcel_id.normalize("094000AB0001")


def test_sirap_profile_through_processing(store_location, tmp_path, run_algorithm):
    # What the README shows: sitchartreuse:importads with PROFILE=sirap.
    conn = _corbel_parcels(store_location)
    conn.close()
    result = run_algorithm("importads", {
        "STORE": str(store_location), "INPUT": SAMPLE, "PROFILE": "sirap",
        "OUTPUT_REPORT": str(tmp_path / "report.html")})
    assert os.path.exists(result["OUTPUT_REPORT"])
    conn = store.open_store(store_location)
    try:
        assert [r[0] for r in conn.execute("SELECT numero FROM ads_dossier ORDER BY numero")] == [
            "DP0730942500002", "PC0730942500001", "PC0730942500003"]
    finally:
        conn.close()
