#!/usr/bin/env bash
# A local PostgreSQL/PostGIS server for the tests and the bench: starts
# Debian's cluster 15/main if it is down, then makes sure the SIT's test
# database exists with PostGIS and an owner role that may create roles (the
# `sitchartreuse:pgroles` algorithm grants the writer and reader roles).
# Idempotent. Connection: host=localhost port=5432 dbname=sit_test
# user=sit_admin password=sit_admin (a test server only).
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! pg_lsclusters -h 2>/dev/null | awk '$1 == 15 && $2 == "main" {print $4}' | grep -q online; then
  if ! pg_lsclusters -h 2>/dev/null | grep -q '^15 *main'; then
    $SUDO pg_createcluster 15 main >/dev/null
  fi
  $SUDO pg_ctlcluster --skip-systemctl-redirect 15 main start
fi
psql_su() { $SUDO -u postgres psql -v ON_ERROR_STOP=1 -qtA "$@"; }
[ -z "$SUDO" ] && psql_su() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtA "$@"; }
for _ in $(seq 30); do psql_su -c 'SELECT 1' >/dev/null 2>&1 && break; sleep 1; done
if [ "$(psql_su -c "SELECT 1 FROM pg_roles WHERE rolname = 'sit_admin'")" != 1 ]; then
  psql_su -c "CREATE ROLE sit_admin LOGIN CREATEROLE PASSWORD 'sit_admin'"
fi
if [ "$(psql_su -c "SELECT 1 FROM pg_database WHERE datname = 'sit_test'")" != 1 ]; then
  psql_su -c "CREATE DATABASE sit_test OWNER sit_admin"
fi
psql_su -d sit_test -c "SET client_min_messages = warning" -c "CREATE EXTENSION IF NOT EXISTS postgis"
