#!/usr/bin/env bash
# Makes sure COMMAND is on PATH, installing Debian's PACKAGE for it: redis-server (the rate-limit tests start their
# own, one per test class, on a free port) and promtool from prometheus (the alert rules' checks and unit tests).
# Silent when it is there already; as root it installs the package; otherwise it says what to install and exits 1.
#
#   tools/install-debian-package.sh COMMAND PACKAGE     (`make tools` and `make test` run it for each)
#
# The packages' own services are not used and not started here: the tests run the binaries directly.
set -euo pipefail

command="${1:?usage: install-debian-package.sh COMMAND PACKAGE}"
package="${2:?usage: install-debian-package.sh COMMAND PACKAGE}"

command -v "$command" >/dev/null 2>&1 && exit 0

if [[ "$(id -u)" -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  echo "$command not found: install it (e.g. sudo apt-get install $package, or your platform's $package package)" >&2
  exit 1
fi
echo "installing $package with apt-get (for $command)" >&2
# The package lists may be missing (fresh containers) or stale; refresh them only when the install fails without.
# policy-rc.d 101 keeps the package's maintainer scripts from starting a system-wide service.
export DEBIAN_FRONTEND=noninteractive
policy=/usr/sbin/policy-rc.d
created_policy=0
if [[ ! -e "$policy" ]]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 0755 "$policy" && created_policy=1
fi
trap '[[ $created_policy -eq 1 ]] && rm -f "$policy"' EXIT
apt-get install -y -qq --no-install-recommends "$package" >/dev/null 2>&1 ||
  { apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "$package" >/dev/null; }
command -v "$command" >/dev/null 2>&1 || { echo "apt-get installed $package but $command is not on PATH" >&2; exit 1; }
echo "installed $package for $command" >&2
