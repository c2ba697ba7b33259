"""The Next'ADS bridge as web services: openADS's connecteur SIG (the JSON
of 3Liz's Lizmap module) and NetADS's impacts (XML), under /sit; and the
page for élus and technicians at /sit/ (server/web/, its figures from
server/suivi.py), read-only.

Every answer is computed by the domain (core/ads.py, core/ads_emprise.py):
the constraints are those of ``sitchartreuse:adsconstraints``, a footprint
is recorded with the rules of ``sitchartreuse:importads``. Reads go through
the configuration's reader store, writes through its writer store (on
PostgreSQL, logins of the reader and writer roles). Every refusal is JSON
``{"error": {"status", "message"}}`` with its HTTP status; an unexpected
failure is logged in the server log and answered 500 without its details.
"""
import contextlib
import datetime
import json
import os
import re
import traceback
import urllib.parse
import xml.etree.ElementTree as ET

from qgis.core import Qgis, QgsMessageLog
from qgis.PyQt.QtCore import QByteArray, QUrl
from qgis.server import QgsServerApi, QgsServerRequest

from ..core import ads, ads_emprise
from ..core.referential import parcel_id
from ..core.storage import db, store
from ..core.errors import SitError, StoreError
from ..core.i18n import tr
from . import access, suivi

ROOT = "/sit"
MAX_BODY = 64 * 1024        # bytes of a request body (a few hundred parcels)
MAX_PARCELS = 500           # parcels in one request
LOG_TAG = "SIT Chartreuse"
JSON = "application/json; charset=utf-8"

# openADS's groupe_contrainte and NetADS's TYPE of each kind of constraint.
GROUPS = {"zone": "Zonage", "prescription": "Prescription", "information": "Information",
          "servitude": "Servitude"}
NETADS_TYPES = {"zone": "ZONAGE", "prescription": "PRESCRIPTION", "information": "INFORMATION",
                "servitude": "SERVITUDE"}
_INSEE = re.compile(r"^(?:\d\d|2A|2B)\d{3}$")
_YEAR = re.compile(r"^\d{4}$")
_DATE = re.compile(r"^\d{4}-\d\d-\d\d$")

WEB = os.path.join(os.path.dirname(os.path.abspath(__file__)), "web")
HTML = "text/html; charset=utf-8"
# The only files /sit/static/ serves: {name: (path under server/web/, type)}.
# vendor/ is what scripts/setup.sh copies from npm (web/package.json).
STATIC = {
    "sit.js": ("sit.js", "text/javascript; charset=utf-8"),
    "sit.css": ("sit.css", "text/css; charset=utf-8"),
    "ol.js": ("vendor/ol.js", "text/javascript; charset=utf-8"),
    "ol.css": ("vendor/ol.css", "text/css; charset=utf-8"),
}


class HttpError(Exception):
    def __init__(self, status, message, headers=()):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, dict(headers)


# (path pattern under /sit, {method: (handler name, writes?)})
ROUTES = (
    (r"/openads/parcelles/([^/]+)", {"GET": ("parcelles", False)}),
    (r"/openads/communes/([^/]+)/contraintes", {"GET": ("commune_contraintes", False)}),
    (r"/openads/dossiers/([^/]+)/emprise", {"POST": ("emprise", True)}),
    # Computes, stores nothing: a read.
    (r"/openads/dossiers/([^/]+)/centroide", {"POST": ("centroide", False)}),
    (r"/openads/dossiers/([^/]+)/contraintes", {"GET": ("dossier_contraintes", False)}),
    (r"/netads/impacts", {"GET": ("impacts", False)}),
    # The page for élus and technicians.
    (r"", {"GET": ("page", False)}),
    (r"/static/([^/]+)", {"GET": ("static", False)}),
    (r"/suivi/contexte", {"GET": ("suivi_contexte", False)}),
    (r"/suivi/consommation", {"GET": ("suivi_consommation", False)}),
    (r"/suivi/effort", {"GET": ("suivi_effort", False)}),
)
ROUTES = tuple((re.compile("^%s%s/?$" % (ROOT, pattern)), methods) for pattern, methods in ROUTES)


class SitApi(QgsServerApi):
    """The /sit routes, registered with QGIS Server's service registry."""

    def __init__(self, iface, config):
        super().__init__(iface)
        self.config = config
        self._connections = {}   # store location text -> open connection (one request at a time)

    def name(self):
        return "SIT Chartreuse"

    def description(self):
        return ("Next'ADS bridge of the SIT Chartreuse (openADS and NetADS connectors) "
                "and the page for élus and technicians")

    def rootPath(self):  # noqa: N802 (QGIS API)
        return ROOT

    def version(self):
        return "1.0"

    def accept(self, url):
        # QgsServerApi's own test (the path contains /sit) would also catch
        # an OGC API Features collection named sit_*.
        path = url.path()
        return path == ROOT or path.startswith(ROOT + "/")

    def executeRequest(self, context):  # noqa: N802 (QGIS API)
        response = context.response()
        try:
            status, content_type, body = self.answer(context.request())
            headers = {}
        except HttpError as e:
            status, content_type, body = e.status, JSON, access.error_body(e.status, e.message)
            headers = e.headers
        except Exception:   # never a traceback to the caller: to the server log
            QgsMessageLog.logMessage(traceback.format_exc(), LOG_TAG, Qgis.MessageLevel.Critical)
            status, content_type = 500, JSON
            body = access.error_body(500, tr("Internal error of the SIT server: see its log."))
            headers = {}
        response.setStatusCode(status)
        response.setHeader("Content-Type", content_type)
        for name, value in headers.items():
            response.setHeader(name, value)
        response.write(QByteArray(body))

    # --- dispatch ----------------------------------------------------------------

    def answer(self, request):
        """(status, content type, body bytes) of a request, or an HttpError."""
        who = access.caller(self.serverIface(), self.config)
        if who is None:   # before anything else: no route answers an unknown caller
            raise HttpError(401, access.unauthorized_message(),
                            {"WWW-Authenticate": 'Basic realm="%s"' % access.REALM})
        encoded = request.url().path(QUrl.ComponentFormattingOption.FullyEncoded)
        method = QgsServerRequest.methodToString(request.method())
        for pattern, methods in ROUTES:
            m = pattern.match(encoded)
            if not m:
                continue
            if method not in methods:
                raise HttpError(405, tr("Method {method} is not allowed here; use {allowed}.")
                                .format(method=method, allowed=", ".join(methods)),
                                {"Allow": ", ".join(methods)})
            handler, writes = methods[method]
            if writes and not who.writer:
                raise HttpError(403, tr("User {user} may read the SIT but not write it.")
                                .format(user=who.user))
            args = [urllib.parse.unquote(a) for a in m.groups()]
            return getattr(self, handler)(request, *args)
        raise HttpError(404, tr("No such SIT service: {path}.").format(
            path=urllib.parse.unquote(encoded)))

    def connection(self, writes=False):
        text = self.config.writer if writes else self.config.reader
        try:
            location = db.parse_location(text)
            conn = self._connections.get(text)
            if conn is None or not location.is_open(conn):   # the server went away
                conn = self._connections[text] = store.open_store(location)
        except StoreError as e:
            QgsMessageLog.logMessage(str(e), LOG_TAG, Qgis.MessageLevel.Critical)
            raise HttpError(503, tr("The SIT store cannot be reached; try again later."))
        return conn

    # --- parcels and dossiers ------------------------------------------------------

    def idu(self, conn, text):
        """The 14-character IDU of a parcel id in the 12- (EDIGEO, département
        from the configuration: the first whose parcel exists), 14- or
        15-character (MAJIC) form; 400 otherwise."""
        compact = text.strip().upper()
        try:
            if len(compact) == 12:
                candidates = [parcel_id.from_edigeo(compact, d).idu
                              for d in self.config.departements]
                found, _ = ads.resolve_parcels(conn, candidates)
                return (found or candidates)[0]
            if len(compact) in (14, 15):
                return parcel_id.normalize(compact)
        except parcel_id.ParcelIdError as e:
            raise HttpError(400, str(e))
        raise HttpError(400, tr("\"{text}\" is not a parcel id: expected 12 (commune, prefix, "
                                "section, number), 14 (IDU) or 15 (MAJIC) characters.")
                        .format(text=text))

    def numero(self, text):
        try:
            return ads.parse_numero(text).numero
        except ads.AdsError as e:
            raise HttpError(400, str(e))

    def parcelles(self, request, ids):
        refs = [r.strip() for r in ids.split(";") if r.strip()]
        if not refs or len(refs) > MAX_PARCELS:
            raise HttpError(400, tr("Give 1 to {n} parcel ids separated by \";\".")
                            .format(n=MAX_PARCELS))
        conn = self.connection()
        idus = [self.idu(conn, r) for r in refs]
        known = set(ads.resolve_parcels(conn, idus)[0])
        out = []
        for ref, idu in zip(refs, idus):
            item = {"parcelle": ref, "existe": "true" if idu in known else "false"}
            if idu in known:   # the referential holds no address (no MAJIC data)
                item["adresse"] = {"numero_voie": "", "type_voie": "", "nom_voie": "",
                                   "arrondissement": idu[2:5]}
            out.append(item)
        return _json({"parcelles": out})

    def commune_contraintes(self, request, insee):
        if not _INSEE.match(insee.strip().upper()):
            raise HttpError(400, tr("\"{insee}\" is not an INSEE commune code.")
                            .format(insee=insee))
        conn = self.connection()
        try:
            subject = ads.commune_subject(conn, insee.strip().upper())
        except ads.AdsError as e:
            raise HttpError(404, str(e))
        return _json({"contraintes": _openads(self._constraints(conn, subject))})

    def _dossier(self, conn, numero):
        try:
            return ads.dossier_subjects(conn, [self.numero(numero)])[0]
        except ads.AdsError as e:
            raise HttpError(404, str(e))

    def dossier_contraintes(self, request, numero):
        conn = self.connection()
        subject = self._dossier(conn, numero)
        if subject.geom is None:
            raise HttpError(409, tr("Dossier {numero}: {note}").format(
                numero=subject.key, note=subject.note))
        return _json({"contraintes": _openads(self._constraints(conn, subject))})

    def _constraints(self, conn, subject):
        return ads.compute_constraints(conn, [subject])[0].constraints

    def centroide(self, request, numero):
        conn = self.connection()
        try:
            point = ads.centroid(conn, self.numero(numero))
        except ads.AdsError as e:
            raise HttpError(404, str(e))
        if point is None:
            out = {"statut_calcul_centroide": "false", "x": "", "y": ""}
        else:   # strings, as openADS reads them
            out = {"statut_calcul_centroide": "true", "x": repr(point[0]), "y": repr(point[1])}
        return _json({"centroide": out})

    def emprise(self, request, numero):
        numero = self.numero(numero)
        body = bytes(request.data())
        if len(body) > MAX_BODY:
            raise HttpError(413, access.too_large_message(MAX_BODY))
        try:
            parcels = json.loads(body.decode("utf-8"))["parcelles"]
        except (ValueError, KeyError, TypeError):
            parcels = None
        if not isinstance(parcels, list) or not parcels or len(parcels) > MAX_PARCELS or \
                not all(isinstance(p, str) for p in parcels):
            raise HttpError(400, tr("Expected a JSON body {{\"parcelles\": [ids]}} with 1 to "
                                    "{n} parcel ids.").format(n=MAX_PARCELS))
        conn = self.connection(writes=True)
        idus = [self.idu(conn, p) for p in parcels]
        try:
            result = ads_emprise.record_emprise(conn, numero, idus)
        except db.ReadOnlyError as e:   # the role of the writer store may not write
            raise HttpError(403, str(e))
        except SitError as e:
            raise HttpError(400, str(e))
        QgsMessageLog.logMessage("emprise %s: %s parcels" % (numero, len(idus)), LOG_TAG,
                                 Qgis.MessageLevel.Info)
        out = {"statut_calcul_emprise": "true" if result.has_footprint else "false"}
        if result.missing:
            out["parcelles_absentes"] = result.missing
        return _json({"emprise": out})

    def impacts(self, request):
        query = urllib.parse.parse_qs(request.url().query(
            QUrl.ComponentFormattingOption.FullyEncoded))
        values = [v for k, vs in query.items() if k.upper() == "IDU" for v in vs]
        if len(values) != 1:
            raise HttpError(400, tr("Give one parcel as IDU=<12 or 15 characters>."))
        conn = self.connection()
        idu = self.idu(conn, values[0])
        try:
            subject = ads.parcel_subject(conn, [idu])
        except ads.AdsError as e:
            raise HttpError(404, str(e))
        root = ET.Element("IMPACTS")
        for c in _distinct(self._constraints(conn, subject)):
            code, _, sous_code = c.code.partition("-")
            impact = ET.SubElement(root, "IMPACT")
            for tag, value in (("TYPE", NETADS_TYPES[c.kind]), ("CODE", code[:10]),
                               ("SOUS_CODE", sous_code[:10]), ("ETIQUETTE", c.libelle[:10]),
                               ("LIBELLE", c.libelle[:255]), ("DESCRIPTION", c.detail)):
                ET.SubElement(impact, tag).text = value
        return 200, "application/xml; charset=utf-8", ET.tostring(root, encoding="utf-8",
                                                                   xml_declaration=False)

    # --- the page for élus and technicians ---------------------------------------

    def page(self, request):
        return 200, HTML, _read(WEB, "index.html")

    def static(self, request, name):
        if name not in STATIC:   # a whitelist: no other file, no path, is served
            raise HttpError(404, tr("No such SIT service: {path}.").format(
                path="%s/static/%s" % (ROOT, name)))
        path, content_type = STATIC[name]
        return 200, content_type, _read(WEB, path)

    def suivi_contexte(self, request):
        return self._suivi(lambda conn: suivi.context(conn, datetime.date.today()))

    def suivi_consommation(self, request):
        year, at = _year(request), _date(request)
        return self._suivi(lambda conn: suivi.consumption_json(conn, year, at))

    def suivi_effort(self, request):
        year = _year(request)
        body = self._suivi(lambda conn: suivi.effort_geojson(conn, year))[2]
        return 200, "application/geo+json; charset=utf-8", body

    def _suivi(self, figures):
        """The JSON of `figures(conn)`; the domain's refusals (no agreement,
        a year outside its term or not begun) as 404."""
        try:
            return _json(figures(self.connection()))
        except SitError as e:
            raise HttpError(404, str(e))


def _query(request, key):
    """The values of `key` in the request's query string."""
    return urllib.parse.parse_qs(request.url().query(
        QUrl.ComponentFormattingOption.FullyEncoded)).get(key, [])


def _year(request):
    """annee=YYYY (the current year by default), or a 400."""
    values = _query(request, "annee")
    if not values:
        return datetime.date.today().year
    if len(values) != 1 or not _YEAR.match(values[0]):
        raise HttpError(400, tr("Give the year as annee=YYYY, not \"{text}\".")
                        .format(text=";".join(values)))
    return int(values[0])


def _date(request):
    """au=YYYY-MM-DD, the date of the figures (today by default), or a 400."""
    values = _query(request, "au")
    if not values:
        return datetime.date.today()
    if len(values) == 1 and _DATE.match(values[0]):
        with contextlib.suppress(ValueError):   # 2026-02-30
            return datetime.date.fromisoformat(values[0])
    raise HttpError(400, tr("Give the date as au=YYYY-MM-DD, not \"{text}\".")
                    .format(text=";".join(values)))


def _read(folder, path):
    try:
        with open(os.path.join(folder, path), "rb") as f:
            return f.read()
    except FileNotFoundError:   # a checkout where scripts/setup.sh has not copied vendor/
        raise HttpError(503, tr("The page's file {name} is not installed on this server: "
                                "run make setup-serve.").format(name=path))


def _distinct(constraints):
    """One constraint per kind, code, label and text (a zone cut in pieces is
    one constraint), in the domain's order."""
    seen = {}
    for c in constraints:
        seen.setdefault((c.kind, c.code, c.libelle, c.detail), c)
    return list(seen.values())


def _openads(constraints):
    return [{"contrainte": c.uuid, "groupe_contrainte": GROUPS[c.kind],
             "sous_groupe_contrainte": c.code, "libelle": c.libelle, "texte": c.detail}
            for c in _distinct(constraints)]


def _json(payload):
    return 200, JSON, json.dumps(payload, ensure_ascii=False).encode("utf-8")
