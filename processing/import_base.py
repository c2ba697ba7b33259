"""What the import algorithms share: STORE, INPUT (a file, a folder or
a zip), OUTPUT_REPORT (HTML), opening the store and writing the report."""
from qgis.core import (QgsProcessingOutputString, QgsProcessingParameterEnum,
                       QgsProcessingParameterFile, QgsProcessingParameterFileDestination)

from ..core.errors import SitError
from ..core.i18n import tr
from ..core.storage import store
from .base import SitAlgorithm, store_parameter


def mode_parameter():
    """MODE of the imports of a standard's deliveries (CNIG PLU, SUP), in the
    order of core/imports/plu.py's MODES: tolerant, then strict."""
    return QgsProcessingParameterEnum(
        "MODE", tr("Mode"),
        options=[tr("Tolerant: import the features the store can hold"),
                 tr("Strict: refuse the delivery on any error")],
        defaultValue=0)


# Defects written to the Processing log; the report lists them all.
MAX_LOGGED = 50


class ImportAlgorithm(SitAlgorithm):
    """Subclasses add their own parameters in `add_parameters()` and run
    the domain import in `run_import(conn, input_path, parameters, context,
    feedback)`, which returns the Report."""
    _group, _group_id = "Imports", "imports"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(store_parameter())
        # Folder behaviour: QGIS 3.22 accepts a folder and also a file's path
        # with it, while the File behaviour refuses folders.
        self.addParameter(QgsProcessingParameterFile(
            "INPUT", tr("Delivery (file, folder or zip)"),
            behavior=QgsProcessingParameterFile.Folder))
        self.add_parameters()
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_REPORT", tr("Import report"), tr("HTML files (*.html)")))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_DEFECTS", tr("Defects (table)"), tr("CSV files (*.csv)"),
            optional=True, createByDefault=False))
        self.addOutput(QgsProcessingOutputString("SUMMARY", tr("Summary")))

    def add_parameters(self):
        """Parameters of one import, between INPUT and OUTPUT_REPORT."""

    def run(self, parameters, context, feedback):
        location = self.store_location(parameters, context)
        source = self.parameterAsFile(parameters, "INPUT", context)
        output = self.parameterAsFileOutput(parameters, "OUTPUT_REPORT", context)
        conn = store.open_store(location)
        try:
            report = self.run_import(conn, source, parameters, context, feedback)
        finally:
            conn.close()
        try:
            report.write(output)
            defects = report.write_defects(
                self.parameterAsFileOutput(parameters, "OUTPUT_DEFECTS", context))
        except SitError as e:
            # Written after the import's commit: say what the store holds now.
            raise SitError((tr("{outcome} {error}") if report.refused else tr(
                "{outcome} The import is saved in the store, but: {error}"))
                .format(outcome=report.outcome, error=e))
        for defect in report.defects[:MAX_LOGGED]:
            line = "%s, %s: %s" % (defect.layer, defect.feature, defect.message)
            if defect.blocking:
                feedback.reportError(line, False)
            else:
                feedback.pushWarning(line)
        if len(report.defects) > MAX_LOGGED:
            feedback.reportError(tr("… and {n} more defects: see the report {path}.").format(
                n=len(report.defects) - MAX_LOGGED, path=output), False)
        if report.refused:
            raise SitError(tr("{outcome} See the report {path}.").format(
                outcome=report.outcome, path=output))
        feedback.pushInfo(report.outcome)
        return {"OUTPUT_REPORT": output, "OUTPUT_DEFECTS": defects, "SUMMARY": report.outcome}

    def run_import(self, conn, source, parameters, context, feedback):
        raise NotImplementedError
