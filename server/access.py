"""Who is calling: the user the web server authenticated, trusted only on a
request that came through it.

The web server (nginx ``auth_basic``) checks the credentials and passes two
FastCGI parameters: REMOTE_USER, the user, and SIT_PROXY_SECRET, the secret
of the server configuration (server/config.py). A request without the right
secret (sent straight to the workers' socket, say) has no caller, whatever
user it claims. Writers are the users the configuration lists; any other
authenticated user reads.

On the OGC services (WMS, OGC API Features) a request without caller sees no
layer (access control filter) and is answered 401; an authenticated caller
reads every layer and writes none (the ledger is written from QGIS).
"""
import hmac
import json
from dataclasses import dataclass

from qgis.server import QgsAccessControlFilter, QgsServerFilter

from ..core.i18n import tr

REALM = "SIT Chartreuse"


@dataclass(frozen=True)
class Caller:
    user: str
    writer: bool


def caller(iface, config):
    """The Caller of the request being served, or None when it did not come
    authenticated through the web server (or the server has no configuration)."""
    if config is None:
        return None
    secret = iface.getEnv("SIT_PROXY_SECRET") or ""
    user = (iface.getEnv("REMOTE_USER") or "").strip()
    if not user or not hmac.compare_digest(secret.encode(), config.proxy_secret.encode()):
        return None
    return Caller(user, user in config.writers)


def error_body(status, message):
    return json.dumps({"error": {"status": status, "message": message}},
                      ensure_ascii=False).encode("utf-8")


def unauthorized_message():
    return tr("Authentication required: give the user name and password of your SIT "
              "account.")


def too_large_message(limit):
    return tr("The request body is over {n} bytes.").format(n=limit)


class AuthFilter(QgsServerFilter):
    """Answers 401 to any request without caller, once the service is done
    (the access control below has kept it from reading any layer)."""

    def __init__(self, iface, config):
        super().__init__(iface)
        self.config = config

    def onResponseComplete(self):  # noqa: N802 (QGIS API, 3.24 on)
        iface = self.serverInterface()
        if caller(iface, self.config) is None:
            handler = iface.requestHandler()
            handler.clear()
            handler.setStatusCode(401)
            handler.setResponseHeader("Content-Type", "application/json; charset=utf-8")
            handler.setResponseHeader("WWW-Authenticate", 'Basic realm="%s"' % REALM)
            handler.appendBody(error_body(401, unauthorized_message()))
        return True   # the next filters run too

    # What QGIS 3.22 calls instead (deprecated in 3.40, gone in 4.0).
    def responseComplete(self):  # noqa: N802 (QGIS API)
        self.onResponseComplete()


class ReadOnlyAccess(QgsAccessControlFilter):
    """Layers readable by authenticated callers only; written by nobody."""

    def __init__(self, iface, config):
        super().__init__(iface)
        self.config = config

    def layerPermissions(self, layer):  # noqa: N802 (QGIS API)
        rights = QgsAccessControlFilter.LayerPermissions()
        rights.canRead = caller(self.serverInterface(), self.config) is not None
        rights.canInsert = rights.canUpdate = rights.canDelete = False
        return rights

    def allowToEdit(self, layer, feature):  # noqa: N802 (QGIS API)
        return False

    def cacheKey(self):  # noqa: N802 (QGIS API): capabilities cached per kind of caller
        return "reader" if caller(self.serverInterface(), self.config) else "anonymous"
