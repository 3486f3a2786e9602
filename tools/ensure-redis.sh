#!/usr/bin/env bash
# Makes sure redis-server is on this machine: the fleet-mode tests (module redis) start real Redis
# servers on free loopback ports. Installs Debian's package when it is missing; fails if it cannot.
set -euo pipefail
command -v redis-server >/dev/null 2>&1 && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
echo "redis-server is missing: installing Debian's package redis-server" >&2
if ! $SUDO apt-get install -y -q --no-install-recommends redis-server >/dev/null 2>&1; then
  $SUDO apt-get update -q >/dev/null
  $SUDO apt-get install -y -q --no-install-recommends redis-server >/dev/null
fi
command -v redis-server >/dev/null 2>&1 || { echo "redis-server could not be installed" >&2; exit 1; }
