#!/usr/bin/env bash
# `make bench BENCH=events`: the webhook delivery-lag benchmark (tests/load, command `events`) against a fresh in-memory DynamoDB
# Local and the API in Release. Starts both, waits until the API is live, runs the benchmark, and stops both on the way
# out, after a failure or Ctrl-C too.
#
# Expects src/Api and tests/load built in Release (make bench builds them first). Environment:
#   PORT (8170)  DYNAMODB_PORT (8120)  TABLE_PREFIX (budgetbuddy-bench-)
#   BENCH_ARGS   more arguments for `events`, e.g. "--rate 100 --duration 120"
# The API's and DynamoDB Local's logs go to .data/bench-events/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

port="${PORT:-8170}"
dynamodb_port="${DYNAMODB_PORT:-8120}"
table_prefix="${TABLE_PREFIX:-budgetbuddy-bench-}"
api_url="http://127.0.0.1:${port}"
dynamodb_url="http://127.0.0.1:${dynamodb_port}"
log_dir="$root/.data/bench-events"
dynamodb_log="$log_dir/dynamodb-local.log"
api_log="$log_dir/api.log"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
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
# The receiver is on loopback, which only this setting lets a webhook reach.
start_api_release "$api_url" "$api_log" Webhooks__AllowLoopback=true || exit 1

status=0
# shellcheck disable=SC2086
dotnet run -c Release --no-build --no-launch-profile --project tests/load -- events \
  --target "$api_url" --dynamodb "$dynamodb_url" --table-prefix "$table_prefix" \
  --cpu-of "api=$api_pid" --cpu-of "dynamodb=$dynamodb_pid" ${BENCH_ARGS:-} || status=$?

kill -0 "$api_pid" 2>/dev/null || { echo "the API exited during the benchmark; see $api_log" >&2; status=1; }
kill -0 "$dynamodb_pid" 2>/dev/null || { echo "DynamoDB Local exited during the benchmark; see $dynamodb_log" >&2; status=1; }
exit "$status"
