#!/usr/bin/env bash
# Renders a load test run's reports again from its JSON summary and takes a screenshot of the HTML report in headless
# Chromium, offline (file://), to look at it as a reader would: tests/load/render-report-screenshot.sh [SUMMARY.json]
# (default: the newest summary in tests/load/results). Writes docs/load-report.png.
# Environment: CHROMIUM (chromium), HEIGHT (2000).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

summary="${1:-$(ls -t tests/load/results/*.json 2>/dev/null | head -n 1)}"
[[ -f "$summary" ]] || { echo "no summary: run make loadtest first, or name one" >&2; exit 2; }
command -v "${CHROMIUM:-chromium}" >/dev/null || { echo "chromium not found: install it (apt-get install chromium)" >&2; exit 2; }
html="$(dotnet run -c Release --project tests/load -- report "$summary" | grep '\.html$')"
# Chromium's own D-Bus and GPU complaints go to stderr and mean nothing for a screenshot.
"${CHROMIUM:-chromium}" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-background-networking \
  --screenshot="$root/docs/load-report.png" --window-size="1280,${HEIGHT:-2000}" "file://$(realpath "$html")" 2>/dev/null
echo "docs/load-report.png: $html"
