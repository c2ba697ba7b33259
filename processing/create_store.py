"""sitchartreuse:createstore: create an empty SIT store, in a GeoPackage or
in a schema of a PostgreSQL/PostGIS database."""
from qgis.core import (QgsProcessingException, QgsProcessingOutputString,
                       QgsProcessingParameterDatabaseSchema, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterProviderConnection)

from ..core.i18n import tr
from ..core.storage import db, store
from .base import SitAlgorithm


class CreateStoreAlgorithm(SitAlgorithm):
    _name = "createstore"
    _display = "Create a SIT store"
    _group, _group_id = "Store", "store"
    _help = ("Creates an empty SIT store with every table of the four applications, the "
             "referentials, the work ledger and the agreement, in EPSG:2154 with spatial "
             "indexes and the standard code lists.\n"
             "Either a GeoPackage (the embedded default), or, with a PostgreSQL connection "
             "saved in QGIS, a schema of that database (PostGIS must be installed there). "
             "The connection's credentials stay in QGIS (use an authentication "
             "configuration); the store is then named postgres: connection='…' schema='…' in "
             "the other algorithms. An existing file or a non-empty schema is never "
             "overwritten.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFileDestination(
            "STORE", tr("SIT store (GeoPackage)"), "GeoPackage (*.gpkg)", optional=True))
        self.addParameter(QgsProcessingParameterProviderConnection(
            "CONNECTION", tr("Or a PostgreSQL connection"), "postgres", optional=True))
        self.addParameter(QgsProcessingParameterDatabaseSchema(
            "SCHEMA", tr("Schema of the SIT in that database"), "CONNECTION",
            defaultValue="sit", optional=True))
        self.addOutput(QgsProcessingOutputString("STORE", tr("SIT store")))

    def run(self, parameters, context, feedback):
        connection = self.parameterAsConnectionName(parameters, "CONNECTION", context)
        if connection:
            schema = self.parameterAsSchema(parameters, "SCHEMA", context)
            if not schema:
                raise QgsProcessingException(tr("Name the schema of the SIT in the database."))
            target = db.PgLocation(schema, {"connection": connection})
        else:
            target = self.parameterAsFileOutput(parameters, "STORE", context)
            if not target:
                raise QgsProcessingException(tr("Give a GeoPackage file or a PostgreSQL "
                                                "connection."))
        created = str(store.create_store(target))
        feedback.pushInfo(tr("SIT store created: {path}").format(path=created))
        return {"STORE": created}
