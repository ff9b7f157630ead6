#!/usr/bin/env bash
# `make bench` (not in CI): on one fresh in-memory DynamoDB Local, one seed and one Release API,
#   1. the highest rate mixed sustains with P99 under 100 ms (no errors, >= 99 % of the rate), searched upwards from
#      START_RATE in steps of STEP until one fails;
#   2. mixed at the per-pod rate (RATE, 500/s) for 60 s after 15 s against the seed's thresholds, with the API's
#      resident memory sampled every half second (target: <= 200 MB) and the API's and DynamoDB Local's CPU per request;
#   3. connections: 10,000 keep-alive connections sending RATE in total, against P99 <= 100 ms.
# Overloading runs come after the ones that must not follow an overload; each run starts once the machine settled.
# Each run writes its JSON/Markdown/HTML reports to RESULTS_DIR; the last step prints one table of every figure against
# its target and writes it to RESULTS_DIR/bench-<time>.md. Exit status 0 when every run could be made (targets missed
# are reported, not failed: this is a measurement), 2 when something could not be run.
#
# Environment: PORT (8580) DYNAMODB_PORT (8500) RATE (500) START_RATE (300) STEP (100) SEARCH_SECONDS (30: each
# search and connections run) TARGET_SECONDS (60) SEED_ARGS RESULTS_DIR SKIP (space-separated steps to leave out:
# search target connections). Shorter runs and a smaller seed make a quick check of the bench itself, not figures.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

: "${RATE:=500}" "${START_RATE:=300}" "${STEP:=100}" "${SEARCH_SECONDS:=30}" "${TARGET_SECONDS:=60}" "${SKIP:=}"
: "${SEED_ARGS:=--tenants 3 --users 100 --months 6 --transactions-per-month 30}"
port="${PORT:-8580}"
dynamodb_port="${DYNAMODB_PORT:-8500}"
table_prefix="budgetbuddy-bench-"
api_url="http://127.0.0.1:${port}"
dynamodb_url="http://127.0.0.1:${dynamodb_port}"
data_dir="$root/.data/bench"
seed_file="$data_dir/seed.json"
results_dir="${RESULTS_DIR:-$root/tests/load/results}"
stamp="$(date -u +%Y%m%d-%H%M%S)"
figures="$data_dir/figures-$stamp.txt"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
mkdir -p "$data_dir" "$results_dir"
: >"$figures"
export Encryption__LocalKeyFile="$data_dir/kek.key"
rm -f "$Encryption__LocalKeyFile" "$seed_file"

skipped() { [[ " $SKIP " == *" $1 "* ]]; }
# figure NAME VALUE: one line of the run's figures, read by the summary at the end.
figure() { echo "$1=$2" >>"$figures"; }

echo "building the API and the load tool in Release" >&2
for project in src/Api tests/load; do
  out=$(dotnet build "$project" -c Release -nologo -v q -clp:ErrorsOnly 2>&1) || { echo "$out" >&2; exit 2; }
done
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

dynamodb_pid=""
api_pid=""
sampler_pid=""
. "$root/tools/process-group.sh"
. "$root/tests/load/bench-servers.sh"

# The memory sampler of step 4, if the bench ends during it.
before_servers_stop() { if [[ -n "$sampler_pid" ]]; then kill "$sampler_pid" 2>/dev/null || true; fi; }
stop_servers_on_exit

for p in "$port" "$dynamodb_port"; do
  if port_taken "$p"; then echo "port $p is in use: choose free ones with PORT= and DYNAMODB_PORT=" >&2; exit 2; fi
done
start_dynamodb_in_memory "$dynamodb_port" "$data_dir/dynamodb-local.log"

# api_process: the API's own process (the one `dotnet run` started in the group), whose memory is measured.
api_process() { pgrep -g "$api_pid" -f 'budgetbuddy-api' | head -n 1; }
rss_mib() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# settle: waits (at most a minute) until the machine has been under 10 % busy for 2 s, so a run does not start on the
# backlog of the one before it.
settle() {
  local waited a b idle total
  for (( waited = 0; waited < 30; waited++ )); do
    read -ra a < /proc/stat; sleep 2; read -ra b < /proc/stat
    idle=$(( b[4] + b[5] - a[4] - a[5] ))
    total=0; for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
    (( total > 0 && 100 * (total - idle) / total < 10 )) && return 0
  done
  echo "the machine did not settle under 10 % busy within a minute; measuring anyway" >&2
}

start_api_release "$api_url" "$data_dir/api.log" || exit 2
load=(dotnet run -c Release --no-build --no-launch-profile --project tests/load --)
# shellcheck disable=SC2086  # SEED_ARGS holds several arguments
"${load[@]}" seed --target "$api_url" --dynamodb "$dynamodb_url" --table-prefix "$table_prefix" --out "$seed_file" $SEED_ARGS || exit 2

# recorded_run NAME ARGS...: one run of the load tool (ARGS: the command and its own options), with the seed, the
# results folder and a run seed of its own: a run repeating an earlier one's choices would find its edits already made
# and commit nothing. Its JSON summary's path goes to the figures as NAME; exit status 1 (a missed threshold) is a
# result, anything else voids the bench.
run_seed=100
recorded_run() {
  local name="$1" out status=0
  shift
  out="$data_dir/$name-$stamp.log"
  run_seed=$(( run_seed + 1 ))
  "${load[@]}" "$@" --seed-file "$seed_file" --results-dir "$results_dir" --run-seed "$run_seed" \
    | tee "$out" >&2 || status=${PIPESTATUS[0]}
  (( status <= 1 )) || { echo "the $name run could not be made (exit $status)" >&2; exit 2; }
  figure "$name" "$(sed -n 's/^results: //p' "$out" | tail -n 1)"
  return "$status"
}

# load_run NAME ARGS...: a load test of the API.
load_run() {
  local name="$1"
  shift
  recorded_run "$name" --target "$api_url" --cpu-of "api=$api_pid" --cpu-of "dynamodb=$dynamodb_pid" "$@"
}

# sample_rss FILE: the API's resident memory every half second, until killed.
sample_rss() {
  local pid
  pid="$(api_process)"
  while kill -0 "$pid" 2>/dev/null; do rss_mib "$pid" >>"$1"; echo >>"$1"; sleep 0.5; done
}

# 1. The highest rate with P99 under 100 ms, searched upwards from START_RATE in steps of STEP until a rate fails:
#    past the knee the data store keeps a backlog for a while, so a run after an overloaded one would not measure
#    its own rate. Each run waits for the machine to settle first.
max_rate=""
if ! skipped search; then
  search=(--scenario mixed --duration "$SEARCH_SECONDS" --warmup 10
    --threshold p99\<100ms --threshold errors\<0.1% --threshold achieved\>=99%)
  rate="$START_RATE"
  while (( rate <= 3 * RATE )); do
    settle
    load_run "search-$rate" "${search[@]}" --rate "$rate" || break
    max_rate="$rate"
    rate=$(( rate + STEP ))
  done
  if [[ -n "$max_rate" ]]; then
    figure max_rate "$max_rate"
    figure max_rate_run "$(grep "^search-$max_rate=" "$figures" | cut -d= -f2-)"
  else
    figure max_rate none
  fi
fi

# 2. The per-pod target: mixed at RATE for 60 s after 15 s, with memory sampled throughout.
if ! skipped target; then
  settle
  samples="$data_dir/rss-$stamp.txt"
  : >"$samples"
  sample_rss "$samples" & sampler_pid=$!
  load_run target --scenario mixed --rate "$RATE" --duration "$TARGET_SECONDS" --warmup 15 \
    --threshold p50\<=100ms --threshold p95\<=500ms --threshold p99\<=1s --threshold errors\<0.1% --threshold achieved\>=99% || true
  kill "$sampler_pid" 2>/dev/null || true
  sampler_pid=""
  figure peak_rss_mib "$(sort -n "$samples" | tail -n 1)"
fi

# 3. 10,000 connections sending RATE in total.
if ! skipped connections; then
  settle
  load_run connections --scenario connections --rate "$RATE" --duration "$SEARCH_SECONDS" --warmup 15 \
    --threshold p99\<=100ms --threshold errors\<0.1% --threshold achieved\>=99% || true
fi

"${load[@]}" bench-summary --figures "$figures" --out "$results_dir/bench-$stamp.md"
