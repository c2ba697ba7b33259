"""sitchartreuse:settlement, :hostingcost and :reopenyear through processing.run:
outputs (table, features, HTML, PDF, CSV), issuing and reopening."""
import html
import re
import subprocess

import pytest

from sit_chartreuse.core.i18n import tr
from test_settlement import DAY, Ledger, at_provisional


def _text(path):
    """pdftotext output with every kind of space made plain."""
    out = subprocess.run(["pdftotext", "-layout", path, "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    return re.sub(r"[\u00a0\u202f ]+", " ", out)


def test_settlement_end_to_end(sit_processing, new_store, tmp_path):
    import processing
    from qgis.core import QgsVectorLayer
    ledger = Ledger(new_store)
    at_provisional(ledger)
    ledger.conn.close()
    result = processing.run("sitchartreuse:hostingcost", {
        "STORE": new_store, "YEAR": 2026, "KIND": "stockage", "LABEL": "Stockage objet",
        "AMOUNT_HT": "0,00", "INVOICE": "F-2026-99"})
    assert len(result["UUID"]) == 36
    out = {name: str(tmp_path / ("decompte." + ext)) for name, ext in (
        ("OUTPUT_HTML", "html"), ("OUTPUT_PDF", "pdf"), ("OUTPUT_CSV", "csv"))}
    result = processing.run("sitchartreuse:settlement", dict(
        STORE=new_store, YEAR=2026, ISSUE=True, OUTPUT_TABLE="TEMPORARY_OUTPUT",
        OUTPUT_FEATURES="TEMPORARY_OUTPUT", **out))
    assert (result["VERSION"], result["TOTAL_TTC_CENTS"]) == (1, 1740000)
    assert result["TOTAL_DUE"] == "17\u202f400,00\u00a0€"

    table = result["OUTPUT_TABLE"]
    table = table if isinstance(table, QgsVectorLayer) else QgsVectorLayer(table)
    rows = list(table.getFeatures())
    assert [r["code"] for r in rows] == ["hebergement", "maintenance", "formation",
                                         "developpement"]
    table_total = sum(r["montant_ttc_centimes"] for r in rows)
    assert table_total == 1740000
    with open(out["OUTPUT_CSV"], encoding="utf-8-sig") as f:
        csv_total = f.read().splitlines()[-1].split(";")
    assert csv_total[2] == "TOTAL" and int(csv_total[12].replace(",", "")) == table_total

    features = result["OUTPUT_FEATURES"]
    features = features if isinstance(features, QgsVectorLayer) else QgsVectorLayer(features)
    [feature] = list(features.getFeatures())   # one pav feature; other work is transversal
    assert (feature["minutes"], feature["montant_ht_centimes"]) == (15 * DAY, 900000)
    assert features.crs().authid() == "EPSG:2154"

    with open(out["OUTPUT_PDF"], "rb") as f:
        assert f.read(5) == b"%PDF-"
    text = _text(out["OUTPUT_PDF"])
    assert "17 400,00 € TTC" in text
    assert "PNRC-CCCC-SIT-2026" in text and "31/12/2026" in text
    assert "Saint-Laurent-du-Pont" in text            # the commune breakdown
    with open(out["OUTPUT_HTML"], encoding="utf-8") as f:
        html = f.read()
    assert "17\u202f400,00\u00a0€" in html and "transversal" in html.lower()
    assert "Version 1" in html


def test_dry_run_reopen_and_refusals_through_processing(sit_processing, new_store, tmp_path):
    import processing
    from qgis.core import QgsProcessingException
    ledger = Ledger(new_store)
    at_provisional(ledger)
    common = dict(STORE=new_store, YEAR=2026, OUTPUT_TABLE="TEMPORARY_OUTPUT",
                  OUTPUT_FEATURES="TEMPORARY_OUTPUT", OUTPUT_HTML=None, OUTPUT_PDF=None,
                  OUTPUT_CSV=str(tmp_path / "simulation.csv"))
    dry = processing.run("sitchartreuse:settlement", common)
    assert (dry["VERSION"], dry["TOTAL_TTC_CENTS"]) == (0, 1740000)
    assert ledger.conn.execute("SELECT count(*) FROM settlement").fetchone()[0] == 0
    with pytest.raises(QgsProcessingException, match="outside the term"):
        processing.run("sitchartreuse:settlement", dict(common, YEAR=2030))
    processing.run("sitchartreuse:settlement", dict(common, ISSUE=True))
    again = processing.run("sitchartreuse:settlement", dict(
        common, OUTPUT_HTML=str(tmp_path / "apres.html")))   # a dry run of the settled year
    settled = tr("Dry run: computed on {date}, nothing recorded; the year is settled by "
                 "version {version}.").split("{date}")[1].format(version=1)
    with open(again["OUTPUT_HTML"], encoding="utf-8") as f:
        assert html.escape(settled) in f.read()
    with pytest.raises(QgsProcessingException, match="settled"):
        processing.run("sitchartreuse:hostingcost", {
            "STORE": new_store, "YEAR": 2026, "KIND": "autre", "LABEL": "Oubli",
            "AMOUNT_HT": "12,00"})
    with pytest.raises(QgsProcessingException):
        processing.run("sitchartreuse:reopenyear", {"STORE": new_store, "YEAR": 2026,
                                                     "REASON": ""})
    reopened = processing.run("sitchartreuse:reopenyear", {
        "STORE": new_store, "YEAR": 2026, "REASON": "Facture de stockage oubliée"})
    assert reopened["VERSION"] == 1
    processing.run("sitchartreuse:hostingcost", {
        "STORE": new_store, "YEAR": 2026, "KIND": "stockage", "LABEL": "Stockage",
        "AMOUNT_HT": "100,00"})
    second = processing.run("sitchartreuse:settlement", dict(common, ISSUE=True))
    # 100 € HT more on the hosting line: +120 € TTC.
    assert (second["VERSION"], second["TOTAL_TTC_CENTS"]) == (2, 1740000 + 12000)


def test_cancelled_run_records_nothing(sit_processing, new_store, tmp_path):
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback
    ledger = Ledger(new_store)
    at_provisional(ledger)
    algorithm = QgsApplication.processingRegistry().createAlgorithmById(
        "sitchartreuse:settlement")
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    context = QgsProcessingContext()
    ok = False
    try:
        _, ok = algorithm.run({"STORE": new_store, "YEAR": 2026, "ISSUE": True,
                               "OUTPUT_TABLE": "TEMPORARY_OUTPUT",
                               "OUTPUT_FEATURES": "TEMPORARY_OUTPUT",
                               "OUTPUT_CSV": str(tmp_path / "x.csv")}, context, feedback)
    except Exception as e:   # QGIS may raise or return ok=False
        assert "cancelled" in str(e)
    assert not ok
    assert ledger.conn.execute("SELECT count(*) FROM settlement").fetchone()[0] == 0
