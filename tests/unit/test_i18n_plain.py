"""core/i18n.py outside QGIS: the pure domain's messages in English."""
import os
import subprocess
import sys

import sit_chartreuse


def test_tr_gives_the_english_source_where_qt_is_missing():
    # A fresh interpreter where Qt cannot be imported: core/i18n.py falls back.
    root = os.path.dirname(sit_chartreuse.__path__[0])
    code = ("import sys; sys.modules['qgis'] = None; sys.path.insert(0, %r); "
            "from sit_chartreuse.core.i18n import tr; "
            "print(tr('Update the communes referential'))" % root)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out == "Update the communes referential\n"
