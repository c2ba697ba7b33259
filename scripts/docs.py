"""Write docs/algorithmes.md from the Processing provider itself (as QuickOSM does).

    .venv/bin/python scripts/docs.py [OUTPUT]      (default: docs/algorithmes.md)

Starts QGIS offscreen, loads the French translation (i18n/sit_chartreuse_fr.qm,
compiled by scripts/setup.sh) and the provider, and writes for each algorithm
its id, French name, group and help, and the tables of its parameters and
outputs. tests/test_docs.py regenerates the page and compares: after changing
an algorithm, run this script and commit the page with the change.
"""
import datetime
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGE = os.path.join(ROOT, "docs", "algorithmes.md")
QM = os.path.join(ROOT, "i18n", "sit_chartreuse_fr.qm")
# The plugin folder is imported as `sit_chartreuse` whatever the clone is called.
_pkg_root = os.path.join(ROOT, "build", "pkgroot")
os.makedirs(_pkg_root, exist_ok=True)
if not os.path.islink(os.path.join(_pkg_root, "sit_chartreuse")):
    os.symlink(ROOT, os.path.join(_pkg_root, "sit_chartreuse"))
sys.path.insert(0, _pkg_root)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (Qgis, QgsApplication, QgsProcessingParameterDefinition,  # noqa: E402
                       QgsProcessingParameterFile, QgsProcessingParameterNumber)
from qgis.PyQt.QtCore import QCoreApplication, QTranslator  # noqa: E402

# QGIS 3.36 moved the parameter flags to Qgis (the old name may go in QGIS 4).
OPTIONAL = (Qgis.ProcessingParameterFlag.Optional if hasattr(Qgis, "ProcessingParameterFlag")
            else QgsProcessingParameterDefinition.FlagOptional)

# French names of the Processing types the provider uses; a type missing here
# is written as its QGIS id, so that a new one shows rather than vanishes.
PARAMETER_TYPES = {
    "file": "fichier", "string": "texte", "number": "nombre", "boolean": "booléen",
    "enum": "liste", "sink": "couche en sortie", "fileDestination": "fichier en sortie",
    "providerconnection": "connexion enregistrée dans QGIS",
    "databaseschema": "schéma de la base",
}
OUTPUT_TYPES = {
    "outputVector": "couche", "outputHtml": "fichier HTML", "outputFile": "fichier",
    "outputNumber": "nombre", "outputString": "texte",
}

INTRO = """\
# Algorithmes Processing

<!-- Page générée par scripts/docs.py depuis le fournisseur Processing : ne pas la
modifier à la main, relancer `.venv/bin/python scripts/docs.py`. -->

Le fournisseur `sitchartreuse` (boîte à outils *Traitements › SIT Chartreuse*) compte
{count} algorithmes. Chacun se lance aussi sans interface avec `qgis_process`, une fois
l'extension installée et activée dans le profil (`make install`). Le script
`/usr/bin/qgis_process` de Debian 12 passe l'option `--noversioncheck` que `qgis_process`
refuse : appelez directement le binaire, hors écran :

```sh
QT_QPA_PLATFORM=offscreen /usr/bin/qgis_process.bin list        # les algorithmes installés
QT_QPA_PLATFORM=offscreen /usr/bin/qgis_process.bin help sitchartreuse:createstore
QT_QPA_PLATFORM=offscreen /usr/bin/qgis_process.bin run sitchartreuse:createstore -- \\
    STORE=/tmp/x.gpkg
```

Les paramètres se donnent par leur nom (`NOM=valeur`) ; une liste prend le numéro de
son choix (à partir de 0) ou, quand ses choix sont des codes, le code lui-même.

| groupe | algorithme | identifiant |
| --- | --- | --- |
"""


def text(value):
    """Plain text shown as written: "<schéma>" is no HTML tag, "*.csv" no emphasis."""
    return re.sub(r"([\\`*_<>\[\]|])", r"\\\1", str(value))


def cell(value):
    """Markdown of one table cell: one line."""
    return " ".join(value.split())


def code(value):
    return "`%s`" % value


def parameter_type(definition):
    kind = definition.type()
    md = PARAMETER_TYPES.get(kind, code(kind))
    if isinstance(definition, QgsProcessingParameterFile):
        if definition.behavior() == QgsProcessingParameterFile.Folder:
            md = "dossier"
        elif definition.extension():
            md += " " + code("." + definition.extension())
    elif kind == "fileDestination":
        md += " : " + text(definition.fileFilter())
    elif kind == "number":
        md += " entier" if definition.dataType() == QgsProcessingParameterNumber.Integer \
            else " décimal"
        if definition.minimum() > -1e15 and definition.maximum() < 1e15:
            md += " de %g à %g" % (definition.minimum(), definition.maximum())
    elif kind == "enum":
        options = definition.options()
        md += " : " + (", ".join(code(o) for o in options) if definition.usesStaticStrings()
                       else " ; ".join("%d = %s" % (i, text(o)) for i, o in enumerate(options)))
    return md


def default(definition):
    value = definition.defaultValue()
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if definition.type() == "enum" and not definition.usesStaticStrings():
        return "%d = %s" % (value, text(definition.options()[value]))
    # A year parameter defaults to the year the algorithm was created in.
    if definition.type() == "number" and value == datetime.date.today().year:
        return "l'année en cours"
    return code(value)


def algorithm_section(algorithm):
    lines = ['<a id="%s"></a>' % algorithm.name(), "",
             "### %s" % text(algorithm.displayName()), "",
             "%s (groupe « %s »)" % (code(algorithm.id()), text(algorithm.group())), ""]
    paragraphs = algorithm.shortHelpString().split("\n")
    lines += [text(p.strip()) + "\n" for p in paragraphs if p.strip()]
    lines += ["**Paramètres**", "", "| nom | description | type | défaut | facultatif |",
              "| --- | --- | --- | --- | --- |"]
    for p in algorithm.parameterDefinitions():
        lines.append("| %s | %s | %s | %s | %s |" % (
            code(p.name()), cell(text(p.description())), cell(parameter_type(p)), cell(default(p)),
            "oui" if p.flags() & OPTIONAL else "non"))
    lines += ["", "**Sorties**", "", "| nom | description | type |", "| --- | --- | --- |"]
    for o in algorithm.outputDefinitions():
        lines.append("| %s | %s | %s |" % (code(o.name()), cell(text(o.description())),
                                           OUTPUT_TYPES.get(o.type(), code(o.type()))))
    return "\n".join(lines) + "\n"


def render():
    """The page, from the provider as the running QGIS and translation give it."""
    from sit_chartreuse.processing.provider import SitChartreuseProvider
    provider = SitChartreuseProvider()
    provider.refreshAlgorithms()
    # Ordered as the toolbox shows them: groups, then names, alphabetically.
    algorithms = sorted(provider.algorithms(), key=lambda a: (a.group(), a.displayName()))
    page = INTRO.format(count=len(algorithms))
    page += "".join("| %s | [%s](#%s) | %s |\n" % (text(a.group()), text(a.displayName()), a.name(),
                                                    code(a.id())) for a in algorithms)
    group = None
    for algorithm in algorithms:
        if algorithm.group() != group:
            group = algorithm.group()
            page += "\n## %s\n" % text(group)
        page += "\n" + algorithm_section(algorithm)
    return page


def main(output):
    if not os.path.exists(QM):
        sys.exit("%s is missing: run scripts/setup.sh (it compiles the translation)." % QM)
    app = QgsApplication([], False)
    app.initQgis()
    translator = QTranslator()
    if not translator.load(QM):
        sys.exit("Cannot load the French translation %s." % QM)
    QCoreApplication.installTranslator(translator)
    try:
        page = render()
    finally:
        QCoreApplication.removeTranslator(translator)
        app.exitQgis()
    os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
    with open(output, "w", encoding="utf-8") as f:
        f.write(page)
    print("%s written." % output)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else PAGE)
