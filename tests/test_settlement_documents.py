"""The settlement's documents say only what is true (issue 12): text from
the store is printed as text, never evaluated as a QGIS expression, and a
document claiming an issue exists only for a settlement that was recorded."""
import os
import re
import subprocess

import pytest

from sit_chartreuse.core.agreement import convention, settlement
from sit_chartreuse.core.reports import report, report_layout
from test_settlement import Ledger, at_provisional

# What a hostile or careless writer puts in the agreement's text fields.
EXPRESSIONS = "[% env('HOME') %] [% file_exists('/etc/passwd') %] $CURRENT_DATE [%'"


def pdf_text(path):
    out = subprocess.run(["pdftotext", "-raw", path, "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    return re.sub(r"[\u00a0\u202f ]+", " ", out).replace("\ufb01", "fi")   # the fi ligature


def test_layout_labels_show_store_text_as_text(qgis_app):
    from qgis.core import QgsLayoutItemLabel, QgsPrintLayout, QgsProject
    project = QgsProject()
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    item = report_layout._label(layout, EXPRESSIONS, 10, 10, 100, 10)
    assert isinstance(item, QgsLayoutItemLabel)
    assert item.currentText() == EXPRESSIONS     # what the PDF prints


def test_settlement_pdf_prints_the_agreement_as_written(new_store, tmp_path):
    ledger = Ledger(new_store)
    at_provisional(ledger)
    ledger.conv.title = "Convention " + EXPRESSIONS
    ledger.conv.beneficiary_name = "[% @layout_name %]"
    convention.save_convention(ledger.conn, ledger.conv)
    convention.record_hosting_cost(ledger.conn, 2026, "autre", "Facture [% 1 + 1 %]", "10,00")
    r = settlement.compute(ledger.conn, convention.find_convention(ledger.conn), 2026)
    path = report_layout.write_pdf(r, ledger.conn, str(tmp_path / "decompte.pdf"))
    text = pdf_text(path)
    assert "Convention [% env('HOME') %] [% file_exists('/etc/passwd') %] $CURRENT_DATE" in text
    assert "[% @layout_name %]" in text and "Facture [% 1 + 1 %]" in text
    assert os.path.expanduser("~") not in text and "true" not in text


def run_settlement(store_path, outputs, issue=True, cancel_at=None):
    """sitchartreuse:settlement as the toolbox runs it; `cancel_at`: the user
    cancels when the progress reaches it. Returns (ok, outputs or error)."""
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback
    algorithm = QgsApplication.processingRegistry().createAlgorithmById(
        "sitchartreuse:settlement")
    feedback = QgsProcessingFeedback()
    if cancel_at is not None:
        feedback.progressChanged.connect(
            lambda percent: feedback.cancel() if percent >= cancel_at else None)
    parameters = dict({"STORE": store_path, "YEAR": 2026, "ISSUE": issue,
                       "OUTPUT_TABLE": "TEMPORARY_OUTPUT", "OUTPUT_FEATURES": "TEMPORARY_OUTPUT",
                       "OUTPUT_HTML": None, "OUTPUT_PDF": None, "OUTPUT_CSV": None}, **outputs)
    try:
        result, ok = algorithm.run(parameters, QgsProcessingContext(), feedback)
    except Exception as e:   # QGIS may raise or return ok=False
        return False, str(e)
    return ok, result


def documents(folder):
    return {name: os.path.join(str(folder), "decompte." + name) for name in ("html", "pdf",
                                                                          "csv")}


@pytest.mark.parametrize("failure", ["cancelled", "failed"])
def test_an_issue_that_does_not_happen_leaves_no_document(sit_processing, new_store, tmp_path,
                                                         failure):
    ledger = Ledger(new_store)
    at_provisional(ledger)
    out = documents(tmp_path)
    outputs = {"OUTPUT_HTML": out["html"], "OUTPUT_CSV": out["csv"], "OUTPUT_PDF": out["pdf"]}
    if failure == "failed":   # the last document cannot be written
        outputs["OUTPUT_PDF"] = str(tmp_path / "gone" / "decompte.pdf")
    ok, _ = run_settlement(new_store, outputs, cancel_at=85 if failure == "cancelled" else None)
    assert not ok
    assert ledger.conn.execute("SELECT count(*) FROM settlement").fetchone()[0] == 0
    assert os.listdir(str(tmp_path)) == ["sit.gpkg"]   # no document, no partial file


def test_documents_of_an_issue_and_of_a_dry_run_say_which_they_are(sit_processing, new_store,
                                                                  tmp_path):
    ledger = Ledger(new_store)
    at_provisional(ledger)
    dry, issued = tmp_path / "dry", tmp_path / "issued"
    dry.mkdir()
    issued.mkdir()
    for folder, issue in ((dry, False), (issued, True)):
        out = documents(folder)
        ok, _ = run_settlement(new_store, {"OUTPUT_HTML": out["html"], "OUTPUT_CSV": out["csv"],
                                           "OUTPUT_PDF": out["pdf"]}, issue=issue)
        assert ok and sorted(os.listdir(str(folder))) == sorted(os.path.basename(p)
                                                                for p in out.values())
    r = settlement.compute(ledger.conn, ledger.conv, 2026)
    r.locked_by_version = None   # as the dry run computed it, before the issue
    simulation = report.title_text(r)
    assert "Simulation" in simulation
    for folder, expected, absent in ((dry, simulation, "Version 1"),
                                     (issued, "Version 1", simulation)):
        html = open(os.path.join(str(folder), "decompte.html"), encoding="utf-8").read()
        pdf = pdf_text(os.path.join(str(folder), "decompte.pdf"))
        csv = open(os.path.join(str(folder), "decompte.csv"), encoding="utf-8-sig").read()
        assert expected in html and expected in pdf and absent not in html + pdf
    assert "Titre de recettes 2026" in csv and "Simulation" in open(
        os.path.join(str(dry), "decompte.csv"), encoding="utf-8-sig").read()
