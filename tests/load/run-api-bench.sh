#!/usr/bin/env bash
# tests/load/run-api-bench.sh COMMAND [SETTING=VALUE ...]: `make bench BENCH=money` (posting and budget reads),
# `BENCH=import` (statement import) and `BENCH=events` (webhook delivery lag), the tests/load benchmark COMMAND
# against a fresh in-memory DynamoDB Local and the API in Release with the settings given. Starts both, waits until the
# API is live, runs the benchmark, and stops both on the way out, after a failure or Ctrl-C too. Each runs in a
# process group of its own (setsid), so stopping it stops everything it launched (`dotnet run` and the app).
#
# Expects src/Api and tests/load built in Release (make bench builds them first). Environment:
#   PORT (8190)  DYNAMODB_PORT (8110)  TABLE_PREFIX (budgetbuddy-bench-)
#   BENCH_ARGS   more arguments for COMMAND, e.g. "--post-seconds 5 --seed-transactions 1000" (money),
#                "--lines 2000 20000 100000" (import), "--rate 20 --duration 60" (events)
# The API's and DynamoDB Local's logs go to .data/bench-COMMAND/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

command="${1:?usage: run-api-bench.sh COMMAND [SETTING=VALUE ...]}"
shift

port="${PORT:-8190}"
dynamodb_port="${DYNAMODB_PORT:-8110}"
table_prefix="${TABLE_PREFIX:-budgetbuddy-bench-}"
api_url="http://127.0.0.1:${port}"
dynamodb_url="http://127.0.0.1:${dynamodb_port}"
log_dir="$root/.data/bench-$command"
dynamodb_log="$log_dir/dynamodb-local.log"
api_log="$log_dir/api.log"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
# One key-encryption key for the benchmark's provisioning and its API, new each run like the in-memory tables.
export Encryption__LocalKeyFile="$log_dir/kek.key"
mkdir -p "$log_dir"
rm -f "$Encryption__LocalKeyFile"

dynamodb_pid=""
api_pid=""

. "$root/tools/process-group.sh"
. "$root/tests/load/bench-servers.sh"

stop_servers_on_exit

if port_taken "$port"; then
  echo "port $port is in use: choose a free one with PORT=..." >&2; exit 1
fi
start_dynamodb_in_memory "$dynamodb_port" "$dynamodb_log"
start_api_release "$api_url" "$api_log" "$@" || exit 1

status=0
# Both were started with setsid, so each pid is also its process group's id: --cpu-of accounts for their CPU.
# BENCH_ARGS is split on spaces on purpose: it holds several arguments.
# shellcheck disable=SC2086
dotnet run -c Release --no-build --no-launch-profile --project tests/load -- "$command" \
  --target "$api_url" --dynamodb "$dynamodb_url" --table-prefix "$table_prefix" \
  --cpu-of "api=$api_pid" --cpu-of "dynamodb=$dynamodb_pid" ${BENCH_ARGS:-} || status=$?

# A server that died mid-run voids the figures; say so rather than leave only connection errors to puzzle over.
died() {
  echo "$1 (pid $2) exited during the benchmark; last lines of its log:" >&2
  tail -n 5 "$3" >&2 || true
  status=$(( status == 0 ? 1 : status ))
}
kill -0 "$api_pid" 2>/dev/null || died "the API" "$api_pid" "$api_log"
kill -0 "$dynamodb_pid" 2>/dev/null || died "DynamoDB Local" "$dynamodb_pid" "$dynamodb_log"
exit "$status"
