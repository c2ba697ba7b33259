"""The settlement's documents say only what is true (issue 12): text from
the store is printed as text, never evaluated as a QGIS expression, and a
document claiming an issue exists only for a settlement that was recorded."""
import os
import re
import subprocess

import pytest

from sit_chartreuse.core import convention, report, report_layout, settlement
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
