#!/usr/bin/env bash
# The whole test suite, in real QGIS (offscreen), against real GeoPackages and
# a real PostgreSQL/PostGIS server; the desktop smoke test runs QGIS under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
# The PostgreSQL/PostGIS server the store tests also run on, at the port its
# cluster has (tests/conftest.py reads it).
port=$(scripts/pg_setup.sh)
export SIT_TEST_PGPORT=$port
mkdir -p test-artifacts
# pytest's exit code, kept for scripts/test_all.sh's summary (make turns
# every failure into 2): 1 tests failed, 2 interrupted, 3 internal error,
# 4 usage error, 5 no tests collected.
rm -f test-artifacts/pytest-exit-code
status=0
.venv/bin/python -m pytest "$@" || status=$?
echo "$status" >test-artifacts/pytest-exit-code
exit "$status"
