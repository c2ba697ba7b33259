"""The page for élus and technicians at /sit/: its routes over real HTTP, and
the page itself in Debian's Chromium (headless, driven by Playwright, never
a browser of its own), on the real server of each backend
(tests/server_helpers.py). Its screenshot goes to test-artifacts/web-page.png.

The store: two square communes (test_settlement.COMMUNES), the default
agreement moved to start on 1 January 2025 (so that two years have begun),
and time known by hand (one day = 7 h = 420 min, 600 € a day):

- 2025: maintenance 4 d on 3 March at Saint-Laurent-du-Pont and 4 d on
  1 September at Saint-Pierre-d'Entremont; hosting 1 000 €;
- 2026: maintenance 8 d on 2 March (Saint-Laurent) and 4 d on 30 June
  (Saint-Pierre); hotline 1 d on 12 May, on no feature (transversal);
  hosting 600 €.

On 30 June 2026 (day 181 of 365), maintenance has used 12 of its 15 days
(80 %: the alert), 7 200 €; 2025 had half of its maintenance time by 30
June, so the seasonal projection doubles it: 24 d, 14 400 €. Training and
hotline, no past: linear, 420 × 365 / 181 = 846.96 min, 600 € +
426.96 min × 600 € / 420 = 1 209,94 €; hosting 600 € × 365 / 181 = 1 209,94 €.
"""
import datetime
import json
import os

import pytest

from conftest import BACKENDS, ROOT
from server_helpers import READER, WRITER, running_site
from test_settlement import DAY, Ledger

AT = "2026-06-30"
SAINT_LAURENT, SAINT_PIERRE = (915000, 6475000), (925000, 6475000)
CHROMIUM = "/usr/bin/chromium"
ARTIFACT = os.path.join(ROOT, "test-artifacts", "web-page.png")
# French formatting (Intl.NumberFormat('fr-FR')): narrow no-break space
# between thousands, no-break space before the euro sign.
NNBSP, NBSP = "\u202f", "\u00a0"


def euros(text):
    return text.replace(" ", NNBSP) + NBSP + "€"


def _fill(location):
    ledger = Ledger(location)
    conn = ledger.conn
    conn.execute("UPDATE convention SET start_date = '2025-01-01'")
    laurent, pierre = (ledger.feature(*xy) for xy in (SAINT_LAURENT, SAINT_PIERRE))
    for category, feature, xy, day, minutes in (
            ("maintenance_corrective", laurent, SAINT_LAURENT, "2025-03-03", 4 * DAY),
            ("maintenance_evolutive", pierre, SAINT_PIERRE, "2025-09-01", 4 * DAY),
            ("maintenance_corrective", laurent, SAINT_LAURENT, "2026-03-02", 8 * DAY),
            ("maintenance_evolutive", pierre, SAINT_PIERRE, "2026-06-30", 4 * DAY),
            ("hotline", None, None, "2026-05-12", DAY)):
        ledger.time(ledger.ticket(category, feature, xy), day, minutes)
    ledger.cost(2025, "1 000,00")
    ledger.cost(2026, "600,00")
    conn.close()


@pytest.fixture(scope="module", params=BACKENDS)
def site(request, tmp_path_factory, qgis_app):
    yield from running_site(request.param, tmp_path_factory, _fill)


# --- the routes -------------------------------------------------------------------

def test_consumption_json_in_exact_figures(site):
    body = site.json("GET", "/sit/suivi/consommation?annee=2026&au=" + AT)
    assert (body["annee"], body["date"], body["part_ecoulee"]) == (2026, AT, "0.4959")
    lines = {l["code"]: l for l in body["lignes"]}
    m = lines["maintenance"]
    assert (m["prevu_jours"], m["prevu_centimes"], m["consomme_jours"], m["consomme_centimes"],
            m["part"], m["reste_jours"], m["reste_centimes"]) == (
        "15.00", 900000, "12.00", 720000, "0.8000", "3.00", 180000)
    assert (m["projection_jours"], m["projection_centimes"], m["methode"], m["annees_lues"],
            m["etat"]) == ("24.00", 1440000, "seasonal", [2025], "reached_80")
    f = lines["formation"]
    assert (f["consomme_jours"], f["part"], f["projection_jours"], f["projection_centimes"],
            f["methode"]) == ("1.00", "0.5000", "2.02", 120994, "linear")
    h = lines["hebergement"]
    assert (h["prevu_jours"], h["consomme_centimes"], h["part"], h["projection_centimes"]) == (
        None, 60000, "0.6000", 120994)
    assert body["totaux"] == {"prevu_centimes": 1720000, "consomme_centimes": 840000,
                              "reste_centimes": 880000, "projection_centimes": 1681988}
    # Money is never a float of euros.
    assert not [k for l in body["lignes"] for k, v in l.items() if isinstance(v, float)]


def test_effort_geojson_per_commune(site):
    status, headers, raw = site.call("GET", "/sit/suivi/effort?annee=2026")
    assert status == 200 and headers["Content-Type"].startswith("application/geo+json")
    body = json.loads(raw)
    assert body["crs"]["properties"]["name"].endswith("EPSG::2154")
    by_name = {f["properties"]["nom"]: f for f in body["features"]}
    assert {n: (f["properties"]["jours"], f["properties"]["montant_centimes"])
            for n, f in by_name.items()} == {"Saint-Laurent-du-Pont": ("8.00", 480000),
                                             "Saint-Pierre-d'Entremont": ("4.00", 240000)}
    ring = by_name["Saint-Laurent-du-Pont"]["geometry"]["coordinates"][0][0]
    assert {tuple(p) for p in ring} == {(910000, 6470000), (920000, 6470000),
                                        (920000, 6480000), (910000, 6480000)}
    assert (body["transversal"]["jours"], body["transversal"]["montant_centimes"]) == (
        "1.00", 60000)
    assert body["hors_communes"]["minutes"] == 0


def test_context_names_the_years_and_the_wms_layers(site):
    body = site.json("GET", "/sit/suivi/contexte")
    assert body["annees"][:2] == [2025, 2026]
    apps = {a["code"]: a["couches"] for a in body["applications"]}
    assert set(apps) == {"pav", "reseaux", "plui", "ads"}
    # Spatial layers only, in WMS order (the first is drawn at the bottom).
    assert apps["pav"] == ["Composteurs partagés", "Points d'apport volontaire"]
    assert apps["ads"] == ["Dossiers d'urbanisme (Next'ADS)"]
    assert apps["plui"].index("Zones du PLUi") < apps["plui"].index("Prescriptions linéaires")
    assert body["emprise"] == [910000, 6470000, 930000, 6480000]


@pytest.mark.parametrize("path, content_type, needle", [
    ("/sit/", "text/html", b'<html lang="fr">'),
    ("/sit/static/sit.js", "text/javascript", b"Intl.NumberFormat(\"fr-FR\""),
    ("/sit/static/sit.css", "text/css", b"#carte"),
    ("/sit/static/ol.js", "text/javascript", b"var ol="),
    ("/sit/static/ol.css", "text/css", b".ol-"),
])
def test_the_page_and_its_files(site, path, content_type, needle):
    status, headers, raw = site.call("GET", path)
    assert status == 200 and headers["Content-Type"].startswith(content_type), raw[:200]
    assert needle in raw
    assert site.call("GET", path, auth=None)[0] == 401


@pytest.mark.parametrize("path", [
    "/sit/static/index.html", "/sit/static/ol-LICENSE.md", "/sit/static/vendor/ol.js",
    "/sit/static/..%2Froutes.py", "/sit/static/%2e%2e%2froutes.py",
    "/sit/static/..%2F..%2F__init__.py", "/sit/static/../routes.py",
    "/sit/static/%2Fetc%2Fpasswd", "/sit/static/%252e%252e%252froutes.py", "/sit/static/"])
def test_no_other_file_is_served(site, path):
    status, headers, raw = site.call("GET", path)
    assert status == 404, raw[:200]
    assert headers["Content-Type"].startswith("application/json")
    assert b"import" not in raw and b"root:" not in raw
    # nginx refuses a NUL byte itself.
    assert site.call("GET", "/sit/static/sit.js%00.css")[0] == 400


def test_the_years_offered_are_those_begun(store_location):
    """An agreement from 1 March 2025: its first year is offered from that day."""
    from sit_chartreuse.server import suivi
    ledger = Ledger(store_location)
    try:
        ledger.conn.execute("UPDATE convention SET start_date = '2025-03-01'")
        for today, years in ((datetime.date(2025, 2, 28), []),
                             (datetime.date(2025, 3, 1), [2025]),
                             (datetime.date(2026, 1, 1), [2025, 2026])):
            assert suivi.context(ledger.conn, today)["annees"] == years, today
    finally:
        ledger.conn.close()


@pytest.mark.parametrize("path", ["/sit/suivi/contexte", "/sit/suivi/consommation?annee=2026",
                                  "/sit/suivi/effort?annee=2026"])
def test_the_figures_are_read_only_and_need_credentials(site, path):
    for auth in (None, ("elus", "faux")):
        status, headers, _ = site.call("GET", path, auth)
        assert status == 401 and "Basic" in headers["WWW-Authenticate"]
    for writer in (READER, WRITER):   # nobody writes here, the writer neither
        status, headers, raw = site.call("POST", path, writer, body={})
        assert status == 405 and headers["Allow"] == "GET", raw


@pytest.mark.parametrize("path, status, needle", [
    ("/sit/suivi/consommation?annee=26", 400, "annee="),
    ("/sit/suivi/consommation?annee=2026&au=30/06/2026", 400, "30/06/2026"),
    ("/sit/suivi/consommation?annee=2026&au=2026-02-30", 400, "2026-02-30"),
    ("/sit/suivi/effort?annee=deux", 400, "deux"),
    ("/sit/suivi/consommation?annee=2031", 404, "2031"),
    ("/sit/suivi/effort?annee=2024", 404, "2024"),
    ("/sit/suivi/consommation?annee=2026&au=2025-12-31", 404, "2026"),
])
def test_bad_figures_requests(site, path, status, needle):
    got, _, raw = site.call("GET", path)
    assert got == status, raw
    assert needle in json.loads(raw)["error"]["message"]


# --- the page in Chromium -----------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    if not os.path.exists(CHROMIUM):
        pytest.fail("%s is missing: scripts/setup.sh test installs Debian's chromium" % CHROMIUM)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield browser
        browser.close()


def _open(browser, site, query):
    context = browser.new_context(http_credentials={"username": READER[0],
                                                    "password": READER[1]},
                                  viewport={"width": 1200, "height": 900}, locale="fr-FR")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site.url + "/sit/" + query)
    _wait_loaded(page)
    return context, page, errors


def _wait_loaded(page, year=None):
    page.wait_for_function(
        "document.body.dataset.etat === 'pret' && document.body.dataset.carte === 'pret'"
        + (" && document.body.dataset.annee === '%s'" % year if year else ""), timeout=60000)


def _rows(page, table):
    """{row header: [cell texts]} of a table of the page."""
    return page.eval_on_selector_all(
        "#%s tbody tr" % table,
        "rows => Object.fromEntries(rows.map(r => [r.querySelector('th').textContent, "
        "Array.from(r.querySelectorAll('td'), td => td.textContent)]))")


def _map_colours(page):
    """The distinct colours (r, g, b) of the map as drawn on screen (a
    screenshot, read by QImage)."""
    from qgis.PyQt.QtGui import QColor, QImage
    image = QImage.fromData(page.locator("#carte").screenshot(), "PNG")
    return {QColor(image.pixel(x, y)).getRgb()[:3] for x in range(0, image.width(), 2)
            for y in range(0, image.height(), 2)}


def _drawn(colours, fill, opacity=0.6, background=(0xfa, 0xfa, 0xf7)):
    """Whether `fill` (#rrggbb), see-through at `opacity` over the map's
    background, is among `colours` (to a rounding of the blend)."""
    rgb = [int(fill[i:i + 2], 16) for i in (1, 3, 5)]
    blend = [opacity * c + (1 - opacity) * b for c, b in zip(rgb, background)]
    return any(all(abs(c - e) <= 3 for c, e in zip(colour, blend)) for colour in colours)


def test_the_page_shows_the_agreement_the_map_and_the_effort(site, browser):
    context, page, errors = _open(browser, site, "?au=" + AT)
    try:
        assert page.title() == "Suivi de la convention SIT – Cœur de Chartreuse"
        assert page.get_attribute("html", "lang") == "fr"
        assert page.eval_on_selector("#annee", "s => s.value") == "2026"
        assert page.text_content("#erreur") == "" and page.is_hidden("#erreur")
        lines = _rows(page, "consommation")
        maintenance = next(v for k, v in lines.items() if k.startswith("Maintenance corrective"))
        assert maintenance[:9] == ["15 j", euros("9 000,00"), "12 j", euros("7 200,00"),
                                   "80" + NBSP + "%", euros("1 800,00"), "24 j",
                                   euros("14 400,00"), "saisonnière (2025)"]
        assert maintenance[9] == "80" + NBSP + "% atteints"
        hosting = next(v for k, v in lines.items() if k.startswith("Maintenance et hébergement"))
        assert hosting[:9] == ["—", euros("1 000,00"), "—", euros("600,00"), "60" + NBSP + "%",
                               euros("400,00"), "—", euros("1 209,94"), "linéaire"]
        totals = page.eval_on_selector_all("#consommation tfoot td",
                                           "cells => cells.map(c => c.textContent)")
        assert [t for t in totals if t] == [euros("17 200,00"), euros("8 400,00"),
                                            euros("8 800,00"), euros("16 819,88")]
        assert page.locator("#barres li").count() == 4
        effort = _rows(page, "effort")
        assert effort == {"Saint-Laurent-du-Pont": ["8 j", euros("4 800,00")],
                          "Saint-Pierre-d'Entremont": ["4 j", euros("2 400,00")],
                          "Transversal (travail sur les applications)": ["1 j",
                                                                         euros("600,00")]}
        legend = page.eval_on_selector_all("#legende-effort li", "l => l.map(i => i.textContent)")
        assert legend == ["aucun jour", "de 0 à 2 j", "de 2 à 4 j", "de 4 à 6 j", "de 6 à 8 j",
                          "de 8 à 10 j"]
        assert page.locator("#legende-applications li").count() == 4
        # Drawn: the communes in the colour of their class (8 d: "de 6 à 8 j",
        # 4 d: "de 2 à 4 j"), and the four applications' WMS images loaded.
        colours = _map_colours(page)
        assert _drawn(colours, "#31a354") and _drawn(colours, "#addd8e")
        assert not _drawn(colours, "#006837")   # the class of 8 to 10 days: no commune
        assert page.evaluate("document.body.dataset.images") == "4"
        os.makedirs(os.path.dirname(ARTIFACT), exist_ok=True)
        page.screenshot(path=ARTIFACT, full_page=True)
        assert not errors
    finally:
        context.close()


def test_the_year_selector_changes_the_figures(site, browser):
    context, page, errors = _open(browser, site, "?au=" + AT)
    try:
        page.select_option("#annee", "2025")
        _wait_loaded(page, 2025)
        lines = _rows(page, "consommation")
        maintenance = next(v for k, v in lines.items() if k.startswith("Maintenance corrective"))
        # The whole of 2025: 8 d, 4 800 €; its projection is what was used.
        assert maintenance[2:4] == ["8 j", euros("4 800,00")]
        assert maintenance[6:8] == ["8 j", euros("4 800,00")]
        assert _rows(page, "effort") == {
            "Saint-Laurent-du-Pont": ["4 j", euros("2 400,00")],
            "Saint-Pierre-d'Entremont": ["4 j", euros("2 400,00")],
            "Transversal (travail sur les applications)": ["0 j", euros("0,00")]}
        assert page.text_content("#date-chiffres") == "Chiffres au 31 décembre 2025"
        assert "(du 1er janvier 2025 au 31 décembre 2025)" in page.text_content("#part-ecoulee")
        assert not errors
    finally:
        context.close()


def test_without_credentials_the_page_is_refused(site, browser):
    """Chromium gets a 401, nothing else (it may also abandon the navigation,
    having no credentials to give)."""
    from playwright.sync_api import Error
    for credentials in (None, {"username": "elus", "password": "faux"}):
        context = browser.new_context(http_credentials=credentials)
        try:
            page = context.new_page()
            answers = []
            page.on("response", lambda r: answers.append((r.status, r.headers)))
            try:
                page.goto(site.url + "/sit/")
            except Error as e:
                assert "ERR_INVALID_AUTH_CREDENTIALS" in str(e)
            assert answers and {status for status, _ in answers} == {401}
            assert "Basic" in answers[0][1]["www-authenticate"]
        finally:
            context.close()


def test_a_page_file_not_installed_says_how_to_install_it(tmp_path, qgis_app):
    """A checkout where set-up has not copied the npm files: 503 and the
    command, not an internal error."""
    from sit_chartreuse.server import routes
    with pytest.raises(routes.HttpError) as raised:
        routes._read(str(tmp_path), "vendor/ol.js")
    assert raised.value.status == 503
    assert "vendor/ol.js" in raised.value.message and "make setup-serve" in raised.value.message
