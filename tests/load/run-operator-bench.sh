#!/usr/bin/env bash
# `make bench BENCH=operator`: the operator benchmark (tests/load, command `operator`) against a fresh in-memory DynamoDB
# Local. The benchmark itself runs the fake Kubernetes API and starts the operator binary (Release) as its child, so
# it can read the operator's own peak memory. DynamoDB Local is stopped on the way out, after a failure or Ctrl-C too.
#
# Expects tests/load built in Release (make bench BENCH=operator builds it; the operator binary comes with it). Environment:
#   DYNAMODB_PORT (8101)  BENCH_ARGS  more arguments for `operator`, e.g. "--tenants 20 --concurrency 8"
# DynamoDB Local's log goes to .data/bench/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

dynamodb_port="${DYNAMODB_PORT:-8101}"
dynamodb_url="http://127.0.0.1:${dynamodb_port}"
dynamodb_log="$root/.data/bench/dynamodb-local-operator.log"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
# The operator's key-encryption key, new each run like the in-memory tables (the operator inherits this variable).
export Encryption__LocalKeyFile="$root/.data/bench/kek-operator.key"
rm -f "$Encryption__LocalKeyFile"

dynamodb_pid=""

. "$root/tools/process-group.sh"
. "$root/tests/load/bench-servers.sh"

stop_servers_on_exit

start_dynamodb_in_memory "$dynamodb_port" "$dynamodb_log"

status=0
# BENCH_ARGS is split on spaces on purpose: it holds several arguments.
# shellcheck disable=SC2086
dotnet run -c Release --no-build --no-launch-profile --project tests/load -- operator --dynamodb "$dynamodb_url" ${BENCH_ARGS:-} || status=$?

if ! kill -0 "$dynamodb_pid" 2>/dev/null; then
  echo "DynamoDB Local (pid $dynamodb_pid) exited during the benchmark; last lines of its log:" >&2
  tail -n 5 "$dynamodb_log" >&2 || true
  status=$(( status == 0 ? 1 : status ))
fi
exit "$status"
