#!/usr/bin/env bash
# The whole test suite, in real QGIS (offscreen), against real GeoPackages and
# a real PostgreSQL/PostGIS server; the desktop smoke test runs QGIS under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
scripts/pg_setup.sh   # the PostgreSQL/PostGIS server the store tests also run on
mkdir -p test-artifacts
exec .venv/bin/python -m pytest "$@"
