"""The language of the server's messages: French by default (the SIT's users
are French), whatever the locale of the machine running QGIS Server; the
server configuration may choose another ([server] language, "en" for the
English source)."""
import os

from qgis.PyQt.QtCore import QCoreApplication, QTranslator

DEFAULT = "fr"
QM = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "i18n",
                  "sit_chartreuse_%s.qm")


def install(language):
    """Install the plugin's translation into `language`; returns the
    QTranslator (keep it, and remove it when done), or None for English or a
    language without translation."""
    translator = QTranslator()
    if language == "en" or not translator.load(QM % language):
        return None
    QCoreApplication.installTranslator(translator)
    return translator
