"""sitchartreuse:pgroles: the writer and reader roles of a SIT in PostgreSQL."""
from qgis.core import QgsProcessingOutputString, QgsProcessingParameterString

from ..core.i18n import tr
from ..core.storage import roles, store
from .base import SitAlgorithm, store_parameter


def _names(text):
    return [n.strip() for n in (text or "").split(",") if n.strip()]


class PgRolesAlgorithm(SitAlgorithm):
    _name = "pgroles"
    _display = "Grant the writer and reader roles (PostgreSQL)"
    _group, _group_id = "Store", "store"
    _help = ("For a SIT stored in PostgreSQL: creates, if missing, two group roles, the writer "
             "(the SIT manager: maintains the layers, logs time, records the agreement, "
             "issues settlements) and the reader (the Communauté: opens the catalogue and runs "
             "the settlement as a dry run, writes nothing), and grants them their privileges "
             "on every table of the SIT, and on the tables later migrations add. Their names "
             "default to <schema>_writer and <schema>_reader. Existing login roles listed "
             "(comma-separated) become members. Run it as the owner of the SIT, with the "
             "right to create roles (CREATEROLE); running it again is harmless.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(store_parameter())
        self.addParameter(QgsProcessingParameterString(
            "WRITER_ROLE", tr("Writer role (empty: <schema>_writer)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            "READER_ROLE", tr("Reader role (empty: <schema>_reader)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            "WRITERS", tr("Login roles made writers (comma-separated)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            "READERS", tr("Login roles made readers (comma-separated)"), optional=True))
        self.addOutput(QgsProcessingOutputString("WRITER_ROLE", tr("Writer role")))
        self.addOutput(QgsProcessingOutputString("READER_ROLE", tr("Reader role")))

    def run(self, parameters, context, feedback):
        def text(name):
            return self.parameterAsString(parameters, name, context).strip()
        conn = store.open_store(self.store_location(parameters, context))
        try:
            writer, reader = roles.grant_roles(
                conn, text("WRITER_ROLE"), text("READER_ROLE"),
                _names(text("WRITERS")), _names(text("READERS")))
        finally:
            conn.close()
        feedback.pushInfo(tr("Roles granted on {where}: writer {writer}, reader {reader}.")
                          .format(where=conn.location.label, writer=writer, reader=reader))
        return {"WRITER_ROLE": writer, "READER_ROLE": reader}
