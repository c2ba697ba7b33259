"""`make package`: the plugin zip a user installs with QGIS's "Install from ZIP",
and beside it the plugins.xml of the private plugin repository that serves it.

The zip holds one top folder `sit_chartreuse/` with the files git knows
(tracked, or new and not ignored), minus those marked `export-ignore` in
.gitattributes (tests, CI, benchmarks, scripts...), plus the compiled
translations `i18n/*.qm` and the /sit/ page's JavaScript from npm
(`server/web/vendor/`, copied there by scripts/setup.sh; not in git). Its
metadata.txt is the repository's plus the URLs a deployment sets
(scripts/deployment.ini, or --deployment FILE) and the changelog taken from
CHANGELOG.md. plugins.xml is made from that metadata.txt.

Usage: package.py [--deployment FILE] [output.zip]
"""
import argparse
import configparser
import glob
import os
import subprocess
import sys
import zipfile
from urllib.parse import urlsplit
from xml.etree import ElementTree

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLUGIN = "sit_chartreuse"
METADATA = os.path.join(ROOT, "metadata.txt")
CHANGELOG = os.path.join(ROOT, "CHANGELOG.md")
DEPLOYMENT = os.path.join(ROOT, "scripts", "deployment.ini")
URL_KEYS = ("homepage", "repository", "tracker")
# What metadata.txt must give: the QGIS plugin repository's mandatory keys
# (repository comes from the deployment) and what plugins.xml tells.
REQUIRED = ("name", "qgisMinimumVersion", "qgisMaximumVersion", "description", "about",
            "version", "author", "email", "category", "tags", "experimental", "deprecated",
            "server")
# Host names that never resolve on the Internet (RFC 2606, RFC 6761): the
# plugin repository refuses a plugin whose URLs cannot be reached.
# What scripts/setup.sh copies from npm for the /sit/ page (server/routes.py serves it).
VENDOR = "server/web/vendor"
VENDOR_FILES = ("ol.js", "ol.css", "ol-LICENSE.md")
RESERVED_HOSTS = ("invalid", "example", "test", "localhost",
                  "example.com", "example.net", "example.org")


class PackageError(Exception):
    """Input that cannot be packaged; the message names the file."""


def _git(*args, stdin=None):
    return subprocess.run(["git", *args], cwd=ROOT, input=stdin, check=True,
                          capture_output=True, text=True).stdout


def plugin_files():
    """Repository-relative paths of the files shipped in the plugin."""
    files = [f for f in _git("ls-files", "--cached", "--others", "--exclude-standard",
                             "-z").split("\0")
             if f and os.path.isfile(os.path.join(ROOT, f))]
    # As with `git archive`, a file is left out when it or one of its folders
    # is export-ignore. `git check-attr --stdin -z` answers path NUL attribute
    # NUL value NUL, per path.
    paths = sorted({"/".join(f.split("/")[:i + 1]) for f in files
                    for i in range(f.count("/") + 1)})
    answer = _git("check-attr", "--stdin", "-z", "export-ignore",
                  stdin="\0".join(paths) + "\0").split("\0")
    ignored = {answer[i] for i in range(0, len(answer) - 2, 3) if answer[i + 2] == "set"}
    files = [f for f in files
             if not any("/".join(f.split("/")[:i + 1]) in ignored
                        for i in range(f.count("/") + 1))
             and "__pycache__" not in f.split("/") and not f.endswith(".pyc")]
    qm = sorted(os.path.relpath(p, ROOT) for p in glob.glob(os.path.join(ROOT, "i18n", "*.qm")))
    vendor = ["%s/%s" % (VENDOR, name) for name in VENDOR_FILES]
    missing = [f for f in vendor if not os.path.isfile(os.path.join(ROOT, f))]
    if missing:
        raise PackageError("%s missing: scripts/setup.sh installs them (npm ci in web/)"
                           % ", ".join(missing))
    return sorted(set(files) | set(qm) | set(vendor))


def _read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except (OSError, UnicodeError) as e:
        raise PackageError("%s: %s" % (path, e)) from None


def read_deployment(path):
    """The deployment's URLs: homepage, repository, tracker, download_url."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(_read(path), source=path)
    except configparser.Error as e:
        raise PackageError(str(e)) from None
    urls = {}
    for key in URL_KEYS + ("download_url",):
        value = parser.get("deployment", key, fallback="").strip()
        try:
            parts = urlsplit(value)
            host = (parts.hostname or "").rstrip(".")
        except ValueError:
            parts, host = None, ""
        if not parts or parts.scheme not in ("http", "https") or not host:
            raise PackageError("%s: [deployment] %s must be an http or https URL, not %r"
                               % (path, key, value))
        if any(host == h or host.endswith("." + h) for h in RESERVED_HOSTS):
            raise PackageError("%s: [deployment] %s is on %s, a host name that is never "
                               "reachable" % (path, key, host))
        urls[key] = value
    # QGIS names an available plugin after the downloaded file, up to its first dot.
    name = os.path.basename(urlsplit(urls["download_url"]).path)
    if name.partition(".")[0] != PLUGIN or not name.endswith(".zip"):
        raise PackageError("%s: [deployment] download_url must name a file %s.zip "
                           "(or %s.<anything>.zip), not %r" % (path, PLUGIN, PLUGIN, name))
    return urls


def changelog_lines(path=CHANGELOG):
    """CHANGELOG.md as the plain lines of metadata.txt's changelog: each `## `
    heading (a version) followed by its non-empty lines; what precedes the first
    heading is the file's own introduction."""
    lines = []
    for line in _read(path).splitlines():
        line = line.strip()
        if line.startswith("## "):
            lines.append(line[3:].strip())
        elif line and lines:
            lines.append(line)
    if not lines:
        raise PackageError("%s: no version section (## <version>)" % path)
    return lines


def packaged_metadata(urls, changelog=CHANGELOG):
    """metadata.txt as shipped: the repository's, plus the deployment's URLs and
    the changelog. The repository's copy must leave those to this function."""
    text = _read(METADATA)
    meta = configparser.ConfigParser(interpolation=None)
    try:
        meta.read_string(text, source=METADATA)
    except configparser.Error as e:
        raise PackageError(str(e)) from None
    if meta.sections() != ["general"]:
        raise PackageError("%s: only a [general] section is expected (package.py adds "
                           "keys at its end)" % METADATA)
    missing = [k for k in REQUIRED if not meta["general"].get(k, "").strip()]
    if missing:
        raise PackageError("%s: %s missing" % (METADATA, ", ".join(missing)))
    written_here = [k for k in URL_KEYS + ("changelog",) if k in meta["general"]]
    if written_here:
        raise PackageError("%s: %s set by scripts/package.py (deployment file and %s), "
                           "not here" % (METADATA, ", ".join(written_here), changelog))
    log = changelog_lines(changelog)
    version = meta["general"]["version"]
    if log[0].split()[0] != version:
        raise PackageError("%s: its newest section is %r, metadata.txt's version is %s"
                           % (changelog, log[0], version))
    # QGIS reads metadata.txt with configparser's interpolation: % is written %%.
    added = ["%s=%s" % (k, urls[k].replace("%", "%%")) for k in URL_KEYS]
    added.append("changelog=" + "\n    ".join(line.replace("%", "%%") for line in log))
    return text.rstrip("\n") + "\n" + "\n".join(added) + "\n"


def plugins_xml(metadata_text, download_url):
    """The plugins.xml QGIS's plugin manager reads from a plugin repository,
    for this one plugin, made from the packaged metadata.txt."""
    meta = configparser.ConfigParser()   # read as QGIS reads it
    meta.read_string(metadata_text)
    general = meta["general"]
    created = min(_git("log", "--max-parents=0", "--format=%cI", "HEAD").split())
    updated = _git("log", "-1", "--format=%cI", "HEAD").strip()
    root = ElementTree.Element("plugins")
    plugin = ElementTree.SubElement(root, "pyqgis_plugin", name=general["name"],
                                    version=general["version"])
    for tag, value in (
            ("description", general["description"]),
            ("about", general["about"]),
            ("version", general["version"]),
            ("qgis_minimum_version", general["qgisMinimumVersion"]),
            ("qgis_maximum_version", general["qgisMaximumVersion"]),
            ("homepage", general["homepage"]),
            ("file_name", os.path.basename(urlsplit(download_url).path)),
            ("author_name", general["author"]),
            ("download_url", download_url),
            ("uploaded_by", general["author"]),
            ("create_date", created),
            ("update_date", updated),
            ("experimental", general["experimental"]),
            ("deprecated", general["deprecated"]),
            ("tracker", general["tracker"]),
            ("repository", general["repository"]),
            ("tags", general["tags"]),
            ("category", general["category"]),
            ("server", general["server"]),
            ("changelog", general["changelog"])):
        ElementTree.SubElement(plugin, tag).text = value   # escaped by ElementTree
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _write(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def build(output, deployment=DEPLOYMENT):
    """Write the zip at `output` and plugins.xml beside it; return the zip's path.
    Bad input raises PackageError before anything is written."""
    urls = read_deployment(deployment)
    metadata = packaged_metadata(urls)
    xml = plugins_xml(metadata, urls["download_url"])
    files = plugin_files()
    output = os.path.abspath(output)
    os.makedirs(os.path.dirname(output), exist_ok=True)
    tmp = output + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for f in files:
            if f == "metadata.txt":
                z.writestr("%s/%s" % (PLUGIN, f), metadata)
            else:
                z.write(os.path.join(ROOT, f), "%s/%s" % (PLUGIN, f))
    os.replace(tmp, output)
    _write(os.path.join(os.path.dirname(output), "plugins.xml"), xml)
    return output


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", nargs="?", default=os.path.join(ROOT, "dist", PLUGIN + ".zip"))
    parser.add_argument("--deployment", default=DEPLOYMENT,
                        help="deployment settings (default: scripts/deployment.ini)")
    args = parser.parse_args(argv)
    try:
        path = build(args.output, args.deployment)
    except PackageError as e:
        sys.exit("package.py: %s" % e)
    with zipfile.ZipFile(path) as z:
        print("Plugin package: %s (%d files)" % (path, len(z.namelist())))
    print("Plugin repository: %s" % os.path.join(os.path.dirname(path), "plugins.xml"))


if __name__ == "__main__":
    main()
