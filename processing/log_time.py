"""sitchartreuse:logtime: log time on a feature or an application."""
import datetime

from qgis.core import (QgsProcessingOutputString, QgsProcessingParameterEnum,
                       QgsProcessingParameterString)

from ..core.i18n import tr
from ..core.ledger import ledger
from ..core.storage import store
from .base import SitAlgorithm, store_parameter


class LogTimeAlgorithm(SitAlgorithm):
    _name = "logtime"
    _display = "Log time spent"
    _group, _group_id = "Work ledger", "ledger"
    _help = ("Records time spent in one transaction. LAYER and FEATURE_UUID place the work on "
             "a catalogued feature (both empty: the application as a whole). TICKET adds the "
             "time to an existing ticket; empty, a new ticket is opened with TITLE and "
             "CATEGORY. HOURS is decimal (1.5 or 1,5) or H:MM, rounded to the minute, more "
             "than 0 and at most 24. DATE is YYYY-MM-DD or DD/MM/YYYY (empty: today).")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(store_parameter())
        self.addParameter(QgsProcessingParameterString(
            "LAYER", tr("Layer (table) of the feature"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            "FEATURE_UUID", tr("Feature uuid"), optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            "APPLICATION", tr("Application"), options=list(ledger.APPLICATIONS),
            optional=True, usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterEnum(
            "CATEGORY", tr("Category"), options=list(ledger.CATEGORIES), optional=True,
            usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterString("DATE", tr("Work date"), optional=True))
        self.addParameter(QgsProcessingParameterString("HOURS", tr("Hours")))
        self.addParameter(QgsProcessingParameterString("AGENT", tr("Agent"), optional=True))
        self.addParameter(QgsProcessingParameterString("NOTE", tr("Note"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            "TICKET", tr("Existing ticket (uuid); empty: open a new ticket"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            "TITLE", tr("Title of the new ticket"), optional=True))
        self.addOutput(QgsProcessingOutputString("TICKET", tr("Ticket")))
        self.addOutput(QgsProcessingOutputString("TIME_ENTRY", tr("Time entry")))

    def run(self, parameters, context, feedback):
        def text(name):
            return (self.parameterAsString(parameters, name, context) or "").strip() or None
        conn = store.open_store(self.store_location(parameters, context))
        try:
            ticket, entry = ledger.log_time(
                conn, text("DATE") or datetime.date.today(), text("HOURS"),
                ticket_uuid=text("TICKET"), application=text("APPLICATION"),
                category=text("CATEGORY"), title=text("TITLE"), layer=text("LAYER"),
                feature_uuid=text("FEATURE_UUID"), agent=text("AGENT"), note=text("NOTE"))
        finally:
            conn.close()
        feedback.pushInfo(tr("Time logged on ticket {ticket}.").format(ticket=ticket))
        return {"TICKET": ticket, "TIME_ENTRY": entry}
