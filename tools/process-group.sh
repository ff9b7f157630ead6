# Sourced by the scripts that start DynamoDB Local and the API in the background (make run, make bench-money).
#
# stop_group PID NAME: stops a process group started with setsid (so `dotnet run` takes the app it launched with
# it), politely first, then for good after 10 s.
stop_group() {
  local pid="$1" name="$2"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  echo "stopping $name (pid $pid)" >&2
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in {1..40}; do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
