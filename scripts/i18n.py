"""The French translation of the plugin's user-facing strings.

    i18n.py update   add every tr() string of the code missing from
                     i18n/sit_chartreuse_fr.ts (context SitChartreuse) as
                     unfinished; existing entries and translations are kept
    i18n.py check    exit 1, listing them, if some tr() strings of the code
                     have no finished French translation in the .ts

Strings are found in the syntax tree of every Python file of the plugin
(tests, benchmarks and scripts excluded): the literal first argument of
`tr(...)` / `self.tr(...)`, and the `_display`, `_group` and `_help` class
attributes of the Processing algorithms, which processing/base.py passes to
tr(). `lrelease` (run by scripts/setup.sh) compiles the .ts into the .qm.
"""
import ast
import os
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TS = os.path.join(ROOT, "i18n", "sit_chartreuse_fr.ts")
CONTEXT = "SitChartreuse"
EXCLUDED = {"tests", "bench", "scripts", "build", "dist", "demo", "test-artifacts"}
TRANSLATED_ATTRIBUTES = {"_display", "_group", "_help"}


def python_files():
    for folder, dirs, files in os.walk(ROOT):
        if folder == ROOT:
            dirs[:] = [d for d in dirs if d not in EXCLUDED and not d.startswith(".")]
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in sorted(files):
            if name.endswith(".py"):
                yield os.path.join(folder, name)
        dirs.sort()


def _literal(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def strings_in(path):
    """[(text, line)] of the translatable strings of one file."""
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), path)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.id if isinstance(func, ast.Name) else (
                func.attr if isinstance(func, ast.Attribute) else None)
            text = _literal(node.args[0])
            if name == "tr" and text:
                found.append((text, node.lineno))
        elif isinstance(node, ast.ClassDef):
            for statement in node.body:
                if isinstance(statement, ast.Assign):
                    for target in statement.targets:
                        names = target.elts if isinstance(target, ast.Tuple) else [target]
                        values = (statement.value.elts if isinstance(statement.value, ast.Tuple)
                                  and isinstance(target, ast.Tuple) else
                                  [statement.value] * len(names))
                        for n, v in zip(names, values):
                            text = _literal(v)
                            if isinstance(n, ast.Name) and n.id in TRANSLATED_ATTRIBUTES and text:
                                found.append((text, statement.lineno))
    return found


def code_strings():
    """{text: 'path:line' of its first use}, in order of appearance."""
    strings = {}
    for path in python_files():
        for text, line in strings_in(path):
            strings.setdefault(text, "%s:%d" % (os.path.relpath(path, ROOT), line))
    return strings


def read_ts(path=TS):
    tree = ET.parse(path)
    root = tree.getroot()
    context = next((c for c in root.findall("context") if c.findtext("name") == CONTEXT), None)
    if context is None:
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = CONTEXT
    return tree, context


def translations(context):
    """{source: translation or None when unfinished or empty}."""
    result = {}
    for message in context.findall("message"):
        translation = message.find("translation")
        finished = (translation is not None and translation.get("type") not in
                    ("unfinished", "obsolete", "vanished") and (translation.text or "").strip())
        result[message.findtext("source")] = translation.text if finished else None
    return result


def write_ts(tree, path=TS):
    """Write in Qt Linguist's own layout (contexts at the margin, messages
    indented by 4, their elements by 8), so that diffs stay small."""
    root = tree.getroot()
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             "<TS %s>" % " ".join('%s="%s"' % item for item in root.attrib.items())]
    for context in root:
        lines.append("<context>")
        for child in context:
            if child.tag != "message":
                lines.append("    " + _element(child))
                continue
            lines.append("    <message>")
            lines += ["        " + _element(part) for part in child]
            lines.append("    </message>")
        lines.append("</context>")
    lines.append("</TS>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def _element(element):
    element.tail = None
    return ET.tostring(element, encoding="unicode")


def update():
    tree, context = read_ts()
    known = translations(context)
    added = 0
    for text in code_strings():
        if text not in known:
            message = ET.SubElement(context, "message")
            ET.SubElement(message, "source").text = text
            ET.SubElement(message, "translation", type="unfinished")
            added += 1
    write_ts(tree)
    print("%s: %d new string(s) to translate" % (os.path.relpath(TS, ROOT), added))
    return 0


def missing():
    """[(text, where)] of the code's strings without a finished translation."""
    _tree, context = read_ts()
    known = translations(context)
    return [(text, where) for text, where in code_strings().items() if not known.get(text)]


def check():
    untranslated = missing()
    for text, where in untranslated:
        print("%s: no French translation: %r" % (where, text))
    print("%d string(s) without a French translation" % len(untranslated))
    return 1 if untranslated else 0


if __name__ == "__main__":
    commands = {"update": update, "check": check}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    sys.exit(commands[sys.argv[1]]())
