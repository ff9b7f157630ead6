#!/usr/bin/env bash
# Prints one line, "N passed, N failed, N skipped", summed over every VSTest TRX file under DIR.
#
#   .ci/test-summary.sh DIR
#
# Reads the <Counters .../> element of each *.trx (found recursively) with awk only. How outcomes are counted:
#   passed  = passed
#   failed  = failed + error + timeout + aborted      (every outcome that means the test did not hold)
#   skipped = total - passed - failed                 (skipped tests, which VSTest counts in total but in no
#                                                      other counter: it writes notExecuted="0" for xunit Skip;
#                                                      plus Inconclusive, NotRunnable, Pending, ...; falls back
#                                                      to notExecuted when a file has no total)
# Exit status: 1 when a test failed, when no test passed or failed (nothing ran), or when DIR holds no TRX file;
# 0 otherwise. A crash that leaves no counters is caught by dotnet test's own exit code, which `make test` checks.
set -euo pipefail

dir="${1:?usage: $0 DIR}"

trx_files=()
if [[ -d "$dir" ]]; then
  while IFS= read -r -d '' f; do trx_files+=("$f"); done < <(find "$dir" -type f -name '*.trx' -print0)
fi
if [[ ${#trx_files[@]} -eq 0 ]]; then
  echo "0 passed, 0 failed"
  echo "no test results: no *.trx file under '$dir' (did the test run start?)" >&2
  exit 1
fi

# RS="<" makes every XML element one record, even if an element were split over several lines.
read -r passed failed skipped < <(awk '
  function attr(name,    v) {
    if (match($0, "[ \t\r\n]" name "=\"[0-9]+\"")) {
      v = substr($0, RSTART, RLENGTH)
      sub(/^[^"]*"/, "", v); sub(/"$/, "", v)
      return v + 0
    }
    return -1
  }
  BEGIN { RS = "<" }
  /^Counters[ \t\r\n]/ {
    p = attr("passed"); if (p < 0) p = 0
    f = 0
    n = attr("failed");  if (n > 0) f += n
    n = attr("error");   if (n > 0) f += n
    n = attr("timeout"); if (n > 0) f += n
    n = attr("aborted"); if (n > 0) f += n
    t = attr("total")
    if (t >= 0) { s = t - p - f; if (s < 0) s = 0 }
    else { s = attr("notExecuted"); if (s < 0) s = 0 }
    P += p; F += f; S += s
  }
  END { printf "%d %d %d\n", P, F, S }
' "${trx_files[@]}")

echo "${passed} passed, ${failed} failed, ${skipped} skipped"

if (( failed > 0 )); then
  exit 1
fi
if (( passed + failed == 0 )); then
  echo "no test ran: ${#trx_files[@]} TRX file(s) under '$dir' count no passed or failed test" >&2
  exit 1
fi
