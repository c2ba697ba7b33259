"""The unit layer: the pure domain in plain Python, without QGIS, Qt or GDAL.

Run alone (scripts/check.sh: `python -m pytest -p no:qgis tests/unit`), it
makes those libraries unimportable, so a pure module that starts importing
them fails here at once; core/i18n.py then gives the English source. The
main suite (pytest-qgis loaded, QGIS already imported) runs the same tests
inside QGIS.
"""
import importlib.abc
import sys

import pytest

NOT_PURE = ("qgis", "PyQt5", "PyQt6", "osgeo")


class _Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in NOT_PURE:
            raise ModuleNotFoundError("tests/unit runs without QGIS, Qt and GDAL: "
                                      "%s cannot be imported here" % name, name=name)
        return None


if "qgis" not in sys.modules:
    sys.meta_path.insert(0, _Refuse())


# tests/conftest.py's autouse fixtures need QGIS: here they do nothing.
@pytest.fixture(autouse=True, scope="session")
def quiet_canvas():
    return None


@pytest.fixture(autouse=True, scope="session")
def collect_before_qgis_exits():
    return None


@pytest.fixture(autouse=True)
def isolated_qgis_state():
    return None
