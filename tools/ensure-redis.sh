#!/usr/bin/env bash
# Makes sure redis-server and redis-cli are on this machine: the fleet-mode tests (module redis) start
# real Redis servers, Redis Cluster nodes (joined with `redis-cli --cluster create`) and sentinels
# (`redis-server --sentinel`) on free loopback ports. Installs Debian's packages when missing
# (redis-server, and redis-tools, which holds redis-cli and which redis-server depends on); fails if
# it cannot.
set -euo pipefail
have() { command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; }
have && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
echo "redis-server or redis-cli is missing: installing Debian's packages redis-server and redis-tools" >&2
if ! $SUDO apt-get install -y -q --no-install-recommends redis-server redis-tools >/dev/null 2>&1; then
  $SUDO apt-get update -q >/dev/null
  $SUDO apt-get install -y -q --no-install-recommends redis-server redis-tools >/dev/null
fi
have || { echo "redis-server or redis-cli could not be installed" >&2; exit 1; }
# what CI got, for its log
redis-server --version >&2
