"""sitchartreuse:importtime: import time entries from a CSV file, all or nothing."""

from qgis.core import (QgsProcessingException, QgsProcessingOutputNumber,
                       QgsProcessingParameterEnum, QgsProcessingParameterFile,
                       QgsProcessingParameterFileDestination)

from ..core import safe_csv
from ..core.errors import SitError
from ..core.i18n import tr
from ..core.ledger import ledger, timeimport
from ..core.storage import store
from .base import SitAlgorithm, store_parameter


class ImportTimeAlgorithm(SitAlgorithm):
    _name = "importtime"
    _display = "Import time entries (CSV)"
    _group, _group_id = "Work ledger", "ledger"
    _help = ("Imports time entries from a Redmine \"spent time\" CSV export, a Kimai export "
             "or the generic layout date;agent;hours;category;application;layer;"
             "feature_uuid;code;ticket;title;note (UTF-8 or Windows-1252; ; , or tab). "
             "The feature is found by layer and uuid or by a code (RAEPA identifier, "
             "dossier number, parcel IDU, INSEE code); a line naming neither a project nor "
             "a feature is on APPLICATION (a Redmine export made inside one project has no "
             "Project column). The whole file is imported or nothing: the report (CSV) "
             "lists every line, with the reason of each refusal.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(store_parameter())
        self.addParameter(QgsProcessingParameterFile(
            "INPUT", tr("Time entries (CSV)"), extension="csv"))
        self.addParameter(QgsProcessingParameterEnum(
            "FORMAT", tr("Layout"), options=list(timeimport.FORMATS), defaultValue="auto",
            usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterEnum(
            "APPLICATION", tr("Application of the lines without a project"),
            options=list(ledger.APPLICATIONS), optional=True, usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_REPORT", tr("Import report"), tr("CSV files (*.csv)")))
        self.addOutput(QgsProcessingOutputNumber("ENTRIES", tr("Entries imported")))
        self.addOutput(QgsProcessingOutputNumber("TICKETS", tr("Tickets created")))

    def run(self, parameters, context, feedback):
        source = self.parameterAsFile(parameters, "INPUT", context)
        fmt = self.parameterAsString(parameters, "FORMAT", context) or "auto"
        application = self.parameterAsString(parameters, "APPLICATION", context) or None
        output = self.parameterAsFileOutput(parameters, "OUTPUT_REPORT", context)
        conn = store.open_store(self.store_location(parameters, context))
        try:
            # The report is written before the commit: no import without its report.
            result = timeimport.import_time(conn, source, fmt, lambda result: write_report(
                output, [(line, tr("imported"), ticket, entry, "")
                         for line, ticket, entry in result.entries]), feedback, application)
        except timeimport.TimeImportError as e:
            for line, reason in e.problems:
                feedback.reportError(tr("line {line}: {reason}").format(line=line,
                                                                         reason=reason), False)
            write_report(output, [(line, tr("refused"), "", "", reason)
                                  for line, reason in e.problems])
            raise QgsProcessingException(str(e))
        finally:
            conn.close()
        feedback.pushInfo(tr("{entries} entries imported ({hours} h), {tickets} ticket(s) "
                             "created, from {path} ({fmt}, {encoding}).").format(
            entries=len(result.entries), hours=str(result.minutes / 60).replace(".", ","),
            tickets=result.tickets_created, path=source, fmt=result.format,
            encoding=result.encoding))
        return {"OUTPUT_REPORT": output, "ENTRIES": len(result.entries),
                "TICKETS": result.tickets_created}


def write_report(path, rows):
    try:
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = safe_csv.writer(f, delimiter=";")
            writer.writerow(("line", "result", "ticket", "time_entry", "reason"))
            writer.writerows(rows)
    except OSError as e:
        raise SitError(tr("Cannot write the report {path}: {error}. Nothing was imported.")
                       .format(path=path, error=e))
