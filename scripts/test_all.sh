#!/usr/bin/env bash
# `make test-all`: `make test` on this machine, then `make demo` and `make test`
# on the other Debian release (scripts/other_debian.sh, a chroot); both halves
# run whatever the first gives, and a summary of both ends the output.
# Logs in test-artifacts/test-all-<half>.log. Usage: scripts/test_all.sh [--rebuild]
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-artifacts

here=$(. /etc/os-release && echo "${VERSION_CODENAME:-this machine}")
SUMMARY=()

# What a half's exit status means: pytest's exit code when the tests ran
# (scripts/test.sh keeps it, make only says 2), else a failure before them.
outcome() {  # outcome <status> <artifacts folder> <log>
  local rc=$1 code result
  code=$(cat "$2/pytest-exit-code" 2>/dev/null)
  case "${code:-none}" in
    0) result="passed" ;;
    1) result="tests failed" ;;
    2) result="interrupted" ;;
    3) result="pytest internal error" ;;
    4) result="pytest usage error" ;;
    5) result="no tests collected" ;;
    none) result="failed before the tests (exit status $rc)" ;;
    *) result="pytest exit code $code" ;;
  esac
  [ "$rc" -eq 0 ] || [ "$code" != 0 ] || result="failed after the tests (exit status $rc)"
  # pytest's last line: "=== 2 failed, 600 passed in 412.3s ===".
  echo "$result$(grep -aE '^=+ .* in [0-9.]+s' "$3" | tail -n 1 | sed 's/^=* */: /; s/ *=*$//')"
}

half() {  # half <name> <artifacts folder> <command...>
  local name=$1 artifacts=$2 log=test-artifacts/test-all-$1.log start rc=0
  shift 2
  rm -f "$artifacts/pytest-exit-code"
  start=$(date +%s)
  "$@" 2>&1 | tee "$log" || rc=$?
  SUMMARY+=("$(printf '%-10s %4d min %02d s  %s' "$name" $((($(date +%s) - start) / 60)) \
    $((($(date +%s) - start) % 60)) "$(outcome "$rc" "$artifacts" "$log")")")
  return "$rc"
}

status=0
half "$here" test-artifacts make test || status=1
other=$( [ "$here" = trixie ] && echo bookworm || echo trixie )
half "$other" "test-artifacts/$other" scripts/other_debian.sh "$@" "$other" || status=1

echo
echo "== make test-all"
printf '%s\n' "${SUMMARY[@]}"
exit "$status"
