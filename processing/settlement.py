"""sitchartreuse:settlement: the year's settlement of the agreement and its documents."""
import os
import tempfile

from qgis.core import (
    QgsCoordinateReferenceSystem, QgsFeature, QgsFeatureSink, QgsFields,
    QgsGeometry, QgsPointXY, QgsProcessing, QgsProcessingOutputNumber,
    QgsProcessingOutputString, QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink, QgsProcessingParameterFileDestination, QgsWkbTypes)
from qgis.PyQt.QtCore import QMetaType

from ..core.agreement import convention, settlement
from ..core.compat import field
from ..core.i18n import tr
from ..core.reports import report
from ..core.storage import store
from .base import SitAlgorithm, convention_parameter, store_parameter, year_parameter

TABLE_FIELDS = (
    ("annee", QMetaType.Type.Int), ("version", QMetaType.Type.Int),
    ("position", QMetaType.Type.Int), ("code", QMetaType.Type.QString),
    ("libelle", QMetaType.Type.QString), ("nature", QMetaType.Type.QString),
    ("quantite_previsionnelle", QMetaType.Type.Double),
    ("montant_previsionnel_ht_centimes", QMetaType.Type.LongLong),
    ("minutes", QMetaType.Type.LongLong), ("jours", QMetaType.Type.Double),
    ("montant_ht_centimes", QMetaType.Type.LongLong), ("taux_tva_pb", QMetaType.Type.Int),
    ("tva_centimes", QMetaType.Type.LongLong),
    ("montant_ttc_centimes", QMetaType.Type.LongLong),
    ("ecart_ht_centimes", QMetaType.Type.LongLong), ("montant_ttc", QMetaType.Type.QString))
FEATURE_FIELDS = (
    ("layer_name", QMetaType.Type.QString), ("feature_uuid", QMetaType.Type.QString),
    ("minutes", QMetaType.Type.LongLong), ("jours", QMetaType.Type.Double),
    ("montant_ht_centimes", QMetaType.Type.LongLong))


def _temporary(path):
    """A new hidden file beside `path`, with its extension, to write it under."""
    folder, name = os.path.split(os.path.abspath(path))
    stem, ext = os.path.splitext(name)
    fd, temporary = tempfile.mkstemp(prefix=".%s." % stem, suffix=".partial" + ext, dir=folder)
    os.close(fd)
    return temporary


def _fields(spec):
    fields = QgsFields()
    for name, kind in spec:
        fields.append(field(name, kind))
    return fields


class SettlementAlgorithm(SitAlgorithm):
    _name = "settlement"
    _display = "Yearly settlement of the agreement"
    _group, _group_id = "Agreement", "agreement"
    _help = ("Computes what the Communauté owes for a year under the agreement (Articles 3 "
             "and 4): for each line, the provisional quantity and amount, the days actually "
             "spent (time entries dated in the year, through the line's ticket categories, "
             "hours ÷ hours per day) or the hosting costs actually borne, the amount HT, VAT "
             "and TTC, the difference with the provisional, and the total due (titre de "
             "recettes), with breakdowns by application, month, commune and feature. "
             "Amounts are exact and rounded to the cent once per line, half up.\n\n"
             "With 'Issue the settlement' ticked, the settlement is recorded (new version, "
             "digest of its inputs) and the year is locked: its time entries and hosting "
             "costs can no longer change until the year is reopened (Reopen a settled year). "
             "Unticked (the default), it is a dry run: everything is computed and the "
             "documents written, nothing is recorded. Cancelling records nothing.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(store_parameter())
        self.addParameter(convention_parameter())
        self.addParameter(year_parameter())
        self.addParameter(QgsProcessingParameterBoolean(
            "ISSUE", tr("Issue the settlement and lock the year (otherwise a dry run)"),
            False))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_TABLE", tr("Settlement lines"), QgsProcessing.TypeVector))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_FEATURES", tr("Cost per feature"), QgsProcessing.TypeVectorPoint))
        for name, label, file_filter in (
                ("OUTPUT_HTML", tr("Settlement report (HTML)"), tr("HTML files (*.html)")),
                ("OUTPUT_PDF", tr("Settlement report (PDF)"), tr("PDF files (*.pdf)")),
                ("OUTPUT_CSV", tr("Accounting export (CSV)"), tr("CSV files (*.csv)"))):
            self.addParameter(QgsProcessingParameterFileDestination(
                name, label, file_filter, optional=True, createByDefault=True))
        self.addOutput(QgsProcessingOutputString("TOTAL_DUE", tr("Total due (TTC)")))
        self.addOutput(QgsProcessingOutputNumber("TOTAL_TTC_CENTS",
                                                 tr("Total due TTC in cents")))
        self.addOutput(QgsProcessingOutputNumber("VERSION",
                                                 tr("Version issued (0 for a dry run)")))
        self.addOutput(QgsProcessingOutputString("DIGEST", tr("Digest of the inputs")))

    def run(self, parameters, context, feedback):
        location = self.store_location(parameters, context)
        key = self.parameterAsString(parameters, "CONVENTION", context).strip()
        year = self.parameterAsInt(parameters, "YEAR", context)
        issuing = self.parameterAsBool(parameters, "ISSUE", context)
        files = {name: self.parameterAsFileOutput(parameters, name, context)
                 for name in ("OUTPUT_HTML", "OUTPUT_PDF", "OUTPUT_CSV")}

        def progress(percent):
            if feedback.isCanceled():
                return False
            if percent is not None:
                feedback.setProgress(percent * 0.6)
            return True

        outputs = {}
        pending = []   # (temporary, final path) of the documents written

        def documents(result):
            """Written before the settlement is committed, under temporary
            names: a failure or a cancellation here records nothing either,
            and only a recorded settlement's documents take their names."""
            outputs.update(self._sinks(result, parameters, context))
            feedback.setProgress(75)
            from ..core.reports import report_layout
            for name, write in (("OUTPUT_CSV", report.write_csv),
                                ("OUTPUT_HTML", report.write_html),
                                ("OUTPUT_PDF", lambda r, path: report_layout.write_pdf(
                                    r, conn, path))):
                if files[name]:
                    pending.append((_temporary(files[name]), files[name]))
                    write(result, pending[-1][0])
            feedback.setProgress(85)
            if feedback.isCanceled():
                raise settlement.Cancelled(tr("Settlement cancelled: nothing was recorded."))

        conn = store.open_store(location)
        try:
            conv = convention.find_convention(conn, key or None)
            feedback.pushInfo(tr("Agreement {ref}, year {year}.").format(
                ref=conv.reference, year=year))
            if issuing:
                result = settlement.issue(conn, conv, year, progress, before_commit=documents)
                feedback.pushInfo(tr("Settlement version {version} issued; year {year} is "
                                     "locked.").format(version=result.version, year=year))
            else:
                result = settlement.compute(conn, conv, year, progress)
                documents(result)
                feedback.pushInfo(report.status_text(result))
                if result.inputs_changed:
                    feedback.reportError(report.changed_inputs_text(result))
            for temporary, final in pending:
                os.replace(temporary, final)
        finally:
            conn.close()
            for temporary, _final in pending:
                if os.path.exists(temporary):
                    os.unlink(temporary)
        feedback.pushInfo(report.text_table(result))
        feedback.pushInfo(report.total_due_text(result))
        feedback.setProgress(100)
        outputs.update({name: file for name, file in files.items() if file})
        outputs.update({"TOTAL_DUE": report.euros(result.total_ttc_cents),
                        "TOTAL_TTC_CENTS": result.total_ttc_cents,
                        "VERSION": result.version or 0, "DIGEST": result.digest})
        return outputs

    def _sinks(self, result, parameters, context):
        hpd = result.convention.hours_per_day
        table, table_id = self.parameterAsSink(
            parameters, "OUTPUT_TABLE", context, _fields(TABLE_FIELDS), QgsWkbTypes.NoGeometry)
        rows = []
        for l in result.lines:
            f = QgsFeature()
            f.setAttributes([
                result.year, result.version, l.position, l.code, l.label, l.kind,
                l.provisional_quantity_hundredths / 100, l.provisional_amount_cents,
                l.actual_minutes, None if l.kind == convention.COSTS else
                l.actual_minutes / (hpd * 60), l.actual_ht_cents, l.vat_rate_bp, l.vat_cents,
                l.actual_ttc_cents, l.difference_ht_cents, report.euros(l.actual_ttc_cents)])
            rows.append(f)
        table.addFeatures(rows, QgsFeatureSink.FastInsert)
        points, points_id = self.parameterAsSink(
            parameters, "OUTPUT_FEATURES", context, _fields(FEATURE_FIELDS), QgsWkbTypes.Point,
            QgsCoordinateReferenceSystem("EPSG:2154"))
        features = []
        for s in result.by_feature:
            f = QgsFeature()
            if s.x is not None:
                f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(s.x, s.y)))
            f.setAttributes([s.layer, s.key, s.minutes, s.minutes / (hpd * 60),
                             s.amount_ht_cents])
            features.append(f)
        points.addFeatures(features, QgsFeatureSink.FastInsert)
        return {"OUTPUT_TABLE": table_id, "OUTPUT_FEATURES": points_id}
