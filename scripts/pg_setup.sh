#!/usr/bin/env bash
# A local PostgreSQL/PostGIS server for the tests and the bench: the cluster
# "main" of the installed PostgreSQL major that has PostGIS (15 on Debian 12,
# 17 on Debian 13), created if missing and started if down; then the SIT's test
# database with PostGIS and an owner role that may create roles (the
# `sitchartreuse:pgroles` algorithm grants the writer and reader roles).
# Idempotent. Prints the cluster's port on stdout, and nothing else: a new
# cluster takes the next free port when 5432 is taken, so callers read it
# (`port=$(scripts/pg_setup.sh)`). Connection: host=localhost port=<printed>
# dbname=sit_test user=sit_admin password=sit_admin (a test server only).
set -euo pipefail
exec 3>&1 1>&2  # messages to stderr, the port alone to stdout (fd 3)
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

# The highest major version whose PostGIS extension is installed.
version=$(ls /usr/share/postgresql/*/extension/postgis.control 2>/dev/null \
  | sed 's|^/usr/share/postgresql/\([0-9]*\)/.*|\1|' | sort -n | tail -n 1)
[ -n "$version" ] || { echo "No PostgreSQL with PostGIS installed: run scripts/setup.sh test" >&2; exit 1; }

cluster_field() {  # field $1 of pg_lsclusters (3: port, 4: status) for $version/main
  pg_lsclusters -h | awk -v v="$version" -v f="$1" '$1 == v && $2 == "main" {print $f}'
}
if [ -z "$(cluster_field 3)" ]; then
  echo "Creating the PostgreSQL $version cluster main"
  $SUDO pg_createcluster "$version" main >/dev/null
fi
if [ "$(cluster_field 4)" != online ]; then
  # The server must not inherit fd 3: `$(pg_setup.sh)` would wait on it forever.
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start 3>&-
fi
port=$(cluster_field 3)
echo "PostgreSQL $version/main on port $port"

if [ -n "$SUDO" ]; then
  psql_su() { sudo -u postgres psql -p "$port" -v ON_ERROR_STOP=1 -qtA "$@"; }
else
  psql_su() { runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qtA "$@"; }
fi
for _ in $(seq 30); do psql_su -c 'SELECT 1' >/dev/null 2>&1 && break; sleep 1; done
if [ "$(psql_su -c "SELECT 1 FROM pg_roles WHERE rolname = 'sit_admin'")" != 1 ]; then
  psql_su -c "CREATE ROLE sit_admin LOGIN CREATEROLE PASSWORD 'sit_admin'"
fi
if [ "$(psql_su -c "SELECT 1 FROM pg_database WHERE datname = 'sit_test'")" != 1 ]; then
  psql_su -c "CREATE DATABASE sit_test OWNER sit_admin"
fi
psql_su -d sit_test -c "SET client_min_messages = warning" -c "CREATE EXTENSION IF NOT EXISTS postgis"
echo "$port" >&3
