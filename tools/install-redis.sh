#!/usr/bin/env bash
# Makes sure redis-server is on PATH: the rate-limit tests start their own (one per test class, on a free port, no
# persistence) to check that limits hold across several API processes. Silent when it is there already; as root it
# installs Debian's redis-server package; otherwise it says what to install and exits 1.
#
#   tools/install-redis.sh        (`make tools` and `make test` run it)
#
# The package's own service is not used (and not started here): the tests run the binary directly.
set -euo pipefail

command -v redis-server >/dev/null 2>&1 && exit 0

if [[ "$(id -u)" -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  echo "redis-server not found: install it (e.g. sudo apt-get install redis-server, or brew install redis)" >&2
  exit 1
fi
echo "installing redis-server with apt-get" >&2
# The package lists may be missing (fresh containers) or stale; refresh them only when the install fails without.
# policy-rc.d 101 keeps the package's maintainer scripts from starting a system-wide server on port 6379.
export DEBIAN_FRONTEND=noninteractive
policy=/usr/sbin/policy-rc.d
created_policy=0
if [[ ! -e "$policy" ]]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 0755 "$policy" && created_policy=1
fi
trap '[[ $created_policy -eq 1 ]] && rm -f "$policy"' EXIT
apt-get install -y -qq --no-install-recommends redis-server >/dev/null 2>&1 ||
  { apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends redis-server >/dev/null; }
command -v redis-server >/dev/null 2>&1 || { echo "apt-get installed redis-server but it is not on PATH" >&2; exit 1; }
echo "installed $(redis-server --version | cut -d' ' -f1-3)" >&2
