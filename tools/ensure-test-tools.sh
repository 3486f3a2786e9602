#!/usr/bin/env bash
# Makes sure the tools the tests run are on this machine, installing Debian's packages when one is
# missing; fails if it cannot:
# - redis-server and redis-cli: the fleet-mode tests (module redis) start real Redis servers, Redis
#   Cluster nodes (joined with `redis-cli --cluster create`) and sentinels (`redis-server --sentinel`)
#   on free loopback ports (packages redis-server and redis-tools);
# - curl and python3: the testkit's StandaloneJarIT drives the standalone stubs jar as teams outside
#   Java would, with a curl session and a script on Python's standard library (packages curl, python3).
set -euo pipefail
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  echo "missing test tools: installing Debian's packages ${missing[*]}" >&2
  if ! $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    $SUDO apt-get update -q >/dev/null
    $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi
for tool in redis-server redis-cli curl python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool could not be installed" >&2; exit 1; }
done
# what CI got, for its log
redis-server --version >&2
