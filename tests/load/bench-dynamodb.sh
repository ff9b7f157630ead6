# Sourced by the benchmark scripts (make bench-money, make bench-operator): a DynamoDB Local of the benchmark's own.
# Expects $root (the repository) and tools/process-group.sh sourced.
#
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
