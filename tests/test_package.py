"""The plugin zip (`make package`), the plugins.xml of a private plugin
repository, the security scan the QGIS plugin repository runs, and the
installation into a QGIS profile."""
import configparser
import json
import os
import re
import subprocess
import sys
import warnings
import zipfile
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

from conftest import ROOT

sys.path.insert(0, os.path.join(ROOT, "scripts"))
import install_plugin  # noqa: E402
import package  # noqa: E402

# The categories QGIS's plugin manager and repository know (PyQGIS cookbook,
# metadata.txt).
CATEGORIES = {"Raster", "Vector", "Database", "Mesh", "Web"}
# Mandatory in metadata.txt for the QGIS plugin repository.
MANDATORY = ("name", "qgisMinimumVersion", "description", "about", "version", "author",
             "email", "repository")


@pytest.fixture(scope="module")
def plugin_zip(tmp_path_factory):
    return package.build(str(tmp_path_factory.mktemp("dist") / "sit_chartreuse.zip"))


def test_zip_content(plugin_zip):
    with zipfile.ZipFile(plugin_zip) as z:
        names = z.namelist()
    assert all(n.startswith("sit_chartreuse/") for n in names)
    for required in ("metadata.txt", "__init__.py", "__about__.py", "icon.svg",
                     "i18n/sit_chartreuse_fr.qm", "processing/provider.py",
                     "core/referential/referential.py", "core/schema/codelists/raepa.csv",
                     "LICENSE", "CHANGELOG.md", "server/web/index.html", "server/web/sit.js",
                     # The /sit/ page's OpenLayers, from npm (not in git).
                     "server/web/vendor/ol.js", "server/web/vendor/ol.css",
                     "server/web/vendor/ol-LICENSE.md"):
        assert "sit_chartreuse/" + required in names, required
    with zipfile.ZipFile(plugin_zip) as z:
        assert z.read("sit_chartreuse/server/web/vendor/ol.js").startswith(b"var ol=")
    parts = {p for n in names for p in n.split("/")[1:-1]}
    assert not parts & {"tests", ".ci", "bench", "scripts", "demo", "__pycache__", ".git",
                        "node_modules"}
    assert not [n for n in names if n.startswith("sit_chartreuse/web/")]
    assert not [n for n in names if n.endswith((".pyc", ".gpkg", "Makefile", ".gitignore"))]


def test_no_zip_without_the_page_javascript(tmp_path, monkeypatch):
    """Without the npm files (scripts/setup.sh not run), no zip whose page
    would lack its map: a clear refusal instead."""
    monkeypatch.setattr(package, "VENDOR", "server/web/not-installed")
    with pytest.raises(package.PackageError, match="server/web/not-installed/ol.js.*npm ci"):
        package.build(str(tmp_path / "sit_chartreuse.zip"))
    assert not os.listdir(tmp_path)


def _zip_metadata(plugin_zip):
    """The zip's metadata.txt: its text, and its values read as QGIS reads them
    (configparser with its default interpolation)."""
    with zipfile.ZipFile(plugin_zip) as z:
        text = z.read("sit_chartreuse/metadata.txt").decode("utf-8")
    meta = configparser.ConfigParser()
    meta.read_string(text)
    return text, meta["general"]


def _installer_data():
    """QGIS's plugin manager (pyplugin_installer), which ships in QGIS's python folder."""
    from qgis.core import QgsApplication
    path = os.path.join(QgsApplication.pkgDataPath(), "python")
    if path not in sys.path:
        sys.path.append(path)
    from pyplugin_installer import installer_data
    return installer_data


def _installed_by_qgis(plugin_zip, folder):
    """The plugin's entry as QGIS's plugin manager reads an installed copy."""
    with zipfile.ZipFile(plugin_zip) as z:
        z.extractall(folder)
    path = os.path.join(str(folder), package.PLUGIN)
    return _installer_data().plugins.getInstalledPlugin(package.PLUGIN, path, False)


def _fetched_by_qgis(plugins_xml):
    """The plugins QGIS's plugin manager lists from a repository serving `plugins_xml`
    (fetched through QGIS's network manager, parsed by QGIS's own code)."""
    from qgis.PyQt.QtCore import QEventLoop, QTimer, QUrl
    data = _installer_data()
    key = "sit-test-repository"
    repositories = data.Repositories()
    # One repository as Repositories.load() makes it from QGIS's settings (left alone here).
    repositories.mRepositories[key] = {
        "url": QUrl.fromLocalFile(plugins_xml).toString(), "authcfg": "", "enabled": True,
        "valid": True, "Relay": data.Relay(key), "xmlData": None,
        "state": data.Repositories.STATE_DISABLED, "error": ""}
    loop = QEventLoop()
    repositories.repositoryFetched.connect(loop.quit)
    QTimer.singleShot(60000, loop.quit)
    repositories.requestFetching(key)
    loop.exec()
    state = repositories.mRepositories[key]
    assert state["state"] == data.Repositories.STATE_LOADED, state["error"]
    try:
        return data.plugins.repoCache.get(key, [])
    finally:
        data.plugins.removeRepository(key)


def test_metadata(plugin_zip, tmp_path):
    """The zip's metadata.txt as the QGIS plugin repository wants it, read by QGIS."""
    from sit_chartreuse import __about__
    text, general = _zip_metadata(plugin_zip)
    for key in MANDATORY:
        assert general.get(key, "").strip(), key
    assert general["qgisMinimumVersion"] == "3.22"
    assert general["qgisMaximumVersion"] == "4.99"
    assert general["category"] in CATEGORIES
    assert general["hasProcessingProvider"] == "yes"
    assert general["version"] == __about__.VERSION
    # The URLs are the deployment's, and only those.
    urls = package.read_deployment(package.DEPLOYMENT)
    assert [general[k] for k in package.URL_KEYS] == [urls[k] for k in package.URL_KEYS]
    assert "example.invalid" not in text
    hosts = {urlsplit(u).hostname for u in re.findall(r"https?://[^\s\"'<>]+", text)}
    assert hosts and hosts <= {urlsplit(u).hostname for u in urls.values()}

    plugin = _installed_by_qgis(plugin_zip, tmp_path)
    assert plugin["error"] == "", plugin["error_details"]   # readable, fits this QGIS
    assert plugin["version_installed"] == __about__.VERSION
    assert plugin["category"] == general["category"]
    assert (plugin["homepage"], plugin["code_repository"], plugin["tracker"]) == (
        urls["homepage"], urls["repository"], urls["tracker"])
    # Offered to QGIS 4 (a missing maximum reads as 3.99), not to a QGIS 5.
    from pyplugin_installer.version_compare import isCompatible
    assert isCompatible("4.2.0", general["qgisMinimumVersion"], general["qgisMaximumVersion"])
    assert not isCompatible("5.0.0", general["qgisMinimumVersion"],
                            general["qgisMaximumVersion"])


def test_license(plugin_zip):
    with zipfile.ZipFile(plugin_zip) as z:
        license_text = z.read("sit_chartreuse/LICENSE").decode("utf-8")
    assert "GNU GENERAL PUBLIC LICENSE\n                       Version 2, June 1991" in license_text
    assert "either version 2 of the License, or (at your option) any later" in license_text
    assert "END OF TERMS AND CONDITIONS" in license_text
    _, general = _zip_metadata(plugin_zip)
    assert "GNU General Public License, version 2 or later" in general["about"]


def test_changelog_from_changelog_md(plugin_zip, tmp_path):
    """metadata.txt's changelog is CHANGELOG.md's sections, newest first, the first
    one being metadata.txt's version."""
    from sit_chartreuse import __about__
    with open(os.path.join(ROOT, "CHANGELOG.md"), encoding="utf-8") as f:
        lines = [line.strip() for line in f]
    first = next(i for i, line in enumerate(lines) if line.startswith("## "))
    expected = [line[3:] if line.startswith("## ") else line for line in lines[first:] if line]
    assert expected[0].split()[0] == __about__.VERSION
    assert "0.1.0" in expected
    plugin = _installed_by_qgis(plugin_zip, tmp_path)
    assert plugin["changelog"].splitlines() == expected


@pytest.mark.parametrize("changelog, message", [
    ("# Journal\n\n## 9.9.9\n\n- plus tard\n", "newest section is '9.9.9'"),
    ("# Journal\n\nRien encore.\n", "no version section"),
])
def test_changelog_refused(tmp_path, changelog, message):
    path = tmp_path / "CHANGELOG.md"
    path.write_text(changelog, encoding="utf-8")
    urls = package.read_deployment(package.DEPLOYMENT)
    with pytest.raises(package.PackageError) as error:
        package.packaged_metadata(urls, str(path))
    assert str(path) in str(error.value) and message in str(error.value)


def test_plugins_xml_read_by_qgis(plugin_zip):
    """plugins.xml lists the plugin in QGIS's plugin manager with metadata.txt's facts."""
    _, general = _zip_metadata(plugin_zip)
    urls = package.read_deployment(package.DEPLOYMENT)
    xml = os.path.join(os.path.dirname(plugin_zip), "plugins.xml")
    found = _fetched_by_qgis(xml)
    assert [p["id"] for p in found] == [package.PLUGIN]   # and fits this QGIS
    expected = {
        "name": general["name"], "version_available": general["version"],
        "description": general["description"], "about": general["about"],
        "author_name": general["author"], "homepage": general["homepage"],
        "tracker": general["tracker"], "code_repository": general["repository"],
        "tags": general["tags"], "category": general["category"],
        "changelog": general["changelog"], "download_url": urls["download_url"],
        "filename": "sit_chartreuse.zip", "experimental": False, "deprecated": False}
    assert {k: found[0][k] for k in expected} == expected
    assert found[0]["create_date"] <= found[0]["update_date"]
    node = ElementTree.parse(xml).getroot().find("pyqgis_plugin")
    assert node.findtext("qgis_minimum_version") == general["qgisMinimumVersion"]
    assert node.findtext("qgis_maximum_version") == general["qgisMaximumVersion"]
    assert node.findtext("server") == general["server"]


# Another deployment's URLs (an & and a percent-encoding among them).
OTHER = {"homepage": "https://sig.coeur-de-chartreuse.fr/sit/r%C3%A9seaux",
         "repository": "https://forge.coeur-de-chartreuse.fr/sit/sit-chartreuse",
         "tracker": "https://forge.coeur-de-chartreuse.fr/sit/issues?projet=sit&etat=ouvert",
         "download_url": "https://sig.coeur-de-chartreuse.fr/qgis/sit_chartreuse.0.2.0.zip"}


def _deployment(path, urls):
    path.write_text("[deployment]\n" + "".join("%s = %s\n" % kv for kv in urls.items()),
                    encoding="utf-8")
    return str(path)


def test_deployment_sets_the_urls(tmp_path):
    """Another deployment's file gives the zip's metadata.txt and plugins.xml its
    URLs, and none of the Park's."""
    ini = _deployment(tmp_path / "deployment.ini", OTHER)
    plugin_zip = package.build(str(tmp_path / "dist" / "sit.zip"), ini)
    text, general = _zip_metadata(plugin_zip)
    assert {k: general[k] for k in package.URL_KEYS} == {k: OTHER[k] for k in package.URL_KEYS}
    xml = str(tmp_path / "dist" / "plugins.xml")
    with open(xml, encoding="utf-8") as f:
        assert "sit.parc-chartreuse.net" not in text + f.read()
    (plugin,) = _fetched_by_qgis(xml)
    assert (plugin["id"], plugin["filename"]) == ("sit_chartreuse", "sit_chartreuse.0.2.0.zip")
    assert [plugin[k] for k in ("homepage", "code_repository", "tracker", "download_url")] == [
        OTHER[k] for k in ("homepage", "repository", "tracker", "download_url")]


@pytest.mark.parametrize("change, message", [
    ({"tracker": None}, "tracker must be an http or https URL, not ''"),
    ({"homepage": "https://example.invalid/sit-chartreuse"}, "homepage is on example.invalid"),
    ({"repository": "https://git.example.com/sit"}, "repository is on git.example.com"),
    ({"tracker": "ftp://forge.coeur-de-chartreuse.fr/issues"},
     "tracker must be an http or https URL"),
    ({"download_url": "https://sig.coeur-de-chartreuse.fr/qgis/sit.zip"},
     "download_url must name a file sit_chartreuse.zip"),
])
def test_bad_deployment_refused(tmp_path, change, message):
    """A deployment file the plugin repository would reject is refused, naming the
    file and the key, and nothing is written."""
    ini = _deployment(tmp_path / "deployment.ini",
                      {k: v for k, v in dict(OTHER, **change).items() if v is not None})
    output = tmp_path / "dist" / "sit_chartreuse.zip"
    with pytest.raises(package.PackageError) as error:
        package.build(str(output), ini)
    assert ini in str(error.value) and message in str(error.value)
    run = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "package.py"),
                          "--deployment", ini, str(output)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode != 0 and message in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "dist").exists()


def test_security_scan(plugin_zip, tmp_path):
    """bandit on the zip's content, as the QGIS plugin repository scans an upload
    (`bandit -r -ll`: medium and high severity): no high-severity finding; the
    medium ones are listed as a warning."""
    with zipfile.ZipFile(plugin_zip) as z:
        shipped = sorted(n for n in z.namelist() if n.endswith(".py"))
        z.extractall(tmp_path)
    run = subprocess.run([sys.executable, "-m", "bandit", "-r", ".", "-f", "json", "-q", "-ll"],
                         cwd=str(tmp_path), capture_output=True, text=True, timeout=600)
    if "No module named bandit" in run.stderr:
        pytest.fail("bandit is not installed: pip install bandit (requirements-dev.txt)")
    report = json.loads(run.stdout)
    assert not report["errors"], report["errors"]
    scanned = sorted(os.path.relpath(f, ".") for f in report["metrics"] if f != "_totals")
    assert scanned == shipped
    findings = {}
    for r in report["results"]:
        where = "%s:%d" % (os.path.relpath(r["filename"], "."), r["line_number"])
        findings.setdefault(r["issue_severity"], []).append(
            "%s %s (%s) %s" % (where, r["test_id"], r["test_name"], r["issue_text"]))
    if findings.get("MEDIUM"):
        warnings.warn("bandit, %d medium-severity findings:\n%s"
                      % (len(findings["MEDIUM"]), "\n".join(findings["MEDIUM"])), stacklevel=1)
    assert not findings.get("HIGH"), "bandit, high severity:\n" + "\n".join(findings["HIGH"])

def test_install_replaces_and_enables(plugin_zip, tmp_path):
    profile = str(tmp_path / "profile")
    ini = os.path.join(profile, "QGIS", "QGIS3.ini")
    os.makedirs(os.path.dirname(ini))
    with open(ini, "w", encoding="utf-8") as f:
        f.write("[PythonPlugins]\nprocessing=true\nsit_chartreuse=false\n\n[qgis]\nx=1\n")
    stale = os.path.join(profile, "python", "plugins", "sit_chartreuse", "stale.py")
    os.makedirs(os.path.dirname(stale))
    open(stale, "w").close()
    target = install_plugin.install(plugin_zip, profile)
    assert not os.path.exists(stale)
    assert os.path.isfile(os.path.join(target, "metadata.txt"))
    settings = configparser.ConfigParser(interpolation=None)
    settings.read(ini, encoding="utf-8")
    assert settings["PythonPlugins"]["sit_chartreuse"] == "true"
    assert settings["PythonPlugins"]["processing"] == "true" and settings["qgis"]["x"] == "1"
    # The installed copy stands on its own: the provider and its algorithms load.
    code = ("import sys; sys.path.insert(0, %r)\n"
            "from qgis.core import QgsApplication\n"
            "app = QgsApplication([], False); app.initQgis()\n"
            "import sit_chartreuse\n"
            "assert sit_chartreuse.__file__.startswith(%r)\n"
            "from sit_chartreuse.processing.provider import SitChartreuseProvider\n"
            "p = SitChartreuseProvider(); QgsApplication.processingRegistry().addProvider(p)\n"
            "print(sorted(a.name() for a in p.algorithms()))\n"
            % (os.path.dirname(target), target))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run([sys.executable, "-c", code], cwd=str(tmp_path), env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "createstore" in run.stdout and "updatecommunes" in run.stdout


def test_no_algorithm_hides_qgis_run():
    """processing.run() and the toolbox call QgsProcessingAlgorithm.run(parameters,
    context, feedback, configuration, catchExceptions): an algorithm's own
    `run` must not hide it (processing/base.py moves the hook aside)."""
    from qgis.core import QgsProcessingAlgorithm
    from sit_chartreuse.processing.provider import ALGORITHMS
    for algorithm in ALGORITHMS:
        mro = algorithm.__mro__
        python_classes = mro[:mro.index(QgsProcessingAlgorithm)]
        assert not [c for c in python_classes if "run" in vars(c)], algorithm.__name__
