"""Common base of the SIT Chartreuse Processing algorithms."""
import datetime

from qgis.core import (QgsProcessingAlgorithm, QgsProcessingException, QgsProcessingParameterFile,
                       QgsProcessingParameterNumber, QgsProcessingParameterString, QgsProject)

from ..core.errors import SitError
from ..core.i18n import tr
from ..core.storage.project import location_from_text, store_text_of


def store_parameter():
    """The STORE parameter of every algorithm working on an existing SIT store:
    a GeoPackage, or a PostgreSQL location (``postgres: connection='...'
    schema='...'``, core/storage/db.py). No extension filter, so that the second
    kind passes Processing's check; opening the store checks either. (The
    default filter, "*.*", refuses a value without a dot: most locations.)

    Its default is the SIT open in QGIS, read when the algorithm is created
    (each Processing dialog, each processing.run), so that the dialog shows
    it and a call may leave STORE out."""
    return QgsProcessingParameterFile(
        "STORE", tr("SIT store (GeoPackage file, or postgres: connection='…' schema='…')"),
        fileFilter=tr("All files (*)"), defaultValue=store_text_of(QgsProject.instance()))


def convention_parameter():
    """CONVENTION: the agreement, by reference or uuid (empty: the only one)."""
    return QgsProcessingParameterString(
        "CONVENTION", tr("Agreement (reference or uuid; empty: the only one)"), optional=True)


def year_parameter():
    """YEAR: a calendar year, this year by default."""
    return QgsProcessingParameterNumber(
        "YEAR", tr("Year"), QgsProcessingParameterNumber.Integer,
        datetime.date.today().year, minValue=2000, maxValue=2100)


class SitAlgorithm(QgsProcessingAlgorithm):
    """Thin algorithms: read parameters, call the domain code, report.

    Subclasses set `_name`, `_display`, `_group_id`, `_group` and `_help`
    (English, translated through tr) and implement `run()`. Domain errors
    become Processing errors with the domain's own message.
    """
    _name = _display = _group_id = _group = _help = ""

    def name(self):
        return self._name

    def displayName(self):  # noqa: N802 (QGIS API)
        return tr(self._display)

    def group(self):
        return tr(self._group)

    def groupId(self):  # noqa: N802
        return self._group_id

    def shortHelpString(self):  # noqa: N802
        return tr(self._help)

    def createInstance(self):  # noqa: N802
        return type(self)()

    def __init_subclass__(cls, **kwargs):
        # QGIS's Python callers (processing.run(), the Processing toolbox) call
        # QgsProcessingAlgorithm.run(parameters, context, feedback, configuration,
        # catchExceptions): a subclass's `run()` hook would hide it, so the hook
        # is moved aside to `_run_hook`.
        super().__init_subclass__(**kwargs)
        if "run" in cls.__dict__:
            cls._run_hook = cls.__dict__["run"]
            delattr(cls, "run")

    def checkParameterValues(self, parameters, context):  # noqa: N802 (QGIS API)
        # QGIS 3.22's check of a file parameter ignores its default: STORE
        # left out is then refused, not taken as the open SIT.
        store = self.parameterDefinition("STORE")
        if store is not None and store.defaultValue() and parameters.get("STORE") is None:
            parameters = dict(parameters, STORE=store.defaultValue())
        return super().checkParameterValues(parameters, context)

    def store_location(self, parameters, context):
        """The Location of STORE, with the credentials of the store opened
        under that text in this QGIS session (the project and the dialog show
        it without them)."""
        return location_from_text(self.parameterAsFile(parameters, "STORE", context))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        try:
            return self._run_hook(parameters, context, feedback)
        except SitError as e:
            raise QgsProcessingException(str(e))

    def _run_hook(self, parameters, context, feedback):
        raise NotImplementedError(type(self).__name__ + " must implement run()")
