#!/usr/bin/env bash
# Makes sure wrk (the HTTP benchmarking tool) and jq (which reads the seed manifest and the harness's summary for it)
# are on PATH, for the harness cross-check of `make bench` (tests/load/wrk-crosscheck.sh). Silent when both are there
# already; as root it installs the Debian packages; otherwise it says what to install and exits 1.
#
#   tools/install-wrk.sh
#
# wrk comes from the distribution rather than from source: the packaged 4.1 has everything the cross-check uses
# (Lua scripts, latency percentiles), and building it would pull in LuaJIT and OpenSSL sources.
set -euo pipefail

missing=()
for tool in wrk jq; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
(( ${#missing[@]} == 0 )) && exit 0

if [[ "$(id -u)" -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  echo "${missing[*]} not found: install it (e.g. sudo apt-get install ${missing[*]}, or brew install ${missing[*]})" >&2
  exit 1
fi
echo "installing ${missing[*]} with apt-get" >&2
# The package lists may be missing (fresh containers) or stale; refresh them only when the install fails without.
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 ||
  { apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
for tool in "${missing[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "apt-get installed $tool but it is not on PATH" >&2; exit 1; }
done
