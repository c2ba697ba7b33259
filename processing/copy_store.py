"""sitchartreuse:copystore: copy a SIT into a new store (GeoPackage <-> PostGIS)."""
from qgis.core import (QgsProcessingOutputNumber, QgsProcessingOutputString,
                       QgsProcessingParameterFile, QgsProcessingParameterFileDestination)

from ..core.i18n import tr
from ..core.storage import transfer
from .base import SitAlgorithm


class CopyStoreAlgorithm(SitAlgorithm):
    _name = "copystore"
    _display = "Copy a SIT store"
    _group, _group_id = "Store", "store"
    _help = ("Copies a whole SIT into a new store: a GeoPackage into PostgreSQL/PostGIS when "
             "the SIT outgrows one desktop, or back. Every table comes along (features, "
             "tickets, time, deleted features, the agreement and its amendments, hosting "
             "costs, issued settlements), with the same uuids; settled years stay locked.\n"
             "Each store is a GeoPackage file or postgres: connection='…' schema='…'. The "
             "target is created by the copy: an existing file or a non-empty schema is never "
             "overwritten. Everything is written in one transaction and the rows of every "
             "table are counted on both sides before it is committed: a failed or cancelled "
             "copy leaves no store behind.")

    def initAlgorithm(self, config=None):  # noqa: N802
        # No extension filter: a postgres: location must pass Processing's check.
        self.addParameter(QgsProcessingParameterFile(
            "SOURCE", tr("SIT store to copy (GeoPackage file, or postgres: connection='…' "
                         "schema='…')")))
        self.addParameter(QgsProcessingParameterFileDestination(
            "TARGET", tr("New SIT store (GeoPackage file, or postgres: connection='…' "
                         "schema='…')"), "GeoPackage (*.gpkg)"))
        self.addOutput(QgsProcessingOutputString("TARGET", tr("New SIT store")))
        self.addOutput(QgsProcessingOutputNumber("ROWS", tr("Rows copied")))
        self.addOutput(QgsProcessingOutputString(
            "COUNTS", tr("Rows per table (table, source, copy; one line each)")))

    def run(self, parameters, context, feedback):
        source = self.parameterAsFile(parameters, "SOURCE", context)
        target = self.parameterAsFileOutput(parameters, "TARGET", context)
        report = transfer.copy_store(source, target, feedback)
        feedback.pushInfo(tr("{rows} rows copied from {source} to {target} in {seconds:.0f} s; "
                             "every table counted on both sides.").format(
            rows=report.rows, source=report.source, target=report.target,
            seconds=report.seconds))
        return {"TARGET": target, "ROWS": report.rows, "COUNTS": "\n".join(report.lines())}
