"""Check the shipped modules against the real PyQt6 (QGIS 4 is Qt6 only).

`python3 scripts/qt6_check.py [file.py|file.ui ...]`: without arguments it
checks what the plugin zip ships (scripts/package.py). It prints one
`file:line: finding` per problem and exits 1 if there is any. Run by a Python
without PyQt6, it runs itself again in a throw-away venv holding only the
pinned PyQt6 wheels from PyPI (.cache/pyqt6-venv-<version>, made once;
`--prepare` only makes it: scripts/setup.sh does, while it has the network).

Python modules are parsed (ast), nothing of the plugin is imported:
- `from qgis.PyQt.QtX import A` needs `PyQt6.QtX.A` (`from qgis.PyQt import
  QtX` the module `PyQt6.QtX`); importing PyQt5 or PyQt6 directly is a finding;
- every dotted chain rooted at such a name (`Qt.AlignmentFlag.AlignRight`,
  `QMessageBox.StandardButton.Yes`, `QtGui.QAction`) is resolved attribute by
  attribute with getattr on the real PyQt6 objects: an unscoped enum, a
  `QVariant.<Type>` constant or a class PyQt6 moved fails there;
- any call of the Qt5-only `exec_` or `print_` methods.
The one allowance: the `except ImportError:` handler of a `try:` is the Qt5
fallback of the import tried in its body (which is checked), so it is not
checked. Names reached through instances (`dialog.Accepted`) cannot be
resolved without running the code and are not checked.

Qt Designer files are loaded with PyQt6's uic (needs a QApplication; run with
QT_QPA_PLATFORM=offscreen), as QGIS 4 loads them.
"""
import ast
import enum
import importlib
import importlib.util
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYQT6 = ("PyQt6==6.11.0", "PyQt6-Qt6==6.11.2", "PyQt6-sip==13.13.0")
VENV = os.path.join(ROOT, ".cache", "pyqt6-venv-" + PYQT6[0].split("==")[1])
QGIS_PYQT = "qgis.PyQt"
MISSING = object()
_APP = None


def _pyqt6(module):
    """The PyQt6 module standing for `qgis.PyQt[.X]`, or None if PyQt6 lacks it."""
    name = "PyQt6" + module[len(QGIS_PYQT):]
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as e:  # another ImportError (a missing system library) stops
        if e.name != name:
            raise
        return None


def _member(obj, name):
    """getattr, also reaching a submodule of a package (`PyQt6.uic`)."""
    value = getattr(obj, name, MISSING)
    if value is MISSING and hasattr(obj, "__path__"):
        full = "%s.%s" % (obj.__name__, name)
        try:
            value = importlib.import_module(full)
        except ModuleNotFoundError as e:
            if e.name != full:
                raise
    return value


def _scoped(obj, name):
    """`Enum.name` for the enums of obj that have a member `name`."""
    return ["%s.%s" % (k, name) for k, v in sorted(vars(obj).items())
            if isinstance(v, type) and issubclass(v, enum.Enum) and name in v.__members__]


def _moved(obj, name):
    """Where else PyQt6 has a class that `obj` (a Qt module) lacks."""
    if not isinstance(obj, type(sys)):
        return ""
    for other in ("QtCore", "QtGui", "QtWidgets"):
        if hasattr(importlib.import_module("PyQt6." + other), name):
            return "PyQt6.%s has it" % other
    return ""


def _chain(node):
    """`a.b.c` of an attribute chain rooted at a plain name, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return [node.id] + parts[::-1]


class _Checker(ast.NodeVisitor):
    """Two passes over a module: its Qt imports first (wherever they are, so
    that a function above a module-level import is resolved), then the uses."""

    def __init__(self):
        self.names = {}      # local name -> PyQt6 object
        self.findings = []   # (line, text)
        self.imports = True  # the pass

    def report(self, node, text):
        self.findings.append((node.lineno, text))

    def visit_Try(self, node):
        for child in node.body + node.orelse + node.finalbody:
            self.visit(child)
        for handler in node.handlers:
            caught = handler.type
            names = caught.elts if isinstance(caught, ast.Tuple) else [caught]
            if not any(isinstance(n, ast.Name) and n.id in ("ImportError", "ModuleNotFoundError")
                       for n in names):
                self.visit(handler)

    visit_TryStar = visit_Try

    def visit_Import(self, node):
        if not self.imports:
            return
        for alias in node.names:
            if alias.name.split(".")[0] in ("PyQt5", "PyQt6"):
                self.report(node, "import %s: import from qgis.PyQt instead" % alias.name)
            elif alias.name.startswith(QGIS_PYQT + ".") and alias.asname:
                module = _pyqt6(alias.name)
                if module is None:
                    self.report(node, "PyQt6 has no module %s" % alias.name[len(QGIS_PYQT) + 1:])
                else:
                    self.names[alias.asname] = module

    def visit_ImportFrom(self, node):
        if not self.imports:
            return
        source = node.module or ""
        if source.split(".")[0] in ("PyQt5", "PyQt6"):
            self.report(node, "from %s import: import from qgis.PyQt instead" % source)
            return
        if node.level or not (source == QGIS_PYQT or source.startswith(QGIS_PYQT + ".")):
            return
        module = _pyqt6(source)
        if module is None:
            self.report(node, "PyQt6 has no module %s" % source[len(QGIS_PYQT) + 1:])
            return
        for alias in node.names:
            value = _member(module, alias.name) if alias.name != "*" else MISSING
            if value is MISSING:
                hint = _moved(module, alias.name)
                self.report(node, "%s.%s is not in PyQt6%s" % (
                    source[len(QGIS_PYQT) + 1:] or "qgis.PyQt", alias.name,
                    " (%s)" % hint if hint else ""))
            else:
                self.names[alias.asname or alias.name] = value

    def visit_Attribute(self, node):
        chain = _chain(node)
        if self.imports or chain is None or chain[0] not in self.names:
            self.generic_visit(node)
            return
        obj = self.names[chain[0]]
        for i, name in enumerate(chain[1:], 1):
            value = _member(obj, name)
            if value is MISSING:
                where = ".".join(chain[:i + 1])
                hint = ", ".join("%s.%s" % (".".join(chain[:i]), h) for h in _scoped(obj, name))
                hint = hint and "scoped: " + hint or _moved(obj, name)
                if getattr(obj, "__name__", "") == "QVariant":
                    hint = "QgsField types: core.compat.field() with QMetaType.Type"
                self.report(node, "%s is not in PyQt6%s" % (where, " (%s)" % hint if hint else ""))
                break
            obj = value
        # The whole chain is resolved: its inner attributes are not visited again.

    def visit_Call(self, node):
        func = node.func
        if (not self.imports and isinstance(func, ast.Attribute)
                and func.attr in ("exec_", "print_")):
            self.report(node, ".%s() is gone in PyQt6: use .%s()" % (
                func.attr, func.attr[:-1]))
        self.generic_visit(node)


def check_python(path):
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), path)
    checker = _Checker()
    checker.visit(tree)
    checker.imports = False
    checker.visit(tree)
    return sorted(set(checker.findings))


def check_ui(path):
    from PyQt6 import uic
    from PyQt6.QtWidgets import QApplication
    global _APP  # widgets need it alive
    _APP = QApplication.instance() or QApplication([])
    try:
        uic.loadUi(path).deleteLater()
    except Exception as e:  # uic raises whatever the widget code raises
        return [(1, "PyQt6's uic cannot load it: %s: %s" % (
            type(e).__name__, " ".join(str(e).split())))]
    return []


def shipped_files():
    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    import package
    return [os.path.join(ROOT, f) for f in package.plugin_files() if f.endswith((".py", ".ui"))]


def pyqt6_python():
    """The Python of the PyQt6 venv, made if missing (no QGIS, no system site)."""
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        tmp = "%s.tmp%d" % (VENV, os.getpid())
        try:
            subprocess.run(["/usr/bin/python3", "-m", "venv", tmp], check=True)
            subprocess.run([os.path.join(tmp, "bin", "python"), "-m", "pip", "install", "-q",
                            "--disable-pip-version-check", *PYQT6], check=True)
            os.rename(tmp, VENV)  # complete or absent, never half made
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return python


def main(paths):
    if paths == ["--prepare"]:   # set-up only: the venv made now, with the network
        pyqt6_python()
        return 0
    if importlib.util.find_spec("PyQt6") is None:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        env.pop("PYTHONPATH", None)
        return subprocess.run([pyqt6_python(), os.path.abspath(__file__), *paths],
                              env=env).returncode
    try:
        from PyQt6 import QtCore, QtGui, QtWidgets  # noqa: F401  (their libraries)
    except ImportError as e:
        sys.exit("PyQt6 cannot load its Qt libraries: %s (install the Debian package "
                 "that holds it)" % e)
    findings = 0
    for path in paths or shipped_files():
        check = check_ui if path.endswith(".ui") else check_python
        for line, text in check(path):
            print("%s:%d: %s" % (os.path.relpath(path, ROOT), line, text))
            findings += 1
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
