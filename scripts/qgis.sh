#!/usr/bin/env bash
# `make qgis`: open the QGIS desktop on the demo store's project (stored inside
# the GeoPackage). Usage: qgis.sh <store.gpkg> [profile folder]
set -euo pipefail
STORE="$(readlink -f "$1")"
PROFILE="${2:-$HOME/.local/share/QGIS/QGIS3/profiles/default}"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  cat >&2 <<EOF
make qgis opens the QGIS desktop, which needs a screen, and DISPLAY is not set.
- On a desktop session, run it from a terminal of that session (DISPLAY=:0 make qgis).
- Over SSH, connect with X forwarding (ssh -X) and run make qgis again.
- Without a screen, run it under a virtual one: xvfb-run -a make qgis
EOF
  exit 1
fi
# QGIS wants the profiles root and the profile name apart.
exec qgis --noversioncheck --nologo \
  --profiles-path "$(dirname "$(dirname "$PROFILE")")" --profile "$(basename "$PROFILE")" \
  --project "geopackage:${STORE}?projectName=sit"
