"""Common base of the SIT Chartreuse Processing algorithms."""
from qgis.core import QgsProcessingAlgorithm, QgsProcessingException

from ..core.errors import SitError
from ..core.i18n import tr


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

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        try:
            return self.run(parameters, context, feedback)
        except SitError as e:
            raise QgsProcessingException(str(e))

    def run(self, parameters, context, feedback):
        raise NotImplementedError
