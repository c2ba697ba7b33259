#!/usr/bin/env bash
# The quick checks, no QGIS needed: lint (ruff), types of the domain (mypy on
# core/, settings in pyproject.toml) and the unit layer in plain Python
# (tests/unit, where QGIS, Qt and GDAL cannot be imported). Runs all three,
# then exits non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
failed=()
"$PY" -m ruff check . || failed+=(ruff)
"$PY" -m mypy || failed+=(mypy)
# -p no:qgis leaves pytest.ini's qgis_qui_enabled unknown: that warning is expected.
"$PY" -m pytest -p no:qgis -q -W "ignore:Unknown config option:pytest.PytestConfigWarning" \
    tests/unit || failed+=(unit)
if ((${#failed[@]})); then
    echo "check.sh: failed: ${failed[*]}" >&2
    exit 1
fi
