"""sitchartreuse:adsconstraints: the PLUi constraints of dossiers, parcels or
a commune, as a table, an HTML fiche and a PDF fiche with maps."""
from qgis.core import (QgsFeature, QgsFeatureSink, QgsFields,
                       QgsProcessing, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFileDestination,
                       QgsProcessingParameterString, QgsWkbTypes)
from qgis.PyQt.QtCore import QMetaType

from ..core import ads
from ..core.compat import field
from ..core.errors import SitError
from ..core.i18n import tr
from ..core.reports import ads_report
from ..core.storage import store
from .base import SitAlgorithm, store_parameter

TABLE_FIELDS = (("sujet", QMetaType.Type.QString), ("type_sujet", QMetaType.Type.QString),
                ("couche", QMetaType.Type.QString), ("nature", QMetaType.Type.QString),
                ("libelle", QMetaType.Type.QString), ("code", QMetaType.Type.QString),
                ("detail", QMetaType.Type.QString), ("surface_m2", QMetaType.Type.Double),
                ("part_pct", QMetaType.Type.Double), ("longueur_m", QMetaType.Type.Double),
                ("nb_points", QMetaType.Type.Int), ("uuid", QMetaType.Type.QString))


def subjects_for(conn, dossiers, parcels, commune):
    """The subjects asked for: dossiers, or parcels (COMMUNE then gives the
    INSEE code of short references such as "AB 123"), or a whole commune."""
    if dossiers.strip() and parcels.strip():
        raise SitError(tr("Give dossier numbers or parcels, not both."))
    if dossiers.strip():
        return ads.dossier_subjects(conn, ads.split_references(dossiers))
    if parcels.strip():
        return [ads.parcel_subject(conn, ads.split_references(parcels), commune or None)]
    if commune.strip():
        return [ads.commune_subject(conn, commune)]
    raise SitError(tr("Give dossier numbers, parcels or a commune's INSEE code."))


class AdsConstraintsAlgorithm(SitAlgorithm):
    _name = "adsconstraints"
    _display = "PLUi constraints of dossiers, parcels or a commune"
    _group, _group_id = "Next'ADS", "nextads"
    _help = ("Lists the PLUi zones, prescriptions and informations that apply to ADS "
             "dossiers (numbers separated by commas), to parcels (references in any form: "
             "14-character IDU, 15-character MAJIC, \"AB 123\" with the commune's INSEE code "
             "in COMMUNE, or \"38442 AB 123\") or to a whole commune (COMMUNE alone). A "
             "feature is listed when it meets the footprint (the union of the parcels) with a "
             "positive area, or a length or points inside it; touching its outline is not "
             "enough. Outputs: a table, and a planning information sheet (fiche de "
             "renseignements d'urbanisme) as HTML and as PDF with a map of the parcels over "
             "the PLUi.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(store_parameter())
        self.addParameter(QgsProcessingParameterString(
            "DOSSIERS", tr("Dossier numbers (separated by commas)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            "PARCELS", tr("Parcels (separated by commas)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            "COMMUNE", tr("Commune (INSEE code)"), optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_TABLE", tr("Constraints"), QgsProcessing.TypeVector))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_HTML", tr("Planning information sheet (HTML)"), tr("HTML files (*.html)")))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_PDF", tr("Planning information sheet (PDF)"), tr("PDF files (*.pdf)"),
            optional=True))

    def run(self, parameters, context, feedback):
        location = self.store_location(parameters, context)
        source = location.label   # the fiche names its store, without credentials
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        pdf_path = self.parameterAsFileOutput(parameters, "OUTPUT_PDF", context)
        conn = store.open_store(location)
        try:
            subjects = subjects_for(
                conn, self.parameterAsString(parameters, "DOSSIERS", context),
                self.parameterAsString(parameters, "PARCELS", context),
                self.parameterAsString(parameters, "COMMUNE", context).strip())
            ads.compute_constraints(conn, subjects, feedback)
            labels = ads_report.codelabels(conn)
            table = self._write_table(parameters, context, subjects)
            ads_report.write_html(subjects, labels, source, html_path)
            if pdf_path:
                feedback.pushInfo(tr("Writing the PDF sheet..."))
                ads_report.write_pdf(conn, subjects, labels, pdf_path)
        finally:
            conn.close()
        count = sum(len(s.constraints) for s in subjects)
        feedback.pushInfo(tr("{n} constraints for {subjects}.").format(
            n=count, subjects=", ".join(ads_report.title(s) for s in subjects)))
        return {"OUTPUT_TABLE": table, "OUTPUT_HTML": html_path, "OUTPUT_PDF": pdf_path or None}

    def _write_table(self, parameters, context, subjects):
        fields = QgsFields()
        for name, kind in TABLE_FIELDS:
            fields.append(field(name, kind))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT_TABLE", context, fields,
                                          QgsWkbTypes.NoGeometry)
        for s in subjects:
            for c in s.constraints:
                f = QgsFeature(fields)
                f.setAttributes([s.key, s.kind, c.table, c.kind, c.libelle, c.code, c.detail,
                                 c.area_m2, None if c.share is None else c.share * 100,
                                 c.length_m, c.points, c.uuid])
                sink.addFeature(f, QgsFeatureSink.FastInsert)
        return dest
