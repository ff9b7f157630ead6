#!/usr/bin/env bash
# `make run`: DynamoDB Local (data kept in .data/dynamodb), tenant "demo" provisioned, the API in the foreground.
# Ctrl-C, SIGTERM or the API exiting stops the API and the DynamoDB Local this script started; a DynamoDB Local
# that already answered on DYNAMODB_PORT is reused and left running.
#
# Expects the solution built (make run builds it first). Environment (make passes these):
#   PORT (8080)  DYNAMODB_PORT (8000)  TENANT (demo)  CONFIGURATION (Debug)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

port="${PORT:-8080}"
dynamodb_port="${DYNAMODB_PORT:-8000}"
tenant="${TENANT:-demo}"
configuration="${CONFIGURATION:-Debug}"
data_dir="$root/.data"
dynamodb_url="http://127.0.0.1:${dynamodb_port}"
api_url="http://127.0.0.1:${port}"

export DynamoDb__ServiceUrl="$dynamodb_url"
export BUDGETBUDDY_SECRETS_DIR="${BUDGETBUDDY_SECRETS_DIR:-$data_dir/secrets}"
# The key-encryption key of local data keys: the provisioner makes it on first use, the API reads the same file.
export Encryption__LocalKeyFile="${Encryption__LocalKeyFile:-$data_dir/kek.key}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export DOTNET_NOLOGO=1

dynamodb_pid=""
api_pid=""

. "$root/tools/process-group.sh"

stop_servers_on_exit

mkdir -p "$data_dir"

if tools/wait-for-dynamodb.sh "$dynamodb_url" 0 2>/dev/null; then
  echo "DynamoDB Local already answers at $dynamodb_url: using it (and leaving it running)." >&2
else
  log="$data_dir/dynamodb-local.log"
  echo "starting DynamoDB Local at $dynamodb_url (data in .data/dynamodb, log in .data/dynamodb-local.log)" >&2
  # setsid: its own process group, so a Ctrl-C reaches only this script, which then stops things in order.
  setsid tools/dynamodb-local.sh --port "$dynamodb_port" --db-path "$data_dir/dynamodb" >"$log" 2>&1 &
  dynamodb_pid=$!
  for (( waited = 0; ; waited++ )); do
    if tools/wait-for-dynamodb.sh "$dynamodb_url" 1 2>/dev/null; then break; fi
    if ! kill -0 "$dynamodb_pid" 2>/dev/null || (( waited >= 30 )); then
      echo "DynamoDB Local did not start at $dynamodb_url (port taken by something else?); last lines of $log:" >&2
      tail -n 20 "$log" >&2 || true
      exit 1
    fi
  done
fi

echo "provisioning tenant '$tenant'" >&2
dotnet run --no-build -c "$configuration" --no-launch-profile --project src/Operator -- provision "$tenant" >&2

cat <<BANNER

  BudgetBuddy API   ${api_url}
  API docs          ${api_url}/docs
  DynamoDB Local    ${dynamodb_url}   ($( [[ -n "$dynamodb_pid" ]] && echo "data kept in .data/; 'make clean-data' forgets it" || echo "reused, started elsewhere" ))
  A token           make -s token TENANT=${tenant} USER=alice
  Try it            curl -H "Authorization: Bearer \$(make -s token TENANT=${tenant} USER=alice)" ${api_url}/v1/accounts
  Another tenant    make tenant TENANT=acme      (while this runs)

  Ctrl-C stops the API$( [[ -n "$dynamodb_pid" ]] && echo " and DynamoDB Local" ).

BANNER

setsid dotnet run --no-build -c "$configuration" --no-launch-profile --project src/Api -- --urls "$api_url" &
api_pid=$!
# `wait` returns early when a trapped signal arrives, so Ctrl-C is handled at once.
set +e
wait "$api_pid"
status=$?
set -e
api_pid=""
echo "the API exited with status $status" >&2
exit "$status"
