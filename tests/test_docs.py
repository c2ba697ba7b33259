"""The documentation cannot go stale: docs/algorithmes.md is what scripts/docs.py
writes from the Processing provider today, and the links of the README and of
docs/ lead to files and anchors that exist."""
import difflib
import os
import re
import subprocess
import sys

from conftest import ROOT

PAGE = os.path.join(ROOT, "docs", "algorithmes.md")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def test_algorithm_page_is_up_to_date(tmp_path):
    fresh = tmp_path / "algorithmes.md"
    run = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "docs.py"), str(fresh)],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    with open(PAGE, encoding="utf-8") as f:
        committed = f.read()
    generated = fresh.read_text(encoding="utf-8")
    assert committed == generated, (
        "docs/algorithmes.md is stale: run .venv/bin/python scripts/docs.py\n" + "".join(
            difflib.unified_diff(committed.splitlines(True), generated.splitlines(True),
                                 "docs/algorithmes.md", "scripts/docs.py")))


def test_algorithm_page_documents_every_algorithm_in_french(qgis_app):
    from sit_chartreuse.processing.provider import ALGORITHMS
    with open(PAGE, encoding="utf-8") as f:
        page = f.read()
    for algorithm in ALGORITHMS:
        name = algorithm._name
        assert '<a id="%s"></a>' % name in page, name
        assert "`sitchartreuse:%s` (groupe" % name in page, name
    # Names, groups and parameters as the French user sees them.
    assert "### Décompte annuel de la convention" in page
    assert "## Suivi des interventions" in page
    assert "| `YEAR` | Année | nombre entier de 2000 à 2100 | l'année en cours | non |" in page


def _markdown_files():
    yield os.path.join(ROOT, "README.md")
    docs = os.path.join(ROOT, "docs")
    for name in sorted(os.listdir(docs)):
        if name.endswith(".md"):
            yield os.path.join(docs, name)


def _anchors(path):
    with open(path, encoding="utf-8") as f:
        return set(re.findall(r'<a id="([^"]+)"></a>', f.read()))


def test_links_of_the_documentation_lead_somewhere():
    broken = []
    for path in _markdown_files():
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for target in LINK.findall(text):
            if re.match(r"[a-z]+:", target):
                continue   # web addresses: not fetched by the tests
            file, _, anchor = target.partition("#")
            full = os.path.normpath(os.path.join(os.path.dirname(path), file)) if file else path
            if not os.path.exists(full) or (anchor and full.endswith(".md")
                                             and anchor not in _anchors(full)):
                broken.append("%s: %s" % (os.path.relpath(path, ROOT), target))
    assert not broken, "\n".join(broken)
