"""Plugin identity, read once from metadata.txt."""
import configparser
import os

PLUGIN_DIR = os.path.dirname(__file__)
_meta = configparser.ConfigParser(interpolation=None)
_meta.read(os.path.join(PLUGIN_DIR, "metadata.txt"), encoding="utf-8")

NAME = _meta.get("general", "name")
VERSION = _meta.get("general", "version")
QGIS_MINIMUM_VERSION = _meta.get("general", "qgisMinimumVersion")
