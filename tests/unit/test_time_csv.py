"""Time CSV files as they come (core/ledger/timeimport.py): encodings, one
record per line, the layout told from the header, and activity and project
names from other tools read as the SIT's codes."""
import pytest

from sit_chartreuse.core.ledger import timeimport


@pytest.mark.parametrize("text, code", [
    ("Maintenance corrective", "maintenance_corrective"), ("maintenance_evolutive",
                                                           "maintenance_evolutive"),
    ("FORMATION", "formation"), ("Hotline", "hotline"), ("Support", "hotline"),
    ("Développement spécifique", "developpement"), ("Réunion", None)])
def test_categories_from_other_tools(text, code):
    assert timeimport.category_code(text) == code


@pytest.mark.parametrize("text, code", [
    ("Réseaux humides", "reseaux"), ("SIT - PAV", "pav"), ("Interfaçage Next'ADS", "ads"),
    ("PLUi Cœur de Chartreuse – Urbanisme", "plui"), ("plui", "plui"), ("Piscine", None),
    ("PAV et PLUi", None)])
def test_applications_from_project_names(text, code):
    assert timeimport.application_code(text) == code



def test_utf8_with_a_bom_and_windows_1252_are_both_read():
    assert timeimport.decode("\ufeffdate;agent\nÉcole;x\n".encode("utf-8")) == (
        ["date;agent", "École;x"], "utf-8", [])
    assert timeimport.decode("date;agent\r\nÉcole;x\r\n".encode("cp1252")) == (
        ["date;agent", "École;x"], "cp1252", [])


def test_a_line_in_another_encoding_than_the_rest_is_named():
    raw = "a\nÉté\nÉcole\n".encode("utf-8") + "Noël\n".encode("cp1252")
    lines, encoding, problems = timeimport.decode(raw)
    assert encoding == "utf-8" and lines[:3] == ["a", "Été", "École"]
    assert [n for n, _ in problems] == [4]
    assert "not in utf-8 like the rest" in problems[0][1]


def test_utf16_is_refused_saying_how_to_save_the_file():
    lines, encoding, problems = timeimport.decode("date\n".encode("utf-16"))
    assert (lines, encoding) == ([], "utf-16")
    assert problems == [(1, "wrong encoding: UTF-16; save the file as UTF-8 or Windows-1252")]


def test_each_record_ends_on_its_line():
    problems = []
    lines = ['a;"b;c', "", "d;e", "f\x00;g", 'h;"i"j']
    assert list(timeimport._records(lines, ";", problems)) == [(3, ["d", "e"])]
    assert [n for n, _ in problems] == [1, 4, 5]
    assert "NUL" in problems[1][1] and "quote left open" in problems[0][1]


@pytest.mark.parametrize("header, fmt", [
    ("date;agent;hours;category", "generic"), ("Projet;Date;Utilisateur;Demande;Heures",
                                               "redmine"),
    ("Date,From,To,Duration,User,Project,Activity", "kimai"), ("Date;Heures", "redmine"),
    ("nom;prenom", None)])
def test_the_layout_is_told_from_the_header(header, fmt):
    delimiter = timeimport._delimiter(header)
    columns = [timeimport.normalize(c) for c in header.split(delimiter)]
    assert timeimport.detect_format(columns) == fmt


def test_rows_are_read_by_column_name_whatever_the_layout(tmp_path):
    path = tmp_path / "kimai.csv"
    path.write_text("Date,De,À,Utilisateur,Projet,Activité,Description\n"
                    "2026-03-02,08:00,09:30,Marie Girard,Réseaux humides,Support, fuite \n"
                    ",,,,,,\n", encoding="utf-8")
    fmt, encoding, delimiter, rows, problems = timeimport.read_rows(str(path))
    assert (fmt, encoding, delimiter, problems) == ("kimai", "utf-8", ",", [])
    assert rows == [(2, {"date": "2026-03-02", "begin": "08:00", "end": "09:30",
                         "agent": "Marie Girard", "application": "Réseaux humides",
                         "category": "Support", "note": "fuite"})]


def test_a_layout_without_hours_names_the_missing_column(tmp_path):
    path = tmp_path / "redmine.csv"
    path.write_text("Date;Utilisateur;Demande\n02/03/2026;Luc Bonnet;#12\n", encoding="utf-8")
    with pytest.raises(timeimport.TimeImportError) as caught:
        timeimport.read_rows(str(path))
    assert caught.value.problems == [(1, "missing column(s) for the redmine layout: hours")]
    assert str(path) in str(caught.value)
