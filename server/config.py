"""The server configuration: an INI file named by the environment variable
SIT_SERVER_CONFIG of the QGIS Server workers (``make serve`` writes one in
build/serve/). What it holds is the administrator's, never the project's nor
the plugin's::

    [store]
    # Where reads and writes go: one GeoPackage for both, or two PostgreSQL
    # locations whose libpq service (pg_service.conf) logs in as a member of
    # the SIT's reader and writer roles (core/roles.py).
    reader = postgres: service='sit_lecture' schema='sit'
    writer = postgres: service='sit_ecriture' schema='sit'

    [access]
    # Web server's users (authenticated by it) who may write; any other
    # authenticated user reads.
    writers = sit
    # The web server passes it with every request (FastCGI parameter
    # SIT_PROXY_SECRET): a request reaching the workers any other way is
    # not trusted, whatever user it claims.
    proxy_secret = <random>

    [parcelles]
    # Départements tried, in order, for 12-character parcel ids (no département).
    departements = 38 73

    [server]
    # Language of the messages (default fr; en: English).
    language = fr
"""
import configparser
import os
from dataclasses import dataclass
from typing import Tuple

from ..core.errors import SitError
from ..core.i18n import tr
from .translation import DEFAULT as DEFAULT_LANGUAGE

ENV = "SIT_SERVER_CONFIG"


@dataclass(frozen=True)
class Config:
    reader: str
    writer: str
    writers: Tuple[str, ...]
    proxy_secret: str
    departements: Tuple[str, ...]
    language: str = DEFAULT_LANGUAGE


def load(path=None):
    """The Config at `path` (default: $SIT_SERVER_CONFIG); a SitError naming
    the file and key when something is missing."""
    path = path or os.environ.get(ENV, "")
    if not path:
        raise SitError(tr("{env} is not set: the SIT server has no configuration.")
                       .format(env=ENV))
    parser = configparser.ConfigParser(interpolation=None)
    if not parser.read(path, encoding="utf-8"):
        raise SitError(tr("The SIT server configuration {path} cannot be read.")
                       .format(path=path))

    def value(section, key):
        text = parser.get(section, key, fallback="").strip()
        if not text:
            raise SitError(tr("The SIT server configuration {path} lacks [{section}] {key}.")
                           .format(path=path, section=section, key=key))
        return text
    return Config(reader=value("store", "reader"), writer=value("store", "writer"),
                  writers=tuple(parser.get("access", "writers", fallback="").split()),
                  proxy_secret=value("access", "proxy_secret"),
                  departements=tuple(value("parcelles", "departements").split()),
                  language=parser.get("server", "language", fallback="").strip()
                  or DEFAULT_LANGUAGE)
