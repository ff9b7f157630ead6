#!/usr/bin/env bash
# `make bench BENCH=money`: the money benchmark (tests/load, command `money`) against a fresh in-memory DynamoDB Local and
# the API in Release. Starts both, waits until the API is live, runs the benchmark, and stops both on the way out,
# after a failure or Ctrl-C too. Each runs in a process group of its own (setsid), so stopping it stops everything
# it launched (`dotnet run` and the app).
#
# Expects src/Api and tests/load built in Release (make bench BENCH=money builds them first). Environment:
#   PORT (8180)  DYNAMODB_PORT (8100)  TABLE_PREFIX (budgetbuddy-bench-)
#   BENCH_ARGS   more arguments for `money`, e.g. "--post-seconds 5 --seed-transactions 1000"
# The API's and DynamoDB Local's logs go to .data/bench/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

port="${PORT:-8180}"
dynamodb_port="${DYNAMODB_PORT:-8100}"
table_prefix="${TABLE_PREFIX:-budgetbuddy-bench-}"
api_url="http://127.0.0.1:${port}"
dynamodb_url="http://127.0.0.1:${dynamodb_port}"
log_dir="$root/.data/bench"
dynamodb_log="$log_dir/dynamodb-local.log"
api_log="$log_dir/api.log"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
# One key-encryption key for the benchmark's provisioning and its API, new each run like the in-memory tables.
export Encryption__LocalKeyFile="$log_dir/kek.key"
rm -f "$Encryption__LocalKeyFile"

dynamodb_pid=""
api_pid=""

. "$root/tools/process-group.sh"
. "$root/tests/load/bench-servers.sh"

stop_servers_on_exit

# The benchmark needs an API of its own: measuring someone else's would mix in their load.
if port_taken "$port"; then
  echo "port $port is in use: choose a free one with PORT=..." >&2; exit 1
fi
start_dynamodb_in_memory "$dynamodb_port" "$dynamodb_log"

# The benchmark drives one user with 16 workers, far past a client's 600 requests a minute: the per-user limit is
# raised so it measures the write path, not the limiter's 429s (the tenant's default plan, 1,000/s, is not reached).
start_api_release "$api_url" "$api_log" RateLimits__UserRequestsPerMinute=1000000 RateLimits__UserBurst=100000 || exit 1

# Both were started with setsid, so each pid is also its process group's id: --cpu-of accounts for their CPU.
# BENCH_ARGS is split on spaces on purpose: it holds several arguments.
status=0
# shellcheck disable=SC2086
dotnet run -c Release --no-build --no-launch-profile --project tests/load -- money \
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
