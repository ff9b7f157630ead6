#!/usr/bin/env bash
# The harness cross-check of `make bench` (issue 7): is the load harness the bottleneck? wrk, closed loop with a few
# connections and no pause, finds how many GET /v1/accounts a second the API answers on this machine; then the
# harness (open model, scenario `accounts`: the same request as the same user) offers 90 % of that rate. If it
# sustains it, the harness can offer at least that load here, and a load test's ceiling below it is the API's. Both
# tools' own CPU is measured: on a machine that also runs the API, what the harness uses beyond wrk, the API lacks.
#
#   tests/load/wrk-crosscheck.sh API_URL SEED_FILE RESULTS_DIR
#
# Needs a running API and a manifest from `seed` (its first user is the one loaded). wrk drives one user of one
# tenant as hard as it can, so both rate limits must be out of the way: start the API with
# RateLimits__UserRequestsPerMinute=1000000 RateLimits__UserBurst=100000, and seed with
# --tenant-requests-per-minute 6000000. A single 429 voids the check (a refusal is cheaper than an answer).
# Expects tests/load built in Release (make bench builds it first). Environment:
#   API_PGID, DYNAMODB_PGID   the servers' process groups (they run under setsid): their CPU is shown for both tools
#   WRK_THREADS (1)  WRK_CONNECTIONS (8)  WRK_SECONDS (10)  WRK_WARMUP_SECONDS (20)    wrk's load
#   SHARE (90)                the harness's rate, in percent of wrk's
# Writes the harness's summary and reports, wrk's report (wrk-crosscheck-*-wrk.txt) and the comparison
# (wrk-crosscheck-*.txt) into RESULTS_DIR. Exit status: 0 when the harness sustained the rate (>= 99 % achieved,
# <= 1 % sent late), 1 when it did not, 2 when the check could not be made. About 55 s.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

if [[ $# -ne 3 ]]; then
  echo "usage: $0 API_URL SEED_FILE RESULTS_DIR" >&2; exit 2
fi
api_url="${1%/}" seed_file="$2" results_dir="$3"
: "${WRK_THREADS:=1}" "${WRK_CONNECTIONS:=8}" "${WRK_SECONDS:=10}" "${WRK_WARMUP_SECONDS:=20}" "${SHARE:=90}"
: "${API_PGID:=}" "${DYNAMODB_PGID:=}"
# The harness's run: long enough for its connection pool and the API's JIT to settle, short enough for make bench.
harness_warmup=5 harness_seconds=15
cores=$(nproc)
stamp=$(date -u +%Y%m%d-%H%M%S)
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

tools/install-wrk.sh || exit 2
command -v jq >/dev/null 2>&1 || { echo "jq not found: install it (e.g. apt-get install jq)" >&2; exit 2; }
[[ -f "$seed_file" ]] || { echo "no seed manifest at $seed_file: run the load tool's 'seed' command first" >&2; exit 2; }
mkdir -p "$results_dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Exported, not passed on wrk's command line: the Lua script reads it, and `ps` never shows it.
BUDGETBUDDY_TOKEN=$(jq -er '.users[0].token' "$seed_file") || { echo "$seed_file has no users" >&2; exit 2; }
export BUDGETBUDDY_TOKEN
url="$api_url/v1/accounts"

# Busy and total clock ticks of all cores: the first line of /proc/stat (user nice system idle iowait irq softirq
# steal).
machine_ticks() {
  awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9; exit }' /proc/stat
}
# utime + stime of the live processes of process group $1, in the same ticks. The name in /proc/PID/stat may hold
# spaces, so the fields are counted after its closing parenthesis: group 3rd, utime 12th, stime 13th.
group_ticks() {
  [[ -n "$1" ]] || { echo 0; return; }
  cat /proc/[0-9]*/stat 2>/dev/null | awk -v g="$1" '{ sub(/^.*\) /, ""); if ($3 == g) t += $12 + $13 } END { print t + 0 }'
}
percent() { awk -v p="$1" -v w="$2" 'BEGIN { printf "%.0f", (w > 0 ? 100 * p / w : 0) }'; }

# A first run, not measured: the API's JIT tiers the endpoint up and wrk opens its connections. On a machine this
# busy the JIT's background compiles wait for a core: 2 s and 5 s left a fresh API at two thirds of its rate, 20 s did
# not.
wrk -t "$WRK_THREADS" -c "$WRK_CONNECTIONS" -d "${WRK_WARMUP_SECONDS}s" -s tests/load/wrk-accounts.lua "$url" >/dev/null
echo "wrk: GET /v1/accounts, closed loop, $WRK_THREADS thread(s), $WRK_CONNECTIONS connections, ${WRK_SECONDS} s" >&2
read -r busy0 total0 < <(machine_ticks)
api0=$(group_ticks "$API_PGID") dynamodb0=$(group_ticks "$DYNAMODB_PGID")
# bash's `time` gives wrk's own user and system CPU; wrk's report and errors go to files of their own.
TIMEFORMAT='%U %S %R'
{ time wrk -t "$WRK_THREADS" -c "$WRK_CONNECTIONS" -d "${WRK_SECONDS}s" --timeout 5s -s tests/load/wrk-accounts.lua \
    "$url" >"$work/wrk.out" 2>"$work/wrk.err"; } 2>"$work/wrk.time" || { cat "$work/wrk.err" >&2; exit 2; }
read -r busy1 total1 < <(machine_ticks)
api1=$(group_ticks "$API_PGID") dynamodb1=$(group_ticks "$DYNAMODB_PGID")
cat "$work/wrk.out" >"$results_dir/wrk-crosscheck-$stamp-wrk.txt"

result=$(sed -n 's/^wrk-result //p' "$work/wrk.out")
[[ -n "$result" ]] || { echo "wrk printed no result line:" >&2; cat "$work/wrk.out" "$work/wrk.err" >&2; exit 2; }
declare -A wrk
for pair in $result; do wrk[${pair%%=*}]=${pair#*=}; done
read -r wrk_user wrk_sys wrk_real < "$work/wrk.time"
wrk_rate=$(awk -v n="${wrk[requests]}" -v s="${wrk[seconds]}" 'BEGIN { printf "%.0f", n / s }')
wrk_cpu=$(awk -v u="$wrk_user" -v s="$wrk_sys" -v r="$wrk_real" -v c="$cores" 'BEGIN { printf "%.0f", 100 * (u + s) / (r * c) }')
wrk_us=$(awk -v u="$wrk_user" -v s="$wrk_sys" -v n="${wrk[requests]}" 'BEGIN { printf "%.0f", 1e6 * (u + s) / n }')
wrk_machine=$(percent $(( busy1 - busy0 )) $(( total1 - total0 )))
wrk_api=$(percent $(( api1 - api0 )) $(( total1 - total0 )))
wrk_dynamodb=$(percent $(( dynamodb1 - dynamodb0 )) $(( total1 - total0 )))

if (( wrk[non2xx] > 0 || wrk[socket_errors] > 0 )); then
  echo "wrk got ${wrk[non2xx]} answers that were not 2xx and ${wrk[socket_errors]} socket errors: the check is void." >&2
  echo "429s mean a rate limit: start the API with RateLimits__UserRequestsPerMinute=1000000" \
    "RateLimits__UserBurst=100000 and seed with --tenant-requests-per-minute 6000000." >&2
  exit 2
fi

rate=$(( wrk_rate * SHARE / 100 ))
echo "harness: the same request, open model at $rate/s ($SHARE % of wrk's $wrk_rate/s)" >&2
load=(dotnet run -c Release --no-build --no-launch-profile --project tests/load --
  --target "$api_url" --scenario accounts --rate "$rate" --duration "$harness_seconds" --warmup "$harness_warmup"
  --seed-file "$seed_file" --results-dir "$results_dir" --threshold 'achieved>=99%' --threshold 'late<=1%')
[[ -z "$API_PGID" ]] || load+=(--cpu-of "api=$API_PGID")
[[ -z "$DYNAMODB_PGID" ]] || load+=(--cpu-of "dynamodb=$DYNAMODB_PGID")
status=0
"${load[@]}" | tee "$work/harness.out" || status=$?
summary=$(sed -n 's/^results: //p' "$work/harness.out")
if (( status > 1 )) || [[ ! -f "$summary" ]]; then
  echo "the harness run could not be made (exit status $status)" >&2; exit 2
fi

# The figures of the harness's measured window, rounded as shown: a TSV line for `read`. "?" where /proc or a
# process group was not there to read.
jq -r --argjson cores "$cores" '
  def r(d): (. * d | round) / d;
  def pct: if . == null then "?" else round end;
  [ (.achievedRate | r(10)), (100 * .achievedRate / .requestedRate | r(10)), (100 * .late / ([.sent, 1] | max) | r(100)),
    .dropped, .errors, (.latency.p50Ms | r(100)), (.latency.p99Ms | r(100)),
    (.cpu.clientPercent | round), (1e6 * .cpu.clientPercent / 100 * $cores / ([.achievedRate, 1] | max) | round),
    (.cpu.processGroupPercent.api | pct), (.cpu.processGroupPercent.dynamodb | pct),
    (.cpu.otherPercent | pct), (.cpu.machineBusyPercent | pct) ] | @tsv' "$summary" > "$work/harness.tsv"
IFS=$'\t' read -r h_rate h_share h_late h_dropped h_errors h_p50 h_p99 h_cpu h_us h_api h_dynamodb h_other h_machine < "$work/harness.tsv"
# wrk's phase in the same terms: what neither the tool nor a watched group used is everything else's.
wrk_other=$(( wrk_machine - wrk_cpu ))
if [[ -n "$API_PGID" ]]; then wrk_other=$(( wrk_other - wrk_api )); else wrk_api="?"; fi
if [[ -n "$DYNAMODB_PGID" ]]; then wrk_other=$(( wrk_other - wrk_dynamodb )); else wrk_dynamodb="?"; fi
(( wrk_other >= 0 )) || wrk_other=0

offered="$h_rate of $rate/s offered ($SHARE % of wrk's $wrk_rate/s), late $h_late %, dropped $h_dropped, errors $h_errors"
if (( status == 0 )); then
  verdict="the harness sustained the rate: $offered. It is not the bottleneck at this rate."
elif [[ "$h_machine" != "?" ]] && (( h_machine >= 90 )); then
  # The tools share the cores with the API and DynamoDB Local: when (nearly) every core is busy, the CPU the harness
  # uses beyond wrk's is CPU the servers did not get, and both the servers and the sender fall behind. At 90-94 %
  # busy the servers already queue (harness P50 of 147 ms against wrk's 2.8 ms in one such run), so that is no
  # spare capacity either.
  verdict="the harness did not hold the rate cleanly: $offered, with the cores $h_machine % busy (else $h_other %)."
  verdict+=" The servers ran out of CPU; the harness took $(( h_cpu - wrk_cpu )) % of the cores more than wrk did."
  verdict+=" Try SHARE=80, or the API on another machine."
else
  verdict="the harness did NOT sustain the rate: $offered, with cores to spare. The harness limited the load."
fi
report="$results_dir/wrk-crosscheck-$stamp.txt"
{
  echo "==================== harness cross-check: GET /v1/accounts ===================="
  echo "CPU is in percent of all $cores cores (100 = every core busy); 'else' is the machine's other processes."
  printf 'wrk       closed loop, %s thread(s), %s connections, %s s: %s requests/s, 0 errors\n' \
    "$WRK_THREADS" "$WRK_CONNECTIONS" "$WRK_SECONDS" "$wrk_rate"
  printf '          latency (ms): p50 %s   p90 %s   p99 %s   max %s\n' "${wrk[p50_ms]}" "${wrk[p90_ms]}" "${wrk[p99_ms]}" "${wrk[max_ms]}"
  printf '          CPU: wrk %s (%s us a request), api %s, dynamodb %s, else %s; busy %s\n' \
    "$wrk_cpu" "$wrk_us" "$wrk_api" "$wrk_dynamodb" "$wrk_other" "$wrk_machine"
  printf 'harness   open model at %s/s (%s %% of wrk), %s s measured after %s s of warm-up\n' \
    "$rate" "$SHARE" "$harness_seconds" "$harness_warmup"
  printf '          achieved %s/s (%s %%), late %s %%, dropped %s, errors %s\n' \
    "$h_rate" "$h_share" "$h_late" "$h_dropped" "$h_errors"
  printf '          latency from each due time (ms): p50 %s   p99 %s\n' "$h_p50" "$h_p99"
  printf '          CPU: harness %s (%s us a request), api %s, dynamodb %s, else %s; busy %s\n' \
    "$h_cpu" "$h_us" "$h_api" "$h_dynamodb" "$h_other" "$h_machine"
  echo "verdict   $verdict"
  echo "          own CPU: wrk $wrk_cpu %, harness $h_cpu % of all cores."
} | tee "$report"
echo "comparison: ${report#"$root"/}" >&2
exit "$status"
