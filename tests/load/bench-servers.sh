# shellcheck shell=bash disable=SC2154  # dynamodb_url and table_prefix are the sourcing script's
# Sourced by the benchmark and load-test scripts (make bench, loadtest): a DynamoDB Local and an
# API of the run's own. Expects $root (the repository) and tools/process-group.sh sourced.
#
# The API's connections to DynamoDB Local, and the raw storage path's (the load tool reads the same variable): DynamoDB
# Local runs every write under one lock, and past about 16 calls at once more only contend for it; 16 served 775/s
# where no limit served 653/s (docs/performance.md, "DynamoDB Local: what each call costs it"). Set it to override.
: "${DynamoDb__MaxConnections:=16}"
export DynamoDb__MaxConnections

# port_taken PORT: true when something listens on 127.0.0.1:PORT.
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# start_dynamodb_in_memory PORT LOG: starts DynamoDB Local in memory in a process group of its own, sets
# dynamodb_pid (also its process group id), and returns once it answers; exits with its log's tail if it does not.
start_dynamodb_in_memory() {
  local port="$1" log="$2" url="http://127.0.0.1:$1" waited
  # A benchmark measuring someone else's DynamoDB Local would mix in their load.
  if port_taken "$port"; then
    echo "port $port is in use: choose a free one with DYNAMODB_PORT=..." >&2; exit 1
  fi
  mkdir -p "$(dirname "$log")"
  echo "starting DynamoDB Local in memory at $url (log: ${log#"$root"/})" >&2
  setsid "$root/tools/dynamodb-local.sh" --port "$port" --in-memory >"$log" 2>&1 &
  dynamodb_pid=$!
  for (( waited = 0; ; waited++ )); do
    if "$root/tools/wait-for-dynamodb.sh" "$url" 1 2>/dev/null; then break; fi
    if ! kill -0 "$dynamodb_pid" 2>/dev/null || (( waited >= 30 )); then
      echo "DynamoDB Local did not start at $url; last lines of its log:" >&2
      tail -n 20 "$log" >&2 || true
      exit 1
    fi
  done
}

# start_api_release URL LOG [VAR=VALUE ...]: starts the API built in Release (Production) at URL against
# $dynamodb_url with table prefix $table_prefix and any extra settings given, in a process group of its own; sets
# api_pid and returns once it is live (liveness, not readiness: readiness stays DOWN until the registry table exists,
# which the run's provisioning makes). Returns 1 with its log's tail if it does not come up within 60 s.
start_api_release() {
  local url="$1" log="$2" deadline
  shift 2
  echo "starting the API (Release, Production) at $url, table prefix '$table_prefix' (log: ${log#"$root"/})" >&2
  # The gen0 budget the API's image sets (Dockerfile), so benchmarks measure the API as deployed.
  env DynamoDb__ServiceUrl="$dynamodb_url" DynamoDb__TablePrefix="$table_prefix" ASPNETCORE_ENVIRONMENT=Production DOTNET_GCgen0size=0x400000 "$@" \
    setsid dotnet run -c Release --no-build --no-launch-profile --project "$root/src/Api" -- --urls "$url" >"$log" 2>&1 &
  api_pid=$!
  deadline=$(( SECONDS + 60 ))
  until curl -fsS --max-time 2 -o /dev/null "$url/actuator/health/liveness" 2>/dev/null; do
    if ! kill -0 "$api_pid" 2>/dev/null || (( SECONDS >= deadline )); then
      echo "the API did not come up at $url; last lines of its log:" >&2
      tail -n 20 "$log" >&2 || true
      return 1
    fi
    sleep 0.5
  done
}
