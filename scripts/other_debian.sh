#!/usr/bin/env bash
# The README's commands (`make demo`, then `make test`) on the other Debian
# release: Debian 13 "trixie" (QGIS 3.40) from Debian 12, Debian 12 "bookworm"
# (QGIS 3.22) from Debian 13. They run as root in a chroot built by debootstrap
# and cached in /var/cache/sit-chartreuse/chroot-<suite> (outside the clone:
# CI clones afresh every time), on a fresh clone of this repository at HEAD,
# with the host's ../shared mounted read-only beside it.
# Usage (as root): scripts/other_debian.sh [--rebuild] [suite]
# Its test artifacts are copied to test-artifacts/<suite>/.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
SHARED=$(dirname "$REPO")/shared
MIRROR=http://deb.debian.org/debian
CACHE=/var/cache/sit-chartreuse
CLONE=/work/sit_chartreuse   # inside the chroot; the tests read ../shared/data
PATH_IN=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

rebuild="" suite=""
for arg in "$@"; do
  case "$arg" in
    --rebuild) rebuild=1 ;;
    -*) echo "usage: $0 [--rebuild] [suite]" >&2; exit 2 ;;
    *) suite=$arg ;;
  esac
done

other_suite() {
  local codename
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  # Debian 12 is checked against 13; 13 and any later release against 12,
  # the oldest QGIS (3.22) the plugin supports.
  case "$codename" in
    bookworm) echo trixie ;;
    "") echo "Not a Debian release (/etc/os-release names none): name the suite (e.g. $0 trixie)" >&2
        exit 2 ;;
    *) echo bookworm ;;
  esac
}

install_host_tools() {
  local missing=""
  command -v debootstrap >/dev/null || missing="$missing debootstrap"
  command -v ip >/dev/null || missing="$missing iproute2"
  [ -z "$missing" ] && return
  echo "Installing on the host:$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

mount_into() {  # mount_into <target inside the chroot> <mount arguments...>
  mkdir -p "$ROOTFS$1"
  mount "${@:2}" "$ROOTFS$1"
}

# Every mount under the chroot, innermost first: this run's, or those an
# interrupted run left (the script was killed before its trap ran).
unmount_all() {
  local m
  for m in $(awk -v root="$ROOTFS/" 'index($2, root) == 1 {print $2}' /proc/self/mounts | tac); do
    umount "$m" 2>/dev/null || umount -l "$m"
  done
}

mount_filesystems() {
  mount_into /dev --bind /dev
  mount_into /dev/pts --bind /dev/pts
  mount_into /dev/shm -t tmpfs -o mode=1777 shm       # not the host's shared memory
  mount_into /run -t tmpfs -o mode=755 run            # no pid file left from a run before
  mount_into /sys --bind -o ro /sys
  mount_into /work/shared --bind -o ro "$SHARED"
}

# Run a shell command in the chroot with a clean environment, in a PID
# namespace of its own (with its own /proc) so that no daemon it starts
# survives it. With --isolated, also in a private network namespace with only
# a loopback: its PostgreSQL and its Xvfb never meet the host's.
in_chroot() {
  local net=()
  if [ "$1" = --isolated ]; then net=(--net); shift; fi
  # In the background, so that a signal reaches this script's trap at once.
  unshare "${net[@]}" --pid --fork --kill-child --mount-proc="$ROOTFS/proc" \
    sh -c '{ [ -z "$2" ] || ip link set lo up; } && exec chroot "$0" /usr/bin/env -i \
      HOME=/root PATH="$3" LANG=C.UTF-8 TERM="${TERM:-dumb}" /bin/bash -c "$1"' \
    "$ROOTFS" "$1" "${net[*]}" "$PATH_IN" &
  wait $!
}

# What still runs in the chroot (an interrupted run), killed by id before
# unmounting.
kill_chroot_processes() {
  local p
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" != "$ROOTFS" ] || kill -9 "${p#/proc/}" 2>/dev/null || true
  done
}

cleanup() {
  kill_chroot_processes
  unmount_all
}

build_chroot() {
  echo "Building the $suite chroot in $ROOTFS (debootstrap)"
  rm -rf --one-file-system "$ROOTFS"  # nothing is mounted there (cleanup ran first)
  mkdir -p "$CACHE"
  debootstrap --variant=minbase "$suite" "$ROOTFS" "$MIRROR" >/dev/null
  # Package installs start no services in the chroot.
  printf '#!/bin/sh\nexit 101\n' >"$ROOTFS/usr/sbin/policy-rc.d"
  chmod 755 "$ROOTFS/usr/sbin/policy-rc.d"
  # sid needs it from this network (DESIGN.md, platform facts); bookworm and trixie do not.
  case "$suite" in
    sid|unstable) echo 'Acquire::Check-Valid-Until "false";' >"$ROOTFS/etc/apt/apt.conf.d/99valid-until" ;;
  esac
}

# Host files the chroot needs, copied on every run (a package install in the
# chroot may rewrite them): this network inspects TLS, so pip needs the
# host's CA bundle, pip.conf and npm's /etc/npmrc; name resolution for apt,
# pip and npm. The
# chroot's symlinks go first: they may be absolute, and a copy would follow
# them out of the chroot onto the host's files. The chroot keeps its own
# server certificate (its PostgreSQL's, which matches its private key).
copy_host_files() {
  local f
  mkdir -p "$ROOTFS/etc/ssl/certs"
  find "$ROOTFS/etc/ssl/certs" -type l -delete
  rm -f "$ROOTFS/etc/pip.conf" "$ROOTFS/etc/npmrc" "$ROOTFS/etc/resolv.conf" "$ROOTFS/etc/hosts"
  for f in /etc/ssl/certs/*; do
    [ "${f##*/}" = ssl-cert-snakeoil.pem ] || cp -rL "$f" "$ROOTFS/etc/ssl/certs/"
  done
  [ ! -f /etc/pip.conf ] || cp /etc/pip.conf "$ROOTFS/etc/pip.conf"
  [ ! -f /etc/npmrc ] || cp /etc/npmrc "$ROOTFS/etc/npmrc"
  cp -L /etc/resolv.conf "$ROOTFS/etc/resolv.conf"
  printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$ROOTFS/etc/hosts"
}

fresh_clone() {
  local head
  head=$(git -C "$REPO" rev-parse HEAD)
  if [ -n "$(git -C "$REPO" status --porcelain --untracked-files=no)" ]; then
    echo "Note: uncommitted changes are not tested in the $suite chroot (it tests the commit $head)"
  fi
  rm -rf "$ROOTFS$CLONE"
  git clone -q --no-checkout "$REPO" "$ROOTFS$CLONE"
  git -C "$ROOTFS$CLONE" checkout -q --detach "$head"
  echo "Testing $(git -C "$REPO" log -1 --format='%h %s') in the $suite chroot"
}

# The chroot holds the Debian packages of `make demo` and `make test` in
# advance (installed with the network, which the test run has not), so the
# README's commands inside only check them. The stamp records the set-up
# script they came from: when it changes, its missing packages are added.
STAMP_FILE=/etc/sit-chartreuse-stamp
preinstall_packages() {
  local want
  want="suite=$suite setup.sh=$(sha256sum "$ROOTFS$CLONE/scripts/setup.sh" | cut -d' ' -f1)"
  if [ "$(cat "$ROOTFS$STAMP_FILE" 2>/dev/null)" = "$want" ]; then
    echo "Reusing the $suite chroot's packages ($ROOTFS$STAMP_FILE)"
    return
  fi
  echo "Installing the Debian packages of make demo and make test in the $suite chroot"
  in_chroot "cd $CLONE && scripts/setup.sh test --debian-only && apt-get clean"
  echo "$want" >"$ROOTFS$STAMP_FILE"
}

copy_artifacts() {
  local out=$REPO/test-artifacts/$suite
  rm -rf "$out"
  mkdir -p "$out"
  [ ! -d "$ROOTFS$CLONE/test-artifacts" ] || cp -r "$ROOTFS$CLONE/test-artifacts/." "$out/"
}

[ "$(id -u)" -eq 0 ] || { echo "$0 builds and enters a chroot: run it as root" >&2; exit 1; }
[ -d "$SHARED/data" ] || { echo "No $SHARED/data beside the repository (the tests read ../shared/data)" >&2; exit 1; }
suite=${suite:-$(other_suite)}
ROOTFS=$CACHE/chroot-$suite
install_host_tools
cleanup
trap cleanup EXIT
trap 'exit 130' INT TERM

# A chroot without its stamp is a build that did not finish: start again.
if [ -n "$rebuild" ] || [ ! -f "$ROOTFS$STAMP_FILE" ]; then
  build_chroot
fi
mount_filesystems
fresh_clone
preinstall_packages
copy_host_files

echo "== $suite: make demo"
in_chroot "cd $CLONE && make demo"
# make test's own set-up (the venv, PyQt6 of the Qt6 check) needs the network:
# done here, so that inside the namespace it only checks.
in_chroot "cd $CLONE && make setup-test"
echo "== $suite: make test (private network namespace)"
status=0
# The cluster is stopped cleanly before the namespace ends (its processes are
# killed then), so that the next run starts it without a stale pid file.
in_chroot --isolated "cd $CLONE && make test; rc=\$?
  pg_lsclusters -h | while read -r v c _; do pg_ctlcluster --skip-systemctl-redirect \$v \$c stop 2>/dev/null; done
  exit \$rc" || status=$?
copy_artifacts
exit "$status"
