"""sitchartreuse:consumption: the agreement's consumption to a date and its projection."""
import datetime

from qgis.core import (QgsFeature, QgsFeatureSink, QgsProcessing, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterString,
                       QgsWkbTypes)
from qgis.PyQt.QtCore import QDate, QMetaType

from ..core.agreement import consumption, convention
from ..core.errors import SitError
from ..core.i18n import tr
from ..core.reports import consumption_report
from ..core.storage import store
from .base import SitAlgorithm, convention_parameter, store_parameter, year_parameter
from .settlement import _fields

TABLE_FIELDS = (
    ("annee", QMetaType.Type.Int), ("date", QMetaType.Type.QDate),
    ("position", QMetaType.Type.Int), ("code", QMetaType.Type.QString),
    ("libelle", QMetaType.Type.QString), ("nature", QMetaType.Type.QString),
    ("quantite_previsionnelle", QMetaType.Type.Double),
    ("montant_previsionnel_ht_centimes", QMetaType.Type.LongLong),
    ("minutes", QMetaType.Type.LongLong), ("jours", QMetaType.Type.Double),
    ("montant_ht_centimes", QMetaType.Type.LongLong), ("part_utilisee", QMetaType.Type.Double),
    ("reste_ht_centimes", QMetaType.Type.LongLong),
    ("projection_jours", QMetaType.Type.Double),
    ("projection_ht_centimes", QMetaType.Type.LongLong),
    ("methode", QMetaType.Type.QString), ("etat", QMetaType.Type.QString))


class ConsumptionAlgorithm(SitAlgorithm):
    _name = "consumption"
    _display = "Consumption of the agreement to a date"
    _group, _group_id = "Agreement", "agreement"
    _help = ("For each line of the agreement: the provisional quantity and amount in effect "
             "on the date, what is used up to that date (days, hosting costs; the figures "
             "the settlement would give on that day), the share used, what is left, and a "
             "projection to the year's end: linear on the elapsed days, or seasonal where "
             "past years of the ledger show time on the line (the share of their year "
             "reached by the same date). State per line: on track, 80 % reached, over "
             "100 %. The date is today by default (a date after the year is its last day).")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(store_parameter())
        self.addParameter(convention_parameter())
        self.addParameter(year_parameter())
        self.addParameter(QgsProcessingParameterString(
            "AT", tr("Date (YYYY-MM-DD; empty: today)"), optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_TABLE", tr("Consumption per line"), QgsProcessing.TypeVector))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_HTML", tr("Consumption page (HTML)"), tr("HTML files (*.html)"),
            optional=True, createByDefault=True))

    def run(self, parameters, context, feedback):
        location = self.store_location(parameters, context)
        key = self.parameterAsString(parameters, "CONVENTION", context).strip()
        year = self.parameterAsInt(parameters, "YEAR", context)
        text = self.parameterAsString(parameters, "AT", context).strip()
        try:
            at = datetime.date.fromisoformat(text) if text else None
        except ValueError:
            raise SitError(tr("AT: '{value}' is not a date (YYYY-MM-DD).").format(value=text))
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        conn = store.open_store(location)
        try:
            result = consumption.compute(conn, convention.find_convention(conn, key or None),
                                         year, at)
        finally:
            conn.close()
        hpd = result.convention.hours_per_day
        sink, sink_id = self.parameterAsSink(
            parameters, "OUTPUT_TABLE", context, _fields(TABLE_FIELDS), QgsWkbTypes.NoGeometry)
        features = []
        for l in result.lines:
            f = QgsFeature()
            days_line = l.kind != convention.COSTS
            f.setAttributes([
                year, QDate(result.at.year, result.at.month, result.at.day), l.position,
                l.code, l.label, l.kind,
                l.provisional_quantity_hundredths / 100, l.provisional_amount_cents,
                l.used_minutes, l.used_minutes / (hpd * 60) if days_line else None,
                l.used_ht_cents, None if l.share is None else float(l.share),
                l.left_ht_cents, l.projected_minutes / (hpd * 60) if days_line else None,
                l.projected_ht_cents, consumption_report.method_text(l),
                consumption_report.state_text(l.state)])
            features.append(f)
            feedback.pushInfo("%s: %s, %s" % (l.code, consumption_report.percent(l.share),
                                              consumption_report.state_text(l.state)))
        sink.addFeatures(features, QgsFeatureSink.FastInsert)
        outputs = {"OUTPUT_TABLE": sink_id}
        if html_path:
            outputs["OUTPUT_HTML"] = consumption_report.write_html(result, html_path)
        return outputs
