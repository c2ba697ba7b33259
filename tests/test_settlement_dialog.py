"""The agreement dialog: shows the default agreement, saves edits and
amendments, records hosting costs and refuses them once the year is settled."""
import datetime

import pytest

from sit_chartreuse.core.agreement import convention, settlement
from sit_chartreuse.core.storage import store


@pytest.fixture
def dialog(qgis_app, new_store, monkeypatch):
    from qgis.PyQt.QtWidgets import QMessageBox
    from sit_chartreuse.plugin.convention_dialog import ConventionDialog
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda _parent, title, text: warnings.append(text)))
    d = ConventionDialog(new_store)
    d.warnings = warnings
    yield d
    d.done(0)


def _cell(table, row, column):
    return table.item(row, column).text()


def test_shows_the_default_agreement(dialog):
    assert dialog.referenceEdit.text() == "PNRC-CCCC-SIT-2026"
    assert dialog.sirenEdit.text() == "200040111"
    assert dialog.hoursSpin.value() == 7 and dialog.durationSpin.value() == 3
    assert dialog.linesTable.rowCount() == 4
    assert [_cell(dialog.linesTable, 1, c) for c in (0, 3, 4, 5, 6)] == [
        "maintenance", "15,00", "600,00", "0,00", "maintenance_corrective,maintenance_evolutive"]
    assert _cell(dialog.linesTable, 0, 5) == "20,00"


def test_saves_edits_and_an_amendment(dialog, new_store):
    from qgis.PyQt.QtCore import QDate
    from qgis.PyQt.QtWidgets import QTableWidgetItem
    dialog.hoursSpin.setValue(8)
    dialog.startEdit.setDate(QDate(2026, 3, 1))
    dialog.linesTable.setItem(3, 3, QTableWidgetItem("12,5"))     # development: 12,5 days
    dialog._add_amendment()
    for column, text in ((1, "01/07/2027"), (2, "Revalorisation"), (3, "maintenance"),
                         (4, "650")):
        dialog.amendmentsTable.setItem(0, column, QTableWidgetItem(text))
    assert dialog.save(), dialog.warnings
    conn = store.open_store(new_store)
    conv = convention.find_convention(conn)
    assert (conv.hours_per_day, conv.start_date) == (8, datetime.date(2026, 3, 1))
    assert conv.line("developpement").provisional_quantity_hundredths == 1250
    assert conv.line("developpement").provisional_amount_cents == 750000
    [a] = conv.amendments
    assert (a.number, a.effective_date, a.line_code, a.new_unit_price_cents) == (
        1, datetime.date(2027, 7, 1), "maintenance", 65000)


def test_refuses_a_bad_agreement_and_keeps_the_stored_one(dialog, new_store):
    from qgis.PyQt.QtWidgets import QTableWidgetItem
    dialog.linesTable.setItem(2, 6, QTableWidgetItem("formation,developpement"))
    assert not dialog.save()
    assert "already covered by line" in dialog.warnings[-1]
    dialog.linesTable.setItem(2, 4, QTableWidgetItem("six cents"))
    assert not dialog.save()
    assert "Line 3" in dialog.warnings[-1]
    conn = store.open_store(new_store)
    assert convention.find_convention(conn).line("formation").categories == (
        "formation", "hotline")


def test_hosting_costs_and_the_settled_year(dialog, new_store):
    dialog.yearSpin.setValue(2026)
    dialog.kindCombo.setCurrentIndex(dialog.kindCombo.findData("sauvegarde"))
    dialog.labelEdit.setText("Sauvegarde externalisée")
    dialog.amountEdit.setText("1 250,50")
    dialog.invoiceEdit.setText("F-2026-012")
    assert dialog.add_cost()
    assert [_cell(dialog.costsTable, 0, c) for c in range(4)] == [
        "Sauvegarde", "Sauvegarde externalisée", "1\u202f250,50\u00a0€", "F-2026-012"]
    dialog.amountEdit.setText("12,345")
    dialog.labelEdit.setText("Erreur")
    assert dialog.add_cost() is None and "to the cent" in dialog.warnings[-1]
    conn = store.open_store(new_store)
    settlement.issue(conn, convention.find_convention(conn), 2026)
    dialog._show_costs()
    assert not dialog.addCostButton.isEnabled()
    assert "Settled" in dialog.yearStatus.text()


def test_component_in_the_plugin_menu(plugin_iface):
    from sit_chartreuse.plugin.convention_dialog import ConventionComponent
    from sit_chartreuse.plugin.plugin import SitChartreusePlugin
    assert ConventionComponent in SitChartreusePlugin._component_classes()


def test_the_form_carries_no_signal_connections():
    """Signals are connected in Python (plugin/convention_dialog.py), never in the .ui."""
    import os
    from sit_chartreuse.plugin.convention_dialog import UI
    assert os.path.exists(UI)
    with open(UI, encoding="utf-8") as f:
        assert "<connection" not in f.read()
