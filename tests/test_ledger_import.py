"""CSV import of time entries: Redmine, Kimai and the generic layout; the
whole file or nothing, with every faulty line reported."""
import os

import pytest

from sit_chartreuse.core.errors import SitError
from sit_chartreuse.core.ledger import ledger, timeimport





def _write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return str(path)


def _entries(conn):
    return conn.execute(
        "SELECT t.application, t.layer_name, t.feature_uuid, t.category, t.title, "
        "t.external_ref, e.work_date, e.agent, e.minutes, e.note FROM time_entry e "
        "JOIN ticket t ON t.uuid = e.ticket_uuid ORDER BY e.fid").fetchall()


REDMINE_FR = (
    'Projet;Date;Utilisateur;Activité;Demande;Commentaire;Heures;Code objet\n'
    '"Réseaux humides";02/03/2026;Marie Girard;Maintenance corrective;'
    '"Anomalie #123: Fuite rue des Écoles";Réparé;1,50;EU-0001\n'
    'Réseaux humides;03/03/2026;Marie Girard;Maintenance corrective;'
    '"Anomalie #123: Fuite rue des Écoles";;0,75;EU-0001\n'
    'SIT - PAV;04/03/2026;Luc Bonnet;Assistance;;"Appel de la mairie; suite";0,25;\n')


def test_redmine_french_export_in_windows_1252(ledger_store, tmp_path):
    conn, uuids = ledger_store
    path = _write(tmp_path, "temps.csv", REDMINE_FR, "cp1252")
    result = timeimport.import_time(conn, path)
    assert (result.format, result.encoding, result.delimiter) == ("redmine", "cp1252", ";")
    assert (len(result.entries), result.tickets_created, result.minutes) == (3, 2, 150)
    issue = "Anomalie #123: Fuite rue des Écoles"
    assert _entries(conn) == [
        ("reseaux", "raepa_canalass_l", uuids["raepa_canalass_l"], "maintenance_corrective",
         issue, "redmine#123", "2026-03-02", "Marie Girard", 90, "Réparé"),
        ("reseaux", "raepa_canalass_l", uuids["raepa_canalass_l"], "maintenance_corrective",
         issue, "redmine#123", "2026-03-03", "Marie Girard", 45, None),
        ("pav", None, None, "hotline", "Redmine: Assistance", None, "2026-03-04",
         "Luc Bonnet", 15, "Appel de la mairie; suite")]
    # a later export adds to the same Redmine issue's ticket
    later = _write(tmp_path, "temps-avril.csv",
                   "Project,Date,User,Activity,Issue,Comment,Hours\n"
                   "Réseaux humides,2026-04-01,Marie Girard,Corrective maintenance,"
                   "Bug #123: Leak,Contrôle,1.0\n")
    result = timeimport.import_time(conn, later, "redmine")
    assert result.tickets_created == 0
    assert conn.execute("SELECT count(*) FROM ticket WHERE external_ref = 'redmine#123'"
                        ).fetchone()[0] == 1


def test_kimai_export_with_times_or_durations(ledger_store, tmp_path):
    conn, uuids = ledger_store
    path = _write(tmp_path, "kimai.csv",
                  "\ufeffDate,From,To,Duration,User,Customer,Project,Activity,Description,"
                  "Layer,UUID\n"
                  "2026-03-05,08:00,09:30,1:30,mgirard,CC Cœur de Chartreuse,PAV,Support,"
                  "Conteneur plein,pav,%s\n"
                  "2026-03-06,14:00,15:15,,mgirard,CC Cœur de Chartreuse,Next'ADS,Development,"
                  "Flux dossiers,,\n"
                  "2026-03-07 09:00,09:00,09:20,0:20:00,lbonnet,CC Cœur de Chartreuse,PAV,"
                  "Support,Conteneur plein,pav,%s\n" % (uuids["pav"], uuids["pav"]))
    result = timeimport.import_time(conn, path)
    assert (result.format, result.encoding, result.delimiter) == ("kimai", "utf-8", ",")
    assert [(e[0], e[1], e[2], e[3], e[6], e[7], e[8]) for e in _entries(conn)] == [
        ("pav", "pav", uuids["pav"], "hotline", "2026-03-05", "mgirard", 90),
        ("ads", None, None, "developpement", "2026-03-06", "mgirard", 75),
        ("pav", "pav", uuids["pav"], "hotline", "2026-03-07", "lbonnet", 20)]
    assert result.tickets_created == 2  # the two PAV lines share a ticket


def test_generic_layout_finds_features_by_code(ledger_store, tmp_path):
    conn, uuids = ledger_store
    existing, _ = ledger.log_time(conn, "2026-01-10", "1", application="plui",
                                  category="hotline", title="Question")
    path = _write(tmp_path, "generique.csv",
                  "date;agent;hours;category;application;layer;feature_uuid;code;ticket;title;"
                  "note\n"
                  "2026-04-01;m.girard;2;Formation;pav;;;;;Formation niveau 1;\n"
                  "2026-04-02;m.girard;1,25;;;;;;%s;;suite\n"
                  "2026-04-03;m.girard;3;maintenance_evolutive;;;;PC0384122600012;;Champ;\n"
                  "02/04/2026;s.rey;0:45;maintenance_corrective;ads;;;380412000AB0012;;"
                  "Parcelle;MAJIC\n"
                  "2026-04-04;s.rey;1;hotline;reseaux;raepa_canalass_l;%s;;;Fuite;\n"
                  % (existing, uuids["raepa_canalass_l"]))
    result = timeimport.import_time(conn, path)
    assert result.format == "generic" and len(result.entries) == 5
    rows = _entries(conn)[1:]
    assert [(r[0], r[1], r[2], r[3], r[8]) for r in rows] == [
        ("pav", None, None, "formation", 120),
        ("plui", None, None, "hotline", 75),
        ("ads", "ads_dossier", uuids["ads_dossier"], "maintenance_evolutive", 180),
        ("ads", "parcelle", uuids["parcelle"], "maintenance_corrective", 45),
        ("reseaux", "raepa_canalass_l", uuids["raepa_canalass_l"], "hotline", 60)]
    assert ledger.ticket_minutes(conn, existing) == 135


def test_faulty_lines_leave_the_store_unchanged_and_are_all_reported(ledger_store, tmp_path):
    conn, uuids = ledger_store
    ledger.log_time(conn, "2026-04-01", "2", application="pav", category="formation",
                    title="Formation niveau 1", agent="m.girard")
    before = _entries(conn)
    header = "date;agent;hours;category;application;layer;feature_uuid;code;ticket;title;note\n"
    lines = [
        "2026-05-01;m.girard;1;hotline;pav;;;;;Bon;",                 # 2 fine
        "2026-02-30;m.girard;1;hotline;pav;;;;;Date;",                # 3 bad date
        "2026-05-01;m.girard;25;hotline;pav;;;;;Long;",               # 4 hours out of range
        "2026-05-01;m.girard;0;hotline;pav;;;;;Nul;",                 # 5 hours out of range
        "2026-05-01;m.girard;1;cafe;pav;;;;;Catégorie;",              # 6 unknown category
        "2026-05-01;m.girard;1;hotline;pav;;;PAV-999;;Objet;",        # 7 unknown feature
        "2026-05-01;m.girard;1;hotline;pav;pav;no-such-uuid;;;Objet;",  # 8 unknown feature
        "2026-05-01;m.girard;1;hotline;pav;;;;;Bon;",                 # 9 duplicate of 2
        "2026-04-01;m.girard;2;formation;pav;;;;;Formation niveau 1;",  # 10 already stored
        "2026-05-01;m.girard;1;hotline;piscine;;;;;Appli;",           # 11 unknown application
    ]
    raw = (header + "\n".join(lines) + "\n").encode("utf-8")
    raw += "2026-05-02;m.girard;1;hotline;pav;;;;;Réunion élus;\n".encode("cp1252")  # 12
    raw += "2026-05-03;m.girard;1;hotline;pav;;;;;Mise à jour;\n".encode("utf-8")
    path = _write(tmp_path, "mauvais.csv", raw)
    with pytest.raises(timeimport.TimeImportError) as caught:
        timeimport.import_time(conn, path)
    reasons = dict(caught.value.problems)
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    assert "not a date" in reasons[3]
    assert "out of range" in reasons[4] and "out of range" in reasons[5]
    assert "unknown category" in reasons[6]
    assert "unknown feature" in reasons[7] and "no feature with uuid" in reasons[8]
    assert "same as line 2" in reasons[9] and "already in the store" in reasons[10]
    assert "unknown application" in reasons[11]
    assert "wrong encoding" in reasons[12]
    message = str(caught.value)
    assert path in message and "line 12: wrong encoding" in message
    assert _entries(conn) == before
    assert conn.execute("SELECT count(*) FROM ticket").fetchone()[0] == 1


def test_unknown_layout_and_wrong_encoding_of_the_whole_file(ledger_store, tmp_path):
    conn, _ = ledger_store
    with pytest.raises(timeimport.TimeImportError, match="unknown layout"):
        timeimport.import_time(conn, _write(tmp_path, "x.csv", "a;b;c\n1;2;3\n"))
    utf16 = _write(tmp_path, "utf16.csv", REDMINE_FR, "utf-16")
    with pytest.raises(timeimport.TimeImportError, match="line 1: wrong encoding: UTF-16"):
        timeimport.import_time(conn, utf16)


GENERIC = "date;agent;hours;category;application;layer;feature_uuid;code;ticket;title;note\n"


def _refused(conn, path):
    """The (line, reason) problems of a refused import, the store checked unchanged."""
    before = _entries(conn), conn.execute("SELECT count(*) FROM ticket").fetchone()
    with pytest.raises(timeimport.TimeImportError) as caught:
        timeimport.import_time(conn, path)
    assert path in str(caught.value)
    assert (_entries(conn), conn.execute("SELECT count(*) FROM ticket").fetchone()) == before
    return dict(caught.value.problems)


def test_a_quote_left_open_is_refused_naming_its_line(ledger_store, tmp_path):
    # The csv module would read lines 3 to 5 into line 2's note: one entry out of four.
    conn, _ = ledger_store
    path = _write(tmp_path, "guillemet.csv", GENERIC
                  + '2026-05-04;m.girard;1;hotline;pav;;;;;Appel;"suite de l\'appel\n'
                  + "2026-05-05;m.girard;2;hotline;pav;;;;;Appel;\n"
                  + "2026-05-06;m.girard;3;hotline;pav;;;;;Appel;\n"
                  + "2026-05-07;m.girard;3,5;hotline;pav;;;;;Appel;\n")
    reasons = _refused(conn, path)
    assert list(reasons) == [2] and "quote left open" in reasons[2]
    # Text after a closing quote is refused the same way.
    path = _write(tmp_path, "apres.csv",
                  GENERIC + '2026-05-04;m.girard;1;hotline;pav;;;;;Appel;"suite" donnée\n')
    assert "quote left open or followed by text" in _refused(conn, path)[2]


@pytest.mark.parametrize("hours", ["1_5", "1e1", "inf", "NaN", "1e999999999", "0x1", "١",
                                   "1:-30", "1:90", "-0:30", "1:5"])
def test_hours_that_python_would_read_are_refused_naming_the_line(ledger_store, tmp_path,
                                                                   hours):
    # Decimal("1_5") is 15, Decimal("١") is 1: only plain decimals and H:MM count.
    conn, _ = ledger_store
    path = _write(tmp_path, "heures.csv", GENERIC + "2026-05-04;m.girard;1;hotline;pav;;;;;A;\n"
                  "2026-05-05;m.girard;%s;hotline;pav;;;;;A;\n" % hours)
    reasons = _refused(conn, path)
    assert list(reasons) == [3] and "%r is not a number of hours" % hours in reasons[3]


def _processing(name, parameters):
    import processing
    return processing.run("sitchartreuse:" + name, parameters)


@pytest.mark.parametrize("where", ["missing/folder", "a-file"])
def test_a_report_that_cannot_be_written_imports_nothing(sit_processing, ledger_store,
                                                         store_location, tmp_path, where):
    # Written after the commit, it left the entries in and a re-run refused them all.
    from qgis.core import QgsProcessingException
    conn, _ = ledger_store
    (tmp_path / "a-file").write_text("not a folder")
    path = _write(tmp_path, "temps.csv", GENERIC + "2026-05-04;m.girard;1,5;hotline;pav;;;;;A;\n")
    parameters = {"STORE": str(store_location), "INPUT": path,
                  "OUTPUT_REPORT": str(tmp_path / where / "rapport.csv")}
    with pytest.raises(QgsProcessingException, match="Cannot write the report .*rapport.csv.*"
                       "Nothing was imported"):
        _processing("importtime", parameters)
    assert _entries(conn) == []
    parameters["OUTPUT_REPORT"] = str(tmp_path / "rapport.csv")
    assert _processing("importtime", parameters)["ENTRIES"] == 1
    assert [e[8] for e in _entries(conn)] == [90]


class _WriteWhileChecking:
    """A feedback that, when the import first reports progress (it is then
    checking lines), logs `entry` through another connection to the store."""

    def __init__(self, location, ticket, entry):
        self.location, self.ticket, self.entry, self.written = location, ticket, entry, None

    def isCanceled(self):  # noqa: N802 (QgsFeedback API)
        return False

    def setProgress(self, percent):  # noqa: N802
        if self.written is None:
            from sit_chartreuse.core.storage import store
            other = store.open_store(self.location)
            try:
                self.written = ledger.log_time(other, ticket_uuid=self.ticket, agent="m.girard",
                                               **self.entry)
            finally:
                other.close()


def test_another_writer_is_not_locked_out_while_lines_are_checked(ledger_store, store_location,
                                                                  tmp_path, monkeypatch):
    # The import held the write lock from its first line: the map tool's logtime waited
    # (30 s) and failed. A second is far more than another writer should wait now.
    from sit_chartreuse.core.storage import store
    monkeypatch.setattr(store, "BUSY_TIMEOUT", 1)
    conn, _ = ledger_store
    ticket, _ = ledger.log_time(conn, "2026-05-01", "1", application="pav",
                                category="hotline", title="Appels")
    path = _write(tmp_path, "temps.csv", GENERIC + "2026-05-04;m.girard;1;;;;;;%s;;\n" % ticket)
    feedback = _WriteWhileChecking(str(store_location), ticket,
                                   dict(work_date="2026-05-05", hours="2"))
    result = timeimport.import_time(conn, path, feedback=feedback)
    assert feedback.written and len(result.entries) == 1
    assert [(e[6], e[8]) for e in _entries(conn)] == [
        ("2026-05-01", 60), ("2026-05-05", 120), ("2026-05-04", 60)]


def test_an_entry_written_meanwhile_is_a_duplicate_found_at_write_time(ledger_store,
                                                                       store_location,
                                                                       tmp_path):
    # Lines are checked before the write lock: what another writer adds meanwhile is
    # checked again inside the write transaction.
    conn, _ = ledger_store
    ticket, _ = ledger.log_time(conn, "2026-05-01", "1", application="pav",
                                category="hotline", title="Appels")
    path = _write(tmp_path, "temps.csv", GENERIC + "2026-05-03;m.girard;1;;;;;;%s;;\n"
                  "2026-05-04;m.girard;1,5;;;;;;%s;;suite\n" % (ticket, ticket))
    feedback = _WriteWhileChecking(str(store_location), ticket,
                                   dict(work_date="2026-05-04", hours="1,5", note="suite"))
    with pytest.raises(timeimport.TimeImportError) as caught:
        timeimport.import_time(conn, path, feedback=feedback)
    assert caught.value.problems == [(3, "duplicate line: this entry is already in the store")]
    assert [(e[6], e[8], e[9]) for e in _entries(conn)] == [
        ("2026-05-01", 60, None), ("2026-05-04", 90, "suite")]


def test_lines_in_a_settled_year_are_refused_each_by_its_line(ledger_store, tmp_path):
    # Entries go in by one statement: the store's year lock still names every line.
    from sit_chartreuse.core.agreement import convention, settlement
    conn, _ = ledger_store
    ledger.log_time(conn, "2026-03-02", "1", application="pav", category="hotline",
                    title="Appels")
    settlement.issue(conn, convention.find_convention(conn), 2026)
    path = _write(tmp_path, "temps.csv", GENERIC + "2027-01-04;m.girard;1;hotline;pav;;;;;A;\n"
                  "2026-12-30;m.girard;1;hotline;pav;;;;;A;\n"
                  "2027-01-05;m.girard;1;hotline;pav;;;;;A;\n"
                  "2026-12-31;m.girard;1;hotline;pav;;;;;A;\n")
    reasons = _refused(conn, path)
    assert list(reasons) == [3, 5] and all("settled" in r for r in reasons.values())


KIMAI = "Date,From,To,Duration,User,Project,Activity,Description\n"


@pytest.mark.parametrize("text, reason", [
    (GENERIC + "2026-05-04;m.girard;1;hotline;pav;;;;;A;%s\n" % ("x" * 140000),
     "a field is longer than 128 KiB"),
    (GENERIC + "2026-05-04;m.girard;1;hotline;pav;;;;;A;appel\x00\n",
     "the line holds a NUL character"),          # PostgreSQL refuses NUL in text
    (KIMAI + "2026-03-05,08:00,09:30,1:xx:00,m,PAV,Support,x\n",
     "'1:xx:00' is not a number of hours"),
    (KIMAI + "2026-03-05,08:00,09:30,1:30:,m,PAV,Support,x\n", "'1:30:' is not a number"),
    (KIMAI + "2026-03-05,08:00,09:30,1e999999999,m,PAV,Support,x\n", "is not a number"),
    (KIMAI + "2026-03-05,08:00,25:00,,m,PAV,Support,x\n", "'25:00' is not a time of day"),
], ids=["field-over-128KiB", "NUL", "kimai-hms", "kimai-hms-cut", "kimai-1e999999999",
        "kimai-clock"])
def test_hostile_input_is_refused_naming_the_line(ledger_store, tmp_path, text, reason):
    # Each ended in a raw traceback (csv.Error, ValueError, decimal.Overflow,
    # psycopg2's ValueError) or was stored as garbage.
    conn, _ = ledger_store
    reasons = _refused(conn, _write(tmp_path, "temps.csv", text))
    assert list(reasons) == [2] and reason in reasons[2]


def test_cr_only_line_ends_are_lines(ledger_store, tmp_path):
    # The csv module refused a \r inside what it read as one line: a traceback.
    conn, _ = ledger_store
    text = (GENERIC + "2026-05-04;m.girard;1;hotline;pav;;;;;A;\n"
            "2026-05-05;m.girard;2;hotline;pav;;;;;A;\n")
    result = timeimport.import_time(conn, _write(tmp_path, "mac.csv", text.replace("\n", "\r")))
    assert [line for line, *_ in result.entries] == [2, 3]
    assert [(e[6], e[8]) for e in _entries(conn)] == [("2026-05-04", 60), ("2026-05-05", 120)]


def test_a_real_kimai_1_export_durations_in_seconds_and_its_totals_row(ledger_store,
                                                                       shared_data, tmp_path):
    # Kimai 1 writes "2700" for 45 minutes: read as 2 700 hours, it was refused.
    conn, _ = ledger_store
    real = os.path.join(shared_data, "time", "kimai1_export_tallyho", "kimai-export.csv")
    fmt, _, _, rows, problems = timeimport.read_rows(real)
    assert (fmt, problems) == ("kimai", [])
    assert [(line, row["duration"]) for line, row in rows] == [(2, "0:45"), (3, "1:45")]
    # Its customer's activities are no category of the SIT: each line is
    # refused for that alone (not its duration, nor the money columns, nor
    # the totals row on line 4).
    reasons = _refused(conn, real)
    assert reasons == {2: "unknown category 'Website'", 3: "unknown category 'Misc.'"}
    with open(real, encoding="utf-8") as f:
        text = f.read().replace('"Website","Website"', '"PAV","Support"').replace(
            '"Website","Misc."', '"PAV","Development"')
    result = timeimport.import_time(conn, _write(tmp_path, "kimai.csv", text))
    assert (len(result.entries), result.minutes) == (2, 150)
    assert [(e[0], e[3], e[6], e[7], e[8]) for e in _entries(conn)] == [
        ("pav", "hotline", "2019-05-13", "Steve", 45),
        ("pav", "developpement", "2019-05-16", "Steve", 105)]


def test_a_kimai_2_export_in_german_with_money_columns(ledger_store, tmp_path):
    conn, _ = ledger_store
    path = _write(tmp_path, "kimai2.csv",
                  "Datum,Von,Bis,Dauer,Währung,Preis,Interner Preis,Name,Benutzer,Kunde,"
                  "Projekt,Tätigkeit,Beschreibung\n"
                  "2026-03-05,08:00,08:06,0:06,EUR,6.00,6.00,Marie,mgirard,CCCC,PAV,Support,"
                  "Appel\n"
                  "2026-03-06,09:00,09:30,0.5,EUR,30.00,30.00,Marie,mgirard,CCCC,PAV,Support,"
                  "Appel\n"
                  ",,,0:36,,36.00,36.00,,,,,,\n")
    result = timeimport.import_time(conn, path)
    assert (result.format, len(result.entries), result.minutes) == ("kimai", 2, 36)
    assert [(e[7], e[8]) for e in _entries(conn)] == [("mgirard", 6), ("mgirard", 30)]


REDMINE_DATA = os.path.join("time", "redmine_test_fixtures")
# Redmine's captions, separators and default date format per language (config/locales).
REDMINE_LOCALES = {
    "en": ("Project,Date,User,Activity,Issue,Comment,Hours", ",", ".", "%m/%d/%Y"),
    "fr": ("Projet;Date;Utilisateur;Activité;Demande;Commentaire;Heures", ";", ",", "%d/%m/%Y")}


def _redmine_export(shared_data, tmp_path, language, activities=None):
    """Redmine's spent-time CSV of its own fixtures (time_entries.yml,
    enumerations.yml), written as Redmine writes it (lib/redmine/export/csv.rb):
    the language's captions, separator, decimal separator and default date
    format, ISO-8859-1, the issue as "<tracker> #<id>: <subject>" or "#<id>",
    newest first. The fixtures' projects are named as the Park's
    applications; `activities` renames activities."""
    import csv
    import yaml
    folder = os.path.join(shared_data, REDMINE_DATA)
    with open(os.path.join(folder, "time_entries.yml"), encoding="utf-8") as f:
        entries = yaml.safe_load(f).values()
    with open(os.path.join(folder, "enumerations.yml"), encoding="utf-8") as f:
        activity = {e["id"]: e["name"] for e in yaml.safe_load(f).values()}
    header, separator, decimal, date_format = REDMINE_LOCALES[language]
    projects = {1: "Réseaux humides", 3: "SIT - PAV", 5: "Urbanisme"}
    users = {1: "Redmine Admin", 2: "John Smith"}
    issues = {1: "Bug #1: Cannot print recipes", 3: "#3", None: ""}
    path = tmp_path / ("redmine-%s.csv" % language)
    with open(path, "w", encoding="iso-8859-1", newline="") as f:
        writer = csv.writer(f, delimiter=separator, lineterminator="\n")
        writer.writerow(header.split(separator))
        for e in sorted(entries, key=lambda e: e["spent_on"], reverse=True):
            name = activity[e["activity_id"]]
            writer.writerow([projects[e["project_id"]], e["spent_on"].strftime(date_format),
                             users[e["user_id"]], (activities or {}).get(name, name),
                             issues[e["issue_id"]], e["comments"],
                             ("%.2f" % e["hours"]).replace(".", decimal)])
    return str(path)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_redmine_spent_time_export_of_its_fixtures(ledger_store, shared_data, tmp_path,
                                                   language):
    conn, _ = ledger_store
    path = _redmine_export(shared_data, tmp_path, language)
    fmt, encoding, delimiter, rows, problems = timeimport.read_rows(path)
    assert (fmt, encoding, delimiter, problems) == (
        "redmine", "cp1252", REDMINE_LOCALES[language][1], [])
    # the English file's month-first dates read the same as the French day-first ones
    assert [ledger.parse_date(row["date"]) for _, row in rows] == [
        "2011-03-22", "2007-04-22", "2007-04-21", "2007-03-23", "2007-03-12"]
    # "Design" is no category of the SIT; 150 hours in one entry are out of range
    reasons = _refused(conn, path)
    assert sorted(reasons) == [4, 5, 6]
    assert reasons[4] == reasons[5] == "unknown category 'Design'"
    assert "150%s00 h is out of range" % REDMINE_LOCALES[language][2] in reasons[6]
    path = _redmine_export(shared_data, tmp_path, language,
                           {"Design": "Maintenance corrective"})
    with open(path, encoding="iso-8859-1") as f:
        lines = f.read().splitlines()
    path = _write(tmp_path, "sans-150h.csv", "\n".join(lines[:5]) + "\n", "iso-8859-1")
    result = timeimport.import_time(conn, path)
    assert (len(result.entries), result.tickets_created, result.minutes) == (
        4, 4, 459 + 459 + 60 + 255)
    assert [(e[0], e[3], e[4], e[5], e[6], e[7], e[8], e[9]) for e in _entries(conn)] == [
        ("plui", "developpement", "Redmine: Development", None, "2011-03-22",
         "Redmine Admin", 459, "Time spent on a subproject"),
        ("pav", "developpement", "Redmine: Development", None, "2007-04-22",
         "Redmine Admin", 459, "Time spent on a subproject"),
        ("reseaux", "maintenance_corrective", "#3", "redmine#3", "2007-04-21",
         "Redmine Admin", 60, None),
        ("reseaux", "maintenance_corrective", "Bug #1: Cannot print recipes", "redmine#1",
         "2007-03-23", "John Smith", 255, "My hours")]


@pytest.mark.parametrize("language, date", [("en", "2007-03-12"), ("fr", "2007-12-03")])
def test_redmine_dates_no_day_past_12_decides_follow_the_language(tmp_path, language, date):
    # Redmine's own test row (timelog_controller_test.rb): 03/12/2007 is 12 March in
    # English (%m/%d/%Y), 3 December in French (%d/%m/%Y). Read day first, it was December.
    header, separator, decimal, _ = REDMINE_LOCALES[language]
    row = separator.join(["eCookbook", "03/12/2007", "Redmine Admin", "Design",
                          "Bug #1: Cannot print recipes", "", "1%s00" % decimal])
    _, _, _, rows, _ = timeimport.read_rows(_write(tmp_path, "r.csv", header + "\n" + row))
    assert [ledger.parse_date(r["date"]) for _, r in rows] == [date]


REDMINE_EN = "Project,Date,User,Activity,Issue,Comment,Hours\n"


def test_redmine_hours_are_whole_minutes_or_refused_naming_the_line(ledger_store, tmp_path):
    # Redmine writes hours to two decimals: 20 minutes are 0.33 h (19.8 min); 0.34 h
    # (20.4 min) and 0.01 h (0.6 min) are no whole number of minutes, rounded or not.
    conn, _ = ledger_store
    line = "PAV,2026-03-0%d,Marie Girard,Support,,,%s\n"
    good = ["0.33", "0.333", "7.65", "1:30", "2"]
    path = _write(tmp_path, "bon.csv", REDMINE_EN + "".join(
        line % (n, hours) for n, hours in enumerate(good, 1)))
    result = timeimport.import_time(conn, path)
    assert [e[8] for e in _entries(conn)] == [20, 20, 459, 90, 120]
    assert result.minutes == 709
    path = _write(tmp_path, "mauvais.csv", REDMINE_EN + line % (6, "0.34") + line % (7, "0.5")
                  + line % (8, "0.01") + line % (9, "0.3334"))
    assert _refused(conn, path) == {
        2: "0.34 h is 20.4 minutes: not a whole number of minutes, nor one rounded to 2 "
           "decimal(s)",
        4: "0.01 h is 0.6 minutes: not a whole number of minutes, nor one rounded to 2 "
           "decimal(s)",
        5: "0.3334 h is 20.004 minutes: not a whole number of minutes, nor one rounded to 4 "
           "decimal(s)"}


def test_redmine_import_layout_of_its_fixture(ledger_store, shared_data, tmp_path):
    # Redmine's import CSV (row;issue_id;date;hours;comment;activity;overtime;user): no
    # project, the issue by its number, the user by e-mail.
    conn, _ = ledger_store
    real = os.path.join(shared_data, REDMINE_DATA, "import_time_entries.csv")
    assert _refused(conn, real) == {
        2: "unknown category 'Design'",
        3: "no application: the line names no project (application) and no feature",
        4: "unknown category 'QA'", 5: "unknown category 'Inactive Activity'"}
    with open(real, encoding="utf-8") as f:
        lines = f.read().splitlines()
    text = "\n".join(line + (";project" if n == 0 else ";Réseaux humides")
                     for n, line in enumerate(lines)).replace(";Design;", ";Formation;")
    text = text.replace(";QA;", ";Hotline;").replace(";Inactive Activity;", ";Hotline;")
    result = timeimport.import_time(conn, _write(tmp_path, "import.csv", text))
    assert (result.format, len(result.entries), result.tickets_created) == ("redmine", 4, 4)
    assert [(e[3], e[4], e[5], e[6], e[7], e[8], e[9]) for e in _entries(conn)] == [
        ("formation", "Redmine: Formation", None, "2020-01-01", "jsmith@somenet.foo", 60,
         "Some Design"),
        ("developpement", "Redmine: Development", None, "2020-01-02", "jsmith@somenet.foo",
         120, "Some Development"),
        ("hotline", "Redmine #1", "redmine#1", "2020-01-03", "dlopper@somenet.foo", 180,
         "Some QA"),
        ("hotline", "Redmine #2", "redmine#2", "2020-01-04", "jsmith@somenet.foo", 240,
         "Some Inactivity")]


def test_redmine_export_made_inside_a_project_takes_the_import_application(
        sit_processing, ledger_store, store_location, tmp_path):
    # Redmine leaves the Project column out of an export made inside one project
    # (TimeEntryQuery.default_columns_names): every line was refused, no application.
    from qgis.core import QgsProcessingException
    conn, uuids = ledger_store
    path = _write(tmp_path, "projet.csv",
                  "Date;Utilisateur;Activité;Demande;Commentaire;Heures;Couche;UUID\n"
                  "12/03/2026;Marie Girard;Assistance;;Appel mairie;0,50;;\n"
                  "13/03/2026;Marie Girard;Maintenance corrective;Anomalie #7: Fuite;;1,00;"
                  "raepa_canalass_l;%s\n" % uuids["raepa_canalass_l"], "cp1252")
    parameters = {"STORE": str(store_location), "INPUT": path,
                  "OUTPUT_REPORT": str(tmp_path / "rapport.csv")}
    with pytest.raises(QgsProcessingException, match="line 2: no application"):
        _processing("importtime", parameters)
    # The line on a feature takes its layer's application, not the import's.
    result = _processing("importtime", dict(parameters, APPLICATION="pav"))
    assert (result["ENTRIES"], result["TICKETS"]) == (2, 2)
    assert [(e[0], e[1], e[3], e[8]) for e in _entries(conn)] == [
        ("pav", None, "hotline", 30),
        ("reseaux", "raepa_canalass_l", "maintenance_corrective", 60)]
    with pytest.raises(SitError, match="Unknown application piscine"):
        timeimport.import_time(conn, path, application="piscine")
