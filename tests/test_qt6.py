"""Qt6 (QGIS 4) readiness, checked against the real PyQt6 from PyPI (no Qt6
QGIS exists for Debian): scripts/qt6_check.py runs in a PyQt6-only venv it
makes once under .cache/."""
import subprocess
import sys
import textwrap

from qgis.core import QgsVectorLayer
from qgis.PyQt.QtCore import QMetaType

from conftest import ROOT
from sit_chartreuse.core.compat import field

CHECKER = [sys.executable, "scripts/qt6_check.py"]


def _check(*paths):
    done = subprocess.run(CHECKER + [str(p) for p in paths], cwd=ROOT, capture_output=True,
                          text=True, timeout=900)
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout.splitlines()


def test_shipped_modules_have_nothing_pyqt6_lacks():
    code, findings = _check()
    assert findings == [] and code == 0, "\n".join(findings)


def test_checker_reports_what_pyqt6_lacks(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(textwrap.dedent("""\
        from qgis.PyQt import QtWidgets
        from qgis.PyQt.QtCore import Qt, QVariant
        from qgis.PyQt.QtWidgets import QAction, QDialog


        def run(dialog):
            if dialog.exec_() == QDialog.Accepted:
                return QtWidgets.QAction, QVariant.String, QEvent.KeyPress


        ALIGN = Qt.AlignRight
        from qgis.PyQt.QtCore import QEvent
        """))
    ui = tmp_path / "bad.ui"  # a spacer without a size hint: PyQt6's uic fails on it
    ui.write_text('<ui version="4.0"><class>D</class><widget class="QDialog" name="D">'
                  '<layout class="QHBoxLayout" name="row"><item><spacer name="gap">'
                  '<property name="orientation"><enum>Qt::Horizontal</enum></property>'
                  '</spacer></item></layout></widget></ui>')
    code, findings = _check(bad, ui)
    assert code == 1
    found = {(f.split(":")[0].rsplit("/", 1)[-1], int(f.split(":")[1]),
              f.split(": ", 1)[1].split(" ")[0]) for f in findings}
    assert found == {
        ("bad.py", 3, "QtWidgets.QAction"), ("bad.py", 7, ".exec_()"),
        ("bad.py", 7, "QDialog.Accepted"), ("bad.py", 8, "QtWidgets.QAction"),
        ("bad.py", 8, "QVariant.String"), ("bad.py", 8, "QEvent.KeyPress"),
        ("bad.py", 11, "Qt.AlignRight"), ("bad.ui", 1, "PyQt6's")}, findings
    assert any("Qt.AlignmentFlag.AlignRight" in f for f in findings)
    assert any("PyQt6.QtGui has it" in f for f in findings)


def test_checker_accepts_the_forms_both_qt_have(tmp_path):
    good = tmp_path / "good.py"
    good.write_text(textwrap.dedent("""\
        from qgis.PyQt.QtCore import QMetaType, Qt
        from qgis.PyQt.QtWidgets import QDialog
        try:
            from qgis.PyQt.QtGui import QAction
        except ImportError:  # the Qt5 fallback is not checked
            from qgis.PyQt.QtWidgets import QAction


        def run(dialog):
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return QAction, QMetaType.Type.QString, Qt.AlignmentFlag.AlignRight
        """))
    ui = tmp_path / "good.ui"
    ui.write_text('<ui version="4.0"><class>D</class><widget class="QDialog" name="D">'
                  '<layout class="QHBoxLayout" name="row"><item><spacer name="gap">'
                  '<property name="orientation"><enum>Qt::Horizontal</enum></property>'
                  '<property name="sizeHint" stdset="0"><size><width>40</width>'
                  '<height>20</height></size></property></spacer></item></layout>'
                  '</widget></ui>')
    assert _check(good, ui) == (0, [])


def test_field_takes_a_qmetatype_on_every_qgis():
    layer = QgsVectorLayer("None", "t", "memory")
    kinds = {"s": QMetaType.Type.QString, "i": QMetaType.Type.Int,
             "n": QMetaType.Type.LongLong, "d": QMetaType.Type.Double}
    assert layer.dataProvider().addAttributes([field(n, k) for n, k in kinds.items()])
    layer.updateFields()
    assert {f.name(): int(f.type()) for f in layer.fields()} == {
        n: int(k) for n, k in kinds.items()}
    hours = field("h", QMetaType.Type.Double, "double", 10, 2)
    assert (hours.typeName(), hours.length(), hours.precision()) == ("double", 10, 2)
