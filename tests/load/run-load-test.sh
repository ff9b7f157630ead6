#!/usr/bin/env bash
# The load-test gate: `make loadtest` (profile "gate", one pod's share) and the short gate `make test` runs
# through tests/loadgate (profile "ci"). Starts a fresh in-memory DynamoDB Local and the API in Release
# (ASPNETCORE_ENVIRONMENT=Production), seeds tenants and users through the API, runs the load test, and stops both on
# the way out, after a failure or Ctrl-C too. The exit status is the load test's: 0 when every threshold held, 1 when
# one failed, 2 when the run could not be made.
#
#   tests/load/run-load-test.sh gate|ci
#
# Builds src/Api and tests/load in Release first (incremental: seconds when up to date), so `dotnet test
# tests/loadgate` works on its own. Environment, each overriding the profile's value:
#   SCENARIO (mixed)  RATE  DURATION  WARMUP    the load test's --scenario, --rate, --duration (s), --warmup (s)
#   SEED_ARGS         options of `seed` (tenants, users, months, ...)
#   LOAD_ARGS         more options of the load test, e.g. "--threshold p99<=500ms --threshold late<=1%"
#   PORT (8280)  DYNAMODB_PORT (8200)  TABLE_PREFIX (budgetbuddy-load-)
#   RESULTS_DIR       where the JSON summary goes (default tests/load/results)
#   NOTE              what the run stands for, shown in its reports (the gate's default says: one pod's share)
#   PODS (1)          harness processes, each offering RATE/PODS from one shared start time, merged into one report
#                     by `merge`, as the cluster gate's pods are
# The per-user and per-tenant rate limits stay at their defaults (600/min a user, 1,000/s a tenant): the load is
# spread over enough users and tenants to stay under them, as real traffic is.
# Logs of the API and DynamoDB Local, and the seed manifest (bearer tokens), go to .data/loadtest/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

profile="${1:-gate}"
case "$profile" in
  gate)
    # One pod's share of the seed's 1000 requests/s at the chart's 2 minimum replicas: mixed at 500/s for 60 s after
    # 15 s of warm-up, over 3 tenants x 100 users with 6 months of history each. RATE=1000 runs the full rate.
    : "${RATE:=500}" "${DURATION:=60}" "${WARMUP:=15}"
    default_note="One pod's share of the seed's 1000 requests/s at the chart's minimum of 2 API replicas (the full rate is the cluster gate's)."
    : "${SEED_ARGS:=--tenants 3 --users 100 --months 6 --transactions-per-month 30}"
    ;;
  ci)
    # The short gate of `make test`: 20 s measured, a smaller seed, and a rate a 2-core runner holds with margin while
    # it also runs the API and DynamoDB Local (docs/performance.md has the measurements).
    # Two harness processes, merged: the cluster gate's way, kept working by every CI run.
    : "${RATE:=200}" "${DURATION:=20}" "${WARMUP:=10}" "${PODS:=2}"
    default_note=""
    : "${SEED_ARGS:=--tenants 3 --users 20 --months 3 --transactions-per-month 20}"
    ;;
  *)
    echo "usage: $0 gate|ci" >&2; exit 2 ;;
esac
: "${SCENARIO:=mixed}" "${LOAD_ARGS:=}" "${PODS:=1}" "${NOTE:=}"
# The report says what the default gate stands for; another rate stands for itself unless NOTE says otherwise.
if [[ -z "$NOTE" && "$RATE" == 500 ]]; then NOTE="$default_note"; fi
note=(); [[ -z "$NOTE" ]] || note=(--note "$NOTE")

port="${PORT:-8280}"
dynamodb_port="${DYNAMODB_PORT:-8200}"
table_prefix="${TABLE_PREFIX:-budgetbuddy-load-}"
api_url="http://127.0.0.1:${port}"
dynamodb_url="http://127.0.0.1:${dynamodb_port}"
data_dir="$root/.data/loadtest"
dynamodb_log="$data_dir/dynamodb-local.log"
api_log="$data_dir/api.log"
seed_file="$data_dir/seed.json"
results_dir="${RESULTS_DIR:-$root/tests/load/results}"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
mkdir -p "$data_dir"
# One key-encryption key for the seeder's provisioning and the API, new each run like the in-memory tables.
export Encryption__LocalKeyFile="$data_dir/kek.key"
rm -f "$Encryption__LocalKeyFile" "$seed_file"

echo "building the API and the load tool in Release" >&2
for project in src/Api tests/load; do
  out=$(dotnet build "$project" -c Release -nologo -v q -clp:ErrorsOnly 2>&1) || { echo "$out" >&2; exit 2; }
done

# Every connection is a file descriptor, in the load generator and in the API: the connections scenario holds
# 10,000 of each. Raise the soft limit to the hard one; the API and the generator inherit it.
wanted_fds=12000
if [[ "$(ulimit -n)" != unlimited ]] && (( $(ulimit -n) < wanted_fds )); then
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
fi
if [[ "$SCENARIO" == connections && "$(ulimit -n)" != unlimited ]] && (( $(ulimit -n) < wanted_fds )); then
  echo "warning: only $(ulimit -n) file descriptors per process (ulimit -n, hard limit $(ulimit -Hn)): too few for 10,000 connections" >&2
fi

dynamodb_pid=""
api_pid=""

. "$root/tools/process-group.sh"
. "$root/tests/load/bench-servers.sh"

stop_servers_on_exit

# The gate needs an API of its own: measuring someone else's would mix in their load.
if port_taken "$port"; then
  echo "port $port is in use: choose a free one with PORT=..." >&2; exit 2
fi
start_dynamodb_in_memory "$dynamodb_port" "$dynamodb_log"

start_api_release "$api_url" "$api_log" || exit 2

load=(dotnet run -c Release --no-build --no-launch-profile --project tests/load --)
# SEED_ARGS and LOAD_ARGS are split on spaces on purpose: each holds several arguments.
# shellcheck disable=SC2086
"${load[@]}" seed --target "$api_url" --dynamodb "$dynamodb_url" --table-prefix "$table_prefix" --out "$seed_file" $SEED_ARGS || exit 2

status=0
# Both servers were started with setsid, so each pid is also its process group's id: --cpu-of accounts for their CPU.
if (( PODS == 1 )); then
  # shellcheck disable=SC2086
  "${load[@]}" --target "$api_url" --scenario "$SCENARIO" --rate "$RATE" --duration "$DURATION" --warmup "$WARMUP" \
    --seed-file "$seed_file" --results-dir "$results_dir" --cpu-of "api=$api_pid" --cpu-of "dynamodb=$dynamodb_pid" "${note[@]}" $LOAD_ARGS || status=$?
else
  # PODS processes, each RATE/PODS from one start time a few seconds ahead (each needs a moment to start), each with
  # its own run seed and results folder; then one merged report with the thresholds.
  share="$(awk -v r="$RATE" -v n="$PODS" 'BEGIN { printf "%.6g", r / n }')"
  start_at="$(date -u -d '+8 seconds' +%Y-%m-%dT%H:%M:%SZ)"
  parts_dir="$data_dir/parts"
  rm -rf "$parts_dir"
  pids=()
  for (( pod = 0; pod < PODS; pod++ )); do
    # shellcheck disable=SC2086
    "${load[@]}" --target "$api_url" --scenario "$SCENARIO" --rate "$share" --duration "$DURATION" --warmup "$WARMUP" \
      --seed-file "$seed_file" --results-dir "$parts_dir/$pod" --run-seed "$(( 7 + pod ))" --start-at "$start_at" \
      $LOAD_ARGS >"$data_dir/part-$pod.log" 2>&1 &
    pids+=("$!")
  done
  # A part's own verdict (exit 1) does not count: the merged run is judged.
  for pid in "${pids[@]}"; do
    wait "$pid" || { part=$?; (( part <= 1 )) || { echo "a harness process could not run (exit $part); see $data_dir/part-*.log" >&2; status=2; }; }
  done
  if (( status == 0 )); then
    thresholds=() take=0
    for t in $LOAD_ARGS; do
      if (( take )); then thresholds+=(--threshold "$t"); take=0; elif [[ "$t" == --threshold ]]; then take=1; fi
    done
    "${load[@]}" merge "$parts_dir"/*/*.json --results-dir "$results_dir" "${thresholds[@]}" || status=$?
  fi
fi

# A server that died mid-run voids the figures; say so rather than leave only connection errors to puzzle over.
died() {
  echo "$1 (pid $2) exited during the load test; last lines of its log:" >&2
  tail -n 5 "$3" >&2 || true
  status=2
}
kill -0 "$api_pid" 2>/dev/null || died "the API" "$api_pid" "$api_log"
kill -0 "$dynamodb_pid" 2>/dev/null || died "DynamoDB Local" "$dynamodb_pid" "$dynamodb_log"
exit "$status"
