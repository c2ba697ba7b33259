"""The agreement and its hosting costs, edited in QGIS.

One dialog, two tabs: the agreement (reference, parties, term, hours per day,
lines with quantities, prices, VAT rates and categories, amendments), saved
in one transaction through core.agreement.convention; and the hosting costs of a year,
recorded or deleted one by one (refused by the database once the year is
settled). A button opens the settlement algorithm on the same store.
"""
import datetime
import os
from decimal import Decimal

from qgis.core import Qgis, QgsProject
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QDate
from qgis.PyQt.QtWidgets import QFileDialog, QMessageBox, QTableWidgetItem

from ..core.agreement import convention, settlement
from ..core.agreement.convention import Amendment, Line
from ..core.errors import SitError
from ..core.i18n import tr
from ..core.reports import report
from ..core.storage import db, store
from ..core.storage.project import store_of
from .compat import QAction

UI = os.path.join(os.path.dirname(os.path.dirname(__file__)), "forms", "convention_dialog.ui")
_FORM, _BASE = uic.loadUiType(UI)



def line_columns():
    return (tr("Code"), tr("Label"), tr("Kind (days or costs)"), tr("Provisional quantity"),
            tr("Unit price HT (€)"), tr("VAT (%)"), tr("Categories (codes)"))


def amendment_columns():
    return (tr("No."), tr("Effective date"), tr("Description"), tr("Line"),
            tr("New unit price HT (€)"), tr("New provisional quantity"), tr("New VAT (%)"),
            tr("Extension (years)"))


def cost_columns():
    return (tr("Kind"), tr("Label"), tr("Amount HT"), tr("Invoice"))


def _decimal_text(hundredths):
    """'15,00' from 1500; '' from None."""
    return "" if hundredths is None else report.number(Decimal(hundredths) / 100, 2, False)


def _parse_hundredths(text, what):
    """1500 from '15' or '15,00' (quantities, prices in euros, VAT in %)."""
    if not text.strip():
        return None
    try:
        return convention.parse_amount(text)
    except SitError:
        raise SitError(tr("{what}: '{text}' is not a number with at most two decimals.")
                       .format(what=what, text=text))


class ConventionDialog(_BASE, _FORM):
    def __init__(self, store_path, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.location = db.parse_location(store_path)
        self.conn = store.open_store(self.location)
        self._translate()
        self.storeLabel.setText(tr("SIT store: {path}").format(path=self.location.label))
        self.kind_labels = convention.hosting_kind_labels(self.conn)
        for kind in convention.HOSTING_KINDS:
            self.kindCombo.addItem(self.kind_labels.get(kind, kind), kind)
        self.yearSpin.setValue(datetime.date.today().year)
        # The store's agreement (the first, should there be several); the
        # seed's, unsaved, if it holds none.
        rows = convention.list_conventions(self.conn)
        self.conv = (convention.read_convention(self.conn, rows[0][0]) if rows
                     else convention.default_convention())
        self._show_agreement()
        self._show_costs()
        self.addLineButton.clicked.connect(lambda: self._add_row(self.linesTable))
        self.removeLineButton.clicked.connect(lambda: self._remove_row(self.linesTable))
        self.addAmendmentButton.clicked.connect(self._add_amendment)
        self.removeAmendmentButton.clicked.connect(
            lambda: self._remove_row(self.amendmentsTable))
        self.saveButton.clicked.connect(self.save)
        self.yearSpin.valueChanged.connect(self._show_costs)
        self.addCostButton.clicked.connect(self.add_cost)
        self.removeCostButton.clicked.connect(self.remove_cost)
        self.settlementButton.clicked.connect(self.open_settlement)
        self.buttonBox.rejected.connect(self.reject)

    def _translate(self):
        self.setWindowTitle(tr("Agreement and hosting costs"))
        self.tabs.setTabText(0, tr("Agreement"))
        self.tabs.setTabText(1, tr("Hosting costs"))
        for widget, text in (
                (self.referenceCaption, tr("Reference")), (self.titleCaption, tr("Title")),
                (self.providerCaption, tr("Provider")),
                (self.beneficiaryCaption, tr("Beneficiary")), (self.sirenCaption, tr("SIREN")),
                (self.termCaption, tr("Term")), (self.hoursCaption, tr("Hours per day")),
                (self.linesCaption, tr("Lines")), (self.amendmentsCaption, tr("Amendments")),
                (self.addLineButton, tr("Add a line")),
                (self.removeLineButton, tr("Remove the line")),
                (self.addAmendmentButton, tr("Add an amendment")),
                (self.removeAmendmentButton, tr("Remove the amendment")),
                (self.saveButton, tr("Save the agreement")), (self.yearCaption, tr("Year")),
                (self.addCostButton, tr("Record the cost")),
                (self.removeCostButton, tr("Delete the selected cost")),
                (self.settlementButton, tr("Run the settlement…"))):
            widget.setText(text)
        self.durationSpin.setSuffix(tr(" years"))
        self.labelEdit.setPlaceholderText(tr("Label"))
        self.amountEdit.setPlaceholderText(tr("Amount HT (e.g. 1 000,00)"))
        self.invoiceEdit.setPlaceholderText(tr("Invoice reference"))
        for table, columns in ((self.linesTable, line_columns()),
                               (self.amendmentsTable, amendment_columns()),
                               (self.costsTable, cost_columns())):
            table.setColumnCount(len(columns))
            table.setHorizontalHeaderLabels(columns)
            table.horizontalHeader().setStretchLastSection(True)

    # --- the agreement ---------------------------------------------------

    @staticmethod
    def _set_row(table, row, values):
        for column, value in enumerate(values):
            table.setItem(row, column, QTableWidgetItem("" if value is None else str(value)))

    def _add_row(self, table, values=()):
        table.insertRow(table.rowCount())
        self._set_row(table, table.rowCount() - 1, list(values) + [""] * (
            table.columnCount() - len(values)))

    @staticmethod
    def _remove_row(table):
        if table.currentRow() >= 0:
            table.removeRow(table.currentRow())

    def _add_amendment(self):
        number = self.amendmentsTable.rowCount() + 1
        self._add_row(self.amendmentsTable,
                      [number, datetime.date.today().strftime("%d/%m/%Y")])

    def _show_agreement(self):
        c = self.conv
        self.referenceEdit.setText(c.reference)
        self.titleEdit.setText(c.title)
        self.providerEdit.setText(c.provider_name)
        self.beneficiaryEdit.setText(c.beneficiary_name)
        self.sirenEdit.setText(c.beneficiary_siren)
        self.startEdit.setDate(QDate(c.start_date.year, c.start_date.month, c.start_date.day))
        self.durationSpin.setValue(c.duration_years)
        self.hoursSpin.setValue(c.hours_per_day)
        self.linesTable.setRowCount(0)
        for l in c.lines:
            self._add_row(self.linesTable, [
                l.code, l.label, l.kind, _decimal_text(l.provisional_quantity_hundredths),
                _decimal_text(l.unit_price_cents), _decimal_text(l.vat_rate_bp),
                ",".join(l.categories)])
        self.amendmentsTable.setRowCount(0)
        for a in c.amendments:
            self._add_row(self.amendmentsTable, [
                a.number, a.effective_date.strftime("%d/%m/%Y"), a.description, a.line_code,
                _decimal_text(a.new_unit_price_cents),
                _decimal_text(a.new_provisional_quantity_hundredths),
                _decimal_text(a.new_vat_rate_bp), a.extension_years])

    def _cells(self, table, row):
        return [(table.item(row, c).text().strip() if table.item(row, c) else "")
                for c in range(table.columnCount())]

    def agreement_from_form(self):
        """The agreement as typed; a SitError names the faulty row and column."""
        lines = []
        for row in range(self.linesTable.rowCount()):
            code, label, kind, qty, price, vat, categories = self._cells(self.linesTable, row)
            at = tr("Line {row}").format(row=row + 1)
            lines.append(Line(code, label, kind,
                              _parse_hundredths(qty, at) or 0,
                              _parse_hundredths(price, at) or 0,
                              _parse_hundredths(vat, at) or 0,
                              tuple(c.strip() for c in categories.split(",") if c.strip())))
        amendments = []
        for row in range(self.amendmentsTable.rowCount()):
            number, date, description, line, price, qty, vat, years = self._cells(
                self.amendmentsTable, row)
            at = tr("Amendment on row {row}").format(row=row + 1)
            try:
                effective = datetime.datetime.strptime(date, "%d/%m/%Y").date()
                number, years = int(number), int(years) if years else None
            except ValueError:
                raise SitError(tr("{at}: give the number, the effective date as 31/12/2026 and "
                                  "the extension in whole years.").format(at=at))
            amendments.append(Amendment(number, effective, description, line or None,
                                        _parse_hundredths(price, at),
                                        _parse_hundredths(qty, at), _parse_hundredths(vat, at),
                                        years))
        start = self.startEdit.date()
        return convention.Convention(
            uuid=self.conv.uuid, reference=self.referenceEdit.text().strip(),
            title=self.titleEdit.text().strip(), provider_name=self.providerEdit.text().strip(),
            beneficiary_name=self.beneficiaryEdit.text().strip(),
            beneficiary_siren=self.sirenEdit.text().strip(),
            start_date=datetime.date(start.year(), start.month(), start.day()),
            duration_years=self.durationSpin.value(), hours_per_day=self.hoursSpin.value(),
            lines=lines, amendments=amendments)

    def save(self):
        """Save the agreement in one transaction; returns True when saved."""
        try:
            conv = self.agreement_from_form()
            convention.save_convention(self.conn, conv)
        except SitError as e:
            QMessageBox.warning(self, tr("Agreement not saved"), str(e))
            return False
        self.conv = convention.read_convention(self.conn, conv.uuid)
        self._show_agreement()
        return True

    # --- hosting costs ---------------------------------------------------

    def _show_costs(self):
        year = self.yearSpin.value()
        self.costs = convention.hosting_costs(self.conn, year)
        self.costsTable.setRowCount(0)
        for _uuid, kind, label, cents, invoice in self.costs:
            self._add_row(self.costsTable, [self.kind_labels.get(kind, kind), label,
                                            report.euros(cents), invoice or ""])
        settled = year in settlement.settled_years(self.conn)
        self.yearStatus.setText(tr("Settled: reopen the year to change its costs.")
                                if settled else "")
        self.addCostButton.setEnabled(not settled)
        self.removeCostButton.setEnabled(not settled)

    def add_cost(self):
        """Record the cost typed below the table; returns its uuid or None."""
        try:
            new = convention.record_hosting_cost(
                self.conn, self.yearSpin.value(), self.kindCombo.currentData(),
                self.labelEdit.text(), self.amountEdit.text(), self.invoiceEdit.text())
        except SitError as e:
            QMessageBox.warning(self, tr("Hosting cost not recorded"), str(e))
            return None
        for edit in (self.labelEdit, self.amountEdit, self.invoiceEdit):
            edit.clear()
        self._show_costs()
        return new

    def remove_cost(self):
        row = self.costsTable.currentRow()
        if row < 0:
            return
        try:
            convention.delete_hosting_cost(self.conn, self.costs[row][0])
        except SitError as e:
            QMessageBox.warning(self, tr("Hosting cost not deleted"), str(e))
        self._show_costs()

    def open_settlement(self):
        import processing
        processing.execAlgorithmDialog("sitchartreuse:settlement", {
            "STORE": self.location.public_text(), "CONVENTION": self.conv.reference,
            "YEAR": self.yearSpin.value()})
        self._show_costs()

    def done(self, result):
        self.conn.close()
        super().done(result)


class ConventionComponent:
    """The plugin menu's "Agreement and hosting costs…" action."""

    def __init__(self, plugin):
        self.plugin = plugin
        self.iface = plugin.iface
        self.action = QAction(tr("Agreement and hosting costs…"), self.iface.mainWindow())
        self.action.triggered.connect(self.show)
        plugin.add_action(self.action, toolbar=False)
        self.dialog = None

    def store_path(self):
        path = store_of(QgsProject.instance())
        if path:
            return path
        path, _ = QFileDialog.getOpenFileName(self.iface.mainWindow(), tr("SIT store"), "",
                                              tr("GeoPackage (*.gpkg)"))
        return path or None

    def show(self):
        path = self.store_path()
        if not path:
            return None
        try:
            self.dialog = ConventionDialog(path, self.iface.mainWindow())
        except SitError as e:
            self.iface.messageBar().pushMessage(tr("SIT Chartreuse"), str(e), Qgis.Critical)
            return None
        self.dialog.show()
        return self.dialog

    def unload(self):
        self.plugin.remove_action(self.action)
        self.action.deleteLater()
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None
