"""sitchartreuse:forecast: a year's proposed provisional quantities and the agreement's term."""
from qgis.core import (QgsFeature, QgsFeatureSink, QgsProcessing, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFileDestination, QgsWkbTypes)
from qgis.PyQt.QtCore import QMetaType

from ..core.agreement import convention, forecast
from ..core.i18n import tr
from ..core.reports import forecast_report
from ..core.storage import store
from .base import SitAlgorithm, convention_parameter, store_parameter, year_parameter
from .settlement import _fields

TABLE_FIELDS = (
    ("annee", QMetaType.Type.Int), ("position", QMetaType.Type.Int),
    ("code", QMetaType.Type.QString), ("libelle", QMetaType.Type.QString),
    ("nature", QMetaType.Type.QString), ("unite", QMetaType.Type.QString),
    ("annees", QMetaType.Type.Int), ("annees_lues", QMetaType.Type.QString),
    ("moyenne", QMetaType.Type.Double), ("minimum", QMetaType.Type.Double),
    ("maximum", QMetaType.Type.Double), ("pente_par_an", QMetaType.Type.Double),
    ("methode", QMetaType.Type.QString),
    ("quantite_en_vigueur", QMetaType.Type.Double),
    ("montant_en_vigueur_ht_centimes", QMetaType.Type.LongLong),
    ("quantite_proposee", QMetaType.Type.Double),
    ("montant_propose_ht_centimes", QMetaType.Type.LongLong))


def _measure(line, value):
    """A statistic in the line's unit: days, or euros HT for a costs line."""
    if value is None:
        return None
    return float(value / 100 if line.kind == convention.COSTS else value)


class ForecastAlgorithm(SitAlgorithm):
    _name = "forecast"
    _display = "Forecast of the provisional quantities and the agreement's term"
    _group, _group_id = "Agreement", "agreement"
    _help = ("Proposes the provisional quantity of each line of the agreement for a year, "
             "from the complete years before it in the ledger (days actually spent on the "
             "line's ticket categories, hosting costs recorded per year): the mean of the "
             "actuals below three years, the least-squares linear trend extrapolated to the "
             "year from three years (never below 0), with the mean, range and slope stated. "
             "A line without history keeps its provisional quantity in effect. Days are "
             "rounded to the hundredth, half up, and priced at the unit price in effect on "
             "1 January of the year.\n\nThe page also summarises the whole term of the "
             "agreement (amendments included): the provisional figures of each year against "
             "its actual ones (a past year's settlement, the current year's to date), per "
             "year and cumulated, as a table and a chart.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(store_parameter())
        self.addParameter(convention_parameter())
        self.addParameter(year_parameter())
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_TABLE", tr("Proposed provisional per line"), QgsProcessing.TypeVector))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_HTML", tr("Forecast page (HTML)"), tr("HTML files (*.html)"),
            optional=True, createByDefault=True))

    def run(self, parameters, context, feedback):
        location = self.store_location(parameters, context)
        key = self.parameterAsString(parameters, "CONVENTION", context).strip()
        year = self.parameterAsInt(parameters, "YEAR", context)
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        conn = store.open_store(location)
        try:
            conv = convention.find_convention(conn, key or None)
            result = forecast.compute(conn, conv, year)
            term = forecast.term_summary(conn, conv, result.today)
        finally:
            conn.close()
        sink, sink_id = self.parameterAsSink(
            parameters, "OUTPUT_TABLE", context, _fields(TABLE_FIELDS), QgsWkbTypes.NoGeometry)
        features = []
        for l in result.lines:
            f = QgsFeature()
            costs = l.kind == convention.COSTS
            f.setAttributes([
                year, l.position, l.code, l.label, l.kind, "euro HT" if costs else "jour",
                l.years, forecast_report.years_text(l), _measure(l, l.mean),
                _measure(l, l.minimum), _measure(l, l.maximum), _measure(l, l.slope),
                l.method, None if costs else l.current.provisional_quantity_hundredths / 100,
                l.current.provisional_amount_cents,
                None if costs else l.proposed_quantity_hundredths / 100,
                l.proposed_amount_cents])
            features.append(f)
            feedback.pushInfo("%s: %s, %s" % (l.code, forecast_report.method_text(l),
                                              forecast_report.euros(l.proposed_amount_cents)))
        sink.addFeatures(features, QgsFeatureSink.FastInsert)
        outputs = {"OUTPUT_TABLE": sink_id}
        if html_path:
            outputs["OUTPUT_HTML"] = forecast_report.write_html(result, term, html_path)
        return outputs
