#!/usr/bin/env bash
# Startup of the API as `make bench` and docs/performance.md ("ReadyToRun and Native AOT") report it: the time from
# starting the process to its first 200 on /actuator/health/readiness, and its resident memory once idle after that.
# Starts the command RUNS times, one after the other, and prints each run and the medians.
#
#   tests/load/measure-startup.sh URL COMMAND [ARGS...]
#   e.g. app="$PWD/src/Api/bin/Release/net10.0"
#        DynamoDb__ServiceUrl=http://127.0.0.1:8400 tests/load/measure-startup.sh http://127.0.0.1:8480 \
#          "$app/budgetbuddy-api" --urls http://127.0.0.1:8480 --contentRoot "$app"
#
# COMMAND must serve URL, and should be the app itself (its apphost, `dotnet app.dll`, a Native AOT binary): with
# `dotnet run` the figures would include the CLI's build check and its own memory. Give the API an absolute
# --contentRoot, its folder: it reads appsettings.json from there (a relative one is taken from the app's folder).
# Readiness needs a DynamoDB with the registry table: give the API its settings in the environment
# (DynamoDb__ServiceUrl, DynamoDb__TablePrefix, ...) and provision a tenant first (the load tool's `seed` does).
# Environment:
#   RUNS (5)  IDLE_SECONDS (3): how long after ready the memory is read  TIMEOUT_SECONDS (60): per start
# Each run also says how busy the rest of the machine kept the cores meanwhile. The last line is for scripts:
# `startup median_ready_ms=N median_rss_mib=N median_other_cpu_percent=N runs=N`. Exits 1 when a start fails.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [[ $# -lt 2 ]]; then
  echo "usage: $0 URL COMMAND [ARGS...]" >&2; exit 2
fi
url="${1%/}"
shift
: "${RUNS:=5}" "${IDLE_SECONDS:=3}" "${TIMEOUT_SECONDS:=60}"
if [[ ! "$url" =~ ^http://([^:/]+):([0-9]+)$ ]]; then
  echo "URL must be http://HOST:PORT, got '$url'" >&2; exit 2
fi
host="${BASH_REMATCH[1]}" port="${BASH_REMATCH[2]}"

. "$root/tools/process-group.sh"
app_pid=""
scratch=$(mktemp -d)
log="$scratch/app.log"
trap 'stop_group "$app_pid" "the API" 2>/dev/null; rm -rf "$scratch"' EXIT

# The polling loop forks nothing: curl, `sleep` or a $(...) every 10 ms would take CPU from the start it times (this
# machine has two cores). It asks through bash's own /dev/tcp, waits by reading a FIFO that never has data, and
# reads the clock from EPOCHREALTIME.
mkfifo "$scratch/never"
exec 9<>"$scratch/never"
pause() { read -r -t "$1" -u 9 _ || true; }
# Sets ready_status to the readiness endpoint's status code, 000 when nothing answers.
ask_readiness() {
  ready_status=000
  { exec 3<>"/dev/tcp/$host/$port"; } 2>/dev/null || return 0
  printf 'GET /actuator/health/readiness HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$host:$port" >&3
  read -r -t 2 _ ready_status _ <&3 || true
  exec 3<&-
}
# Sets now_ms to whole milliseconds since the epoch (EPOCHREALTIME is seconds.microseconds).
clock() { local t="${EPOCHREALTIME/[.,]/}"; now_ms=$(( t / 1000 )); }
# Resident memory of every process in the group, in KiB: the app, and anything it started.
group_rss_kib() {
  local total=0 pid rss
  for pid in $(pgrep -g "$1"); do
    rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
    total=$(( total + ${rss:-0} ))
  done
  echo "$total"
}
# Busy and total clock ticks of all cores, from the first line of /proc/stat.
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9; exit }' /proc/stat; }
# utime + stime of the group's processes, in the same ticks (fields counted after the name's closing parenthesis).
group_ticks() { cat /proc/[0-9]*/stat 2>/dev/null | awk -v g="$1" '{ sub(/^.*\) /, ""); if ($3 == g) t += $12 + $13 } END { print t + 0 }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
  echo "something already listens at $url: stop it first" >&2; exit 1
fi

ready_times=() rss_values=() other_values=()
for (( run = 1; run <= RUNS; run++ )); do
  read -r busy0 total0 < <(machine_ticks)
  clock
  started=$now_ms
  setsid "$@" >"$log" 2>&1 &
  app_pid=$!
  deadline=$(( started + TIMEOUT_SECONDS * 1000 ))
  while ask_readiness; [[ "$ready_status" != 200 ]]; do
    clock
    if ! kill -0 "$app_pid" 2>/dev/null || (( now_ms >= deadline )); then
      # The API logs JSON lines of several kB each: the start of each is what says what went wrong.
      echo "run $run: not ready within ${TIMEOUT_SECONDS} s; last lines of its output (cut at 300 characters):" >&2
      tail -n 10 "$log" | cut -c1-300 >&2
      exit 1
    fi
    pause 0.01
  done
  clock
  ready_ms=$(( now_ms - started ))
  read -r busy1 total1 < <(machine_ticks)
  # What the rest of the machine used while the app started: on a shared machine, the reason two runs differ.
  other=$(awk -v b=$(( busy1 - busy0 - $(group_ticks "$app_pid") )) -v t=$(( total1 - total0 )) \
    'BEGIN { printf "%.0f", (t > 0 && b > 0 ? 100 * b / t : 0) }')
  sleep "$IDLE_SECONDS"
  rss_mib=$(awk -v k="$(group_rss_kib "$app_pid")" 'BEGIN { printf "%.1f", k / 1024 }')
  echo "run $run: ready in $ready_ms ms, idle RSS $rss_mib MiB (other processes: $other % of the cores while it started)"
  ready_times+=("$ready_ms") rss_values+=("$rss_mib") other_values+=("$other")
  stop_group "$app_pid" "the API" 2>/dev/null
  app_pid=""
  # The next start must find the port free, or it would time a failure to bind.
  while (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; do pause 0.1; done
done
ready_median=$(printf '%s\n' "${ready_times[@]}" | median)
rss_median=$(printf '%s\n' "${rss_values[@]}" | median)
other_median=$(printf '%s\n' "${other_values[@]}" | median)
echo "median of $RUNS: ready in $ready_median ms, idle RSS $rss_median MiB (other processes: $other_median % of the cores)"
echo "startup median_ready_ms=$ready_median median_rss_mib=$rss_median median_other_cpu_percent=$other_median runs=$RUNS"
