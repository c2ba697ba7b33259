"""The Next'ADS bridge on QGIS Server: real HTTP through nginx to real
QGIS Server workers (tests/server_helpers.py), over a store of each backend.
One server per backend for the module; stopped whatever happens."""
import json
import os
import re
import socket
import struct
import urllib.parse
import xml.etree.ElementTree as ET

import pytest

from ads_helpers import INSEE, add_parcel, small_plui, square
from conftest import BACKENDS
from server_helpers import READER, SERVICE, WRITER, running_site, serve
from sit_chartreuse.core import ads
from sit_chartreuse.core.ledger import ledger
from sit_chartreuse.core.storage import db, store
from sit_chartreuse.core.i18n import tr
from sit_chartreuse.core.schema import BY_NAME

AB1, AB2, AB3 = (INSEE + "000AB000%d" % n for n in (1, 2, 3))
DOSSIER = "PC0384422600001"   # small_plui's, on AB 1 and AB 2


@pytest.fixture(scope="module", params=BACKENDS)
def site(request, tmp_path_factory, qgis_app):
    """A server over small_plui's store (ads_helpers)."""
    yield from running_site(request.param, tmp_path_factory,
                            lambda location: small_plui(location).close())


def _count(site, sql, params=()):
    conn = site.conn()
    try:
        return conn.execute(sql, params).fetchone()[0]
    finally:
        conn.close()


ROUTES = [("GET", "/sit/openads/parcelles/" + AB1),
          ("GET", "/sit/openads/communes/38442/contraintes"),
          ("POST", "/sit/openads/dossiers/%s/emprise" % DOSSIER),
          ("POST", "/sit/openads/dossiers/%s/centroide" % DOSSIER),
          ("GET", "/sit/openads/dossiers/%s/contraintes" % DOSSIER),
          ("GET", "/sit/netads/impacts?IDU=" + AB1), ("GET", "/sit/unknown"),
          ("GET", "/?SERVICE=WMS&REQUEST=GetCapabilities"), ("GET", "/wfs3/collections.json")]


# --- access -----------------------------------------------------------------------

@pytest.mark.parametrize("method, path", ROUTES)
def test_every_route_needs_credentials(site, method, path):
    for auth in (None, ("elus", "wrong"), ("nobody", "elus")):
        status, headers, raw = site.call(method, path, auth, body={"parcelles": [AB3]}
                                         if method == "POST" else None)
        assert status == 401, (auth, raw)
        assert "Basic" in headers["WWW-Authenticate"]
        assert json.loads(raw)["error"]["status"] == 401


def test_a_reader_reads_and_may_not_write(site):
    numero = "PC0384422600011"
    before = _count(site, "SELECT count(*) FROM ads_dossier_parcelle")
    body = site.json("POST", "/sit/openads/dossiers/%s/emprise" % numero, READER,
                     {"parcelles": [AB3]}, expect=403)
    assert "elus" in body["error"]["message"]
    assert _count(site, "SELECT count(*) FROM ads_dossier WHERE numero = ?", (numero,)) == 0
    assert _count(site, "SELECT count(*) FROM ads_dossier_parcelle") == before
    # The same request from the writer lands.
    site.json("POST", "/sit/openads/dossiers/%s/emprise" % numero, WRITER, {"parcelles": [AB3]})
    assert _count(site, "SELECT count(*) FROM ads_dossier WHERE numero = ?", (numero,)) == 1


def _fastcgi(sock_path, params, body=b""):
    """One request straight to the workers' FastCGI socket, bypassing nginx:
    (headers, body)."""
    def record(kind, content, request_id=1):
        return struct.pack("!BBHHBx", 1, kind, request_id, len(content), 0) + content

    def pair(name, value):
        name, value = name.encode(), value.encode()
        return bytes([len(name), len(value)]) + name + value if len(value) < 128 else \
            bytes([len(name)]) + struct.pack("!I", len(value) | 0x80000000) + name + value
    encoded = b"".join(pair(k, v) for k, v in params.items())
    message = (record(1, struct.pack("!HB5x", 1, 0)) + record(4, encoded) + record(4, b"")
               + (record(5, body) if body else b"") + record(5, b""))
    out = b""
    with socket.socket(socket.AF_UNIX) as s:
        s.settimeout(60)
        s.connect(sock_path)
        s.sendall(message)
        while True:
            header = s.recv(8, socket.MSG_WAITALL)
            if len(header) < 8:
                break
            _, kind, _, length, padding = struct.unpack("!BBHHB", header[:7])
            content = s.recv(length + padding, socket.MSG_WAITALL)[:length] if length + padding \
                else b""
            if kind == 6:
                out += content
            elif kind == 3:
                break
    head, _, payload = out.replace(b"\r\n", b"\n").partition(b"\n\n")
    return head.decode("latin-1"), payload


def test_a_request_bypassing_nginx_is_not_trusted(site):
    """The workers' socket is this account's alone; and a request sent to it
    without nginx's secret is refused whatever user it claims."""
    sock = os.path.join(site.server.runtime, "qgis.sock")
    assert oct(os.stat(sock).st_mode & 0o777) == "0o600"
    numero = "PC0384422600012"
    body = json.dumps({"parcelles": [AB3]}).encode()
    for path, method, data in (("/sit/openads/dossiers/%s/emprise" % numero, "POST", body),
                               ("/sit/openads/parcelles/" + AB1, "GET", b""),
                               ("/", "GET", b"")):
        params = {"REQUEST_METHOD": method, "REQUEST_URI": path, "SCRIPT_NAME": "",
                  "QUERY_STRING": "SERVICE=WMS&REQUEST=GetCapabilities" if path == "/" else "",
                  "CONTENT_LENGTH": str(len(data)), "CONTENT_TYPE": "application/json",
                  "SERVER_NAME": "localhost", "SERVER_PORT": "80", "REMOTE_USER": "sit",
                  "SIT_PROXY_SECRET": "guessed"}
        head, payload = _fastcgi(sock, params, data)
        assert re.search(r"^Status:\s*401\b", head, re.M), (head, payload)
        assert b"<Layer" not in payload
    assert _count(site, "SELECT count(*) FROM ads_dossier WHERE numero = ?", (numero,)) == 0


# --- openADS -------------------------------------------------------------------------

def test_parcelles_in_every_form(site):
    majic = "38" + "0" + AB1[2:]          # 15 characters: département, direction, commune...
    edigeo = AB2[2:]                      # 12 characters: département from the configuration
    body = site.json("GET", "/sit/openads/parcelles/%s;%s;%s;%s" % (AB1, majic, edigeo,
                                                                     INSEE + "000ZZ0099"))
    items = body["parcelles"]
    assert [i["parcelle"] for i in items] == [AB1, majic, edigeo, INSEE + "000ZZ0099"]
    assert [i["existe"] for i in items] == ["true", "true", "true", "false"]
    assert set(items[0]["adresse"]) == {"numero_voie", "type_voie", "nom_voie", "arrondissement"}
    assert items[0]["adresse"]["arrondissement"] == "442"
    assert "adresse" not in items[3]


def _expected(site, subject_of):
    """The constraints the domain computes (sitchartreuse:adsconstraints's)."""
    conn = site.conn()
    try:
        subject = ads.compute_constraints(conn, [subject_of(conn)])[0]
        return [(c.libelle, c.detail) for c in subject.constraints]
    finally:
        conn.close()


def test_dossier_constraints_touching_is_not_intersecting(site):
    body = site.json("GET", "/sit/openads/dossiers/PC%20038%20442%2026%2000001/contraintes")
    items = body["contraintes"]
    assert [i["libelle"] for i in items] == ["UA", "N", "Haie", "Arbre", "Risque"]
    # Zone A, the line along the edge and the point on the outline only touch.
    assert not {"A", "Bord", "Borne"} & {i["libelle"] for i in items}
    assert [(i["libelle"], i["texte"]) for i in items] == _expected(
        site, lambda conn: ads.dossier_subjects(conn, [DOSSIER])[0])
    assert items[0] == {"contrainte": items[0]["contrainte"], "groupe_contrainte": "Zonage",
                        "sous_groupe_contrainte": "U", "libelle": "UA", "texte": "Zone UA"}
    assert [i["groupe_contrainte"] for i in items] == [
        "Zonage", "Zonage", "Prescription", "Prescription", "Information"]


def test_commune_constraints(site):
    items = site.json("GET", "/sit/openads/communes/%s/contraintes" % INSEE)["contraintes"]
    assert [(i["libelle"], i["texte"]) for i in items] == _expected(
        site, lambda conn: ads.commune_subject(conn, INSEE))
    assert "A" in {i["libelle"] for i in items}
    assert all(set(i) == {"contrainte", "groupe_contrainte", "sous_groupe_contrainte",
                          "libelle", "texte"} and isinstance(i["contrainte"], str) for i in items)
    site.json("GET", "/sit/openads/communes/99999/contraintes", expect=404)


def test_centroide(site):
    body = site.json("POST", "/sit/openads/dossiers/%s/centroide" % DOSSIER)
    assert body == {"centroide": {"statut_calcul_centroide": "true", "x": "100.0", "y": "50.0"}}
    site.json("POST", "/sit/openads/dossiers/PC0384422699999/centroide", expect=404)


def test_emprise_creates_a_dossier_that_carries_tickets(site):
    numero = "PC 038 442 26 00020"
    body = site.json("POST", "/sit/openads/dossiers/%s/emprise" % numero.replace(" ", "%20"),
                     WRITER, {"parcelles": [AB3[2:]]})
    assert body == {"emprise": {"statut_calcul_emprise": "true"}}
    compact = ads.compact_numero(numero)
    conn = site.conn()
    try:
        row = conn.execute("SELECT uuid, type_dossier, insee, ST_Area(geom) FROM ads_dossier "
                           "WHERE numero = ?", (compact,)).fetchone()
        assert row[1:] == ("PC", INSEE, 10000.0)
        assert ads.dossier_parcels(conn, compact) == [AB3]
        ticket = ledger.open_ticket(conn, "ads", "maintenance_corrective", "Emprise à vérifier",
                                    layer="ads_dossier", feature_uuid=row[0])
        conn.execute("UPDATE ads_dossier SET statut = 'instruction', date_depot = '2026-04-01' "
                     "WHERE numero = ?", (compact,))
    finally:
        conn.close()
    # Its constraints, then a second emprise: parcels replaced, uuid (tickets),
    # filing date and status kept; a parcel not in the cadastre is reported.
    assert [i["libelle"] for i in site.json(
        "GET", "/sit/openads/dossiers/%s/contraintes" % compact)["contraintes"]] == ["A", "Haie"]
    body = site.json("POST", "/sit/openads/dossiers/%s/emprise" % compact, WRITER,
                     {"parcelles": [AB1, INSEE + "000ZZ0099"]})
    assert body == {"emprise": {"statut_calcul_emprise": "false",
                                "parcelles_absentes": [INSEE + "000ZZ0099"]}}
    conn = site.conn()
    try:
        assert conn.execute("SELECT uuid, statut, date_depot, geom IS NULL FROM ads_dossier "
                            "WHERE numero = ?", (compact,)).fetchone() == (
            row[0], "instruction", "2026-04-01", 1 if site.backend == "gpkg" else True)
        assert ads.dossier_parcels(conn, compact) == [AB1, INSEE + "000ZZ0099"]
        assert ledger.ticket(conn, ticket)["feature_uuid"] == row[0]
    finally:
        conn.close()
    status, _, raw = site.call("GET", "/sit/openads/dossiers/%s/contraintes" % compact)
    assert status == 409 and "emprise" in json.loads(raw)["error"]["message"]


@pytest.mark.parametrize("method, path, body, status, needle", [
    ("GET", "/sit/openads/parcelles/38442AB", None, 400, "38442AB"),
    ("GET", "/sit/openads/parcelles/38442000AB0000", None, 400, "38442000AB0000"),
    ("GET", "/sit/openads/communes/3844/contraintes", None, 400, "3844"),
    ("GET", "/sit/openads/dossiers/44444/contraintes", None, 400, "44444"),
    ("GET", "/sit/openads/dossiers/PC0384422699999/contraintes", None, 404, "PC0384422699999"),
    ("POST", "/sit/openads/dossiers/PC0384422600030/emprise", b"{not json", 400, "parcelles"),
    ("POST", "/sit/openads/dossiers/PC0384422600030/emprise", {"parcelles": []}, 400,
     "parcelles"),
    ("POST", "/sit/openads/dossiers/PC0384422600030/emprise", {"parcelles": ["AB 1"]}, 400,
     "AB 1"),
    ("POST", "/sit/openads/dossiers/PC0384422600030/emprise",
     {"parcelles": [AB1] * 20000}, 413, "65536"),      # the routes' limit
    ("POST", "/sit/openads/dossiers/PC0384422600030/emprise", b"x" * (2 << 20), 413,
     "1048576"),                                           # nginx's
    ("GET", "/sit/openads/dossiers/PC0384422600030/emprise", None, 405, "POST"),
    ("DELETE", "/sit/openads/parcelles/" + AB1, None, 405, "GET"),
    ("GET", "/sit/netads/impacts", None, 400, "IDU"),
    ("GET", "/sit/netads/impacts?IDU=38442000ZZ0099", None, 404, "38442000ZZ0099"),
    ("GET", "/sit/openads/nothing", None, 404, "/sit/openads/nothing"),
])
def test_bad_requests_get_clear_json_errors(site, method, path, body, status, needle):
    before = _count(site, "SELECT count(*) FROM ads_dossier")
    got, headers, raw = site.call(method, path, WRITER, body)
    assert got == status, raw
    assert headers["Content-Type"].startswith("application/json")
    error = json.loads(raw)["error"]
    assert error["status"] == status and needle in error["message"]
    assert "Traceback" not in error["message"]
    if status == 405:
        assert headers["Allow"] == needle
    assert _count(site, "SELECT count(*) FROM ads_dossier") == before


def _french(source):
    """`source`'s translation in the plugin's French catalogue (the .qm)."""
    from qgis.PyQt.QtCore import QTranslator
    from sit_chartreuse.core.i18n import CONTEXT
    from sit_chartreuse.server import translation
    translator = QTranslator()
    assert translator.load(translation.QM % "fr")
    text = translator.translate(CONTEXT, source)
    assert text and text != source, source
    return text


def test_messages_come_back_in_french(site):
    """The users are French: the server's messages (nginx's own too) are the
    plugin's French translation, whatever the machine's locale."""
    def message(*args, **kwargs):
        return json.loads(site.call(*args, **kwargs)[2])["error"]["message"]
    emprise = "/sit/openads/dossiers/PC0384422600031/emprise"
    assert message("POST", emprise, READER, {"parcelles": [AB3]}) == _french(
        "User {user} may read the SIT but not write it.").format(user="elus")
    assert message("GET", emprise) == _french(
        "Method {method} is not allowed here; use {allowed}.").format(method="GET",
                                                                      allowed="POST")
    assert message("GET", "/sit/openads/parcelles/" + AB1, ("elus", "wrong")) == _french(
        "Authentication required: give the user name and password of your SIT account.")
    assert message("POST", emprise, WRITER, b"x" * (2 << 20)) == _french(
        "The request body is over {n} bytes.").format(n=serve.MAX_BODY)


def test_the_language_is_a_setting(tmp_path, qgis_app):
    from qgis.PyQt.QtCore import QCoreApplication
    from sit_chartreuse.core.i18n import tr
    from sit_chartreuse.server import config, translation
    ini = tmp_path / "sit-server.ini"
    text = "[store]\nreader = a.gpkg\nwriter = a.gpkg\n[access]\nproxy_secret = s\n" \
           "[parcelles]\ndepartements = 38\n"
    ini.write_text(text)
    assert config.load(str(ini)).language == "fr"
    ini.write_text(text + "[server]\nlanguage = en\n")
    assert config.load(str(ini)).language == "en"
    assert translation.install("en") is None
    source = "No such SIT service: {path}."
    translator = translation.install("fr")
    try:
        assert tr(source) == _french(source)
    finally:
        QCoreApplication.removeTranslator(translator)


# --- NetADS ---------------------------------------------------------------------------

def test_netads_impacts_xml(site):
    for idu in (AB1, AB1[2:], "380" + AB1[2:]):
        status, headers, raw = site.call("GET", "/sit/netads/impacts?IDU=" + idu)
        assert status == 200 and headers["Content-Type"].startswith("application/xml")
        root = ET.fromstring(raw)
        assert root.tag == "IMPACTS"
        impacts = [{child.tag: child.text or "" for child in impact} for impact in root]
        assert all(list(i) == ["TYPE", "CODE", "SOUS_CODE", "ETIQUETTE", "LIBELLE",
                               "DESCRIPTION"] for i in impacts)
        assert [(i["TYPE"], i["LIBELLE"]) for i in impacts] == [
            ("ZONAGE", "UA"), ("PRESCRIPTION", "Haie"), ("PRESCRIPTION", "Arbre")]
        assert impacts[1]["CODE"] == "05" and impacts[1]["SOUS_CODE"] == "00"
        assert all(len(i[k]) <= 10 for i in impacts for k in ("CODE", "SOUS_CODE", "ETIQUETTE"))


def test_netads_impacts_escape_and_cut_long_values(site):
    conn = site.conn()
    try:
        with store.transaction(conn):
            idu = add_parcel(conn, "CD", 1, square(1000, 1000, 1100, 1100), insee="38185")
            conn.execute("INSERT INTO info_surf (libelle, typeinf, stypeinf, txt, geom) VALUES "
                         "(?, '08', '00', 'A < B & C', %s)" % db.dialect(conn).geom_from_wkb,
                         ("Risque <très> long " * 20, __import__("ads_helpers").wkb(
                             square(900, 900, 1200, 1200))))
    finally:
        conn.close()
    status, _, raw = site.call("GET", "/sit/netads/impacts?IDU=" + idu)
    impact = {c.tag: c.text for c in ET.fromstring(raw)[0]}
    assert impact["TYPE"] == "INFORMATION" and impact["DESCRIPTION"] == "A < B & C"
    assert impact["ETIQUETTE"] == "Risque <tr" and len(impact["LIBELLE"]) == 255


def test_netads_impacts_give_the_servitudes(site):
    from ads_helpers import add_assiette
    conn = site.conn()
    try:
        with store.transaction(conn):
            idu = add_parcel(conn, "CD", 2, square(3000, 3000, 3100, 3100), insee="38185")
            add_assiette(conn, "A5-1", "A5", square(2900, 2900, 3050, 3200))
    finally:
        conn.close()
    status, _, raw = site.call("GET", "/sit/netads/impacts?IDU=" + idu)
    impact = {c.tag: c.text for c in ET.fromstring(raw)[0]}
    assert (impact["TYPE"], impact["CODE"]) == ("SERVITUDE", "A5")
    assert impact["LIBELLE"] == "A5 – Canalisations publiques d'eau et d'assainissement"


# --- publication (WMS, OGC API Features) -------------------------------------------------

def test_wms_getmap_renders_the_catalogue(site):
    from qgis.PyQt.QtGui import QImage
    status, _, raw = site.call("GET", "/?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetCapabilities")
    assert status == 200
    names = re.findall(rb"<Name>([^<]+)</Name>", raw)
    for title in ("Zones du PLUi", "Parcelles cadastrales", "Prescriptions linéaires"):
        assert title.encode() in names
    layers = ",".join(urllib.parse.quote(n) for n in ("Zones du PLUi", "Parcelles cadastrales",
                                                      "Prescriptions linéaires"))
    status, headers, raw = site.call(
        "GET", "/?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=%s&STYLES=&CRS=EPSG:2154"
        "&BBOX=-60,-210,310,310&WIDTH=300&HEIGHT=400&FORMAT=image/png" % layers)
    assert status == 200 and headers["Content-Type"] == "image/png", raw[:300]
    image = QImage.fromData(raw, "PNG")
    colours = {image.pixel(x, y) for x in range(0, image.width(), 3)
               for y in range(0, image.height(), 3)}
    assert len(colours) >= 4   # zones of each type, parcels, lines: not a blank image


def test_ogc_api_features_with_the_ledger_functions(site):
    """A reader gets the catalogue as OGC API Features, with the hours the
    ledger's sit_hours() virtual field computes on the server."""
    collections = site.json("GET", "/wfs3/collections.json")["collections"]
    ids = {c["title"]: c["id"] for c in collections}
    assert {"Zones du PLUi", "Parcelles cadastrales"} <= set(ids)
    conn = site.conn()
    try:
        zone = conn.execute("SELECT uuid FROM zone_urba WHERE libelle = 'UA'").fetchone()[0]
        ticket = ledger.open_ticket(conn, "plui", "maintenance_corrective", "Limite de zone",
                                    layer="zone_urba", feature_uuid=zone)
        with store.transaction(conn):
            ledger.insert_time(conn, ticket, "2026-03-02", "2.5")
    finally:
        conn.close()
    items = site.json("GET", "/wfs3/collections/%s/items.json" % urllib.parse.quote(
        ids["Zones du PLUi"]))["features"]
    # Properties are named by the fields' aliases, as users see them in QGIS.
    label, hours = BY_NAME["zone_urba"].field("libelle").alias, tr("Time spent (h)")
    by_label = {f["properties"][label]: f["properties"] for f in items}
    assert set(by_label) == {"UA", "N", "A"}
    assert by_label["UA"][hours] == 2.5 and by_label["N"][hours] == 0


# --- PostgreSQL roles (written last: pytest runs it beside the PostgreSQL tests, on their server)

@pytest.mark.parametrize("site", ["postgres"], indirect=True)
def test_postgres_reads_as_the_reader_and_writes_as_the_writer(site):
    site.json("GET", "/sit/openads/parcelles/" + AB1, READER)
    site.json("POST", "/sit/openads/dossiers/PC0384422600013/emprise", WRITER,
              {"parcelles": [AB3]})
    conn = site.conn()
    try:
        users = {r[0] for r in conn.execute(
            "SELECT usename FROM pg_stat_activity WHERE datname = current_database()")}
    finally:
        conn.close()
    assert {site.logins["reader"], site.logins["writer"]} <= users


@pytest.mark.parametrize("site", ["postgres"], indirect=True)
def test_the_postgres_project_names_a_service_and_no_credentials(site):
    """The project QGIS Server reads from the schema: every layer names the
    service `sit` (each machine's pg_service.conf says who), no login."""
    import io
    import zipfile
    content = _count(site, "SELECT content FROM qgis_projects WHERE name = 'sit'")
    with zipfile.ZipFile(io.BytesIO(bytes(content))) as archive:
        qgs = next(archive.read(n) for n in archive.namelist() if n.endswith(".qgs"))
    sources = [layer.findtext("datasource") for layer in ET.fromstring(qgs).iter("maplayer")]
    assert sources and all("service='%s'" % SERVICE in s for s in sources), sources
    assert not [s for s in sources if re.search(r"\b(user|password|host)=", s)]
