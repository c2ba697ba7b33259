"""Run every benchmark module (or those named on the command line) and print
one table: what was measured, the figure, its baseline and the target."""
import importlib
import os
import pkgutil
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_pkg_root = os.path.join(ROOT, "build", "pkgroot")
os.makedirs(_pkg_root, exist_ok=True)
if not os.path.islink(os.path.join(_pkg_root, "sit_chartreuse")):
    os.symlink(ROOT, os.path.join(_pkg_root, "sit_chartreuse"))
sys.path.insert(0, _pkg_root)

ROWS = []


def report(issue, what, figure, baseline="", target=""):
    ROWS.append((issue, what, figure, baseline, target))
    print("  %-6s %-58s %-14s %-22s %s" % (issue, what, figure, baseline, target), flush=True)


def _quiet_offscreen(mode, context, message):
    """Drop the offscreen platform's notice printed for every form shown."""
    if "propagateSizeHints" not in message:
        sys.stderr.write(message + "\n")


def main(names):
    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import qInstallMessageHandler
    qInstallMessageHandler(_quiet_offscreen)
    app = QgsApplication([], False)
    app.initQgis()
    modules = names or sorted(m.name for m in pkgutil.iter_modules([os.path.dirname(__file__)])
                              if not m.name.startswith("_"))
    print("  %-6s %-58s %-14s %-22s %s" % ("issue", "measure", "figure", "baseline", "target"))
    for name in modules:
        module = importlib.import_module("bench." + name)
        if not hasattr(module, "run"):  # a helper (e.g. bigstore), not a benchmark
            continue
        with tempfile.TemporaryDirectory(prefix="sitbench-") as workdir:
            start = time.perf_counter()
            module.run(workdir, report)
            print("  (%s: %.0f s)" % (name, time.perf_counter() - start), flush=True)
    app.exitQgis()


if __name__ == "__main__":
    main(sys.argv[1:])
