#!/usr/bin/env bash
# Re-renders the sample load test report and retakes its screenshot, docs/load-report.png.
#
# 1. Regenerates tests/load/Reports/Samples/<name>.md and .html from <name>.json with the current renderers (through
#    the unit test that otherwise checks they are up to date).
# 2. Opens the HTML in headless Chromium, offline (file://, no network needed), and saves a 1280 px wide screenshot.
#
# Environment: CHROMIUM (chromium), SAMPLE (mixed-open), HEIGHT (2000).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

chromium="${CHROMIUM:-chromium}"
sample="${SAMPLE:-mixed-open}"
height="${HEIGHT:-2000}"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

UPDATE_LOAD_REPORT_SAMPLES=1 dotnet test tests/unit --nologo -v q \
  --filter "FullyQualifiedName~BudgetBuddy.UnitTests.Load.Reports.SampleReportTests" >/dev/null

html="$root/tests/load/Reports/Samples/$sample.html"
# Chromium's own D-Bus and GPU complaints go to stderr and mean nothing for a screenshot; keep only its verdict.
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
  --screenshot="$root/docs/load-report.png" --window-size="1280,$height" "file://$html" 2>/dev/null
echo "docs/load-report.png: $html at 1280x$height"
