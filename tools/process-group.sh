# Sourced by the scripts that start DynamoDB Local and the API in the background (make run, loadtest, bench).
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

# stop_servers_on_exit: however the sourcing script ends, stops the groups in its $api_pid and $dynamodb_pid (either
# may be empty) and keeps its exit status; Ctrl-C ends it with 130, TERM with 143, HUP with 129. Signals that arrive
# during the cleanup are ignored, so it always finishes (within about 10 s per group). A script with more to stop
# first defines before_servers_stop; $api_name names its API in the messages (default "the API").
stop_servers_on_exit() {
  trap _stop_servers_and_exit EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
}

_stop_servers_and_exit() {
  local status=$?
  # Ignored, not reset: a second Ctrl-C or a TERM sent to the whole group (make, a CI timeout) would otherwise kill
  # this shell halfway, leaving DynamoDB Local running. stop_group ends in SIGKILL, so the cleanup is bounded.
  trap '' INT TERM HUP
  trap - EXIT
  if declare -F before_servers_stop >/dev/null; then before_servers_stop; fi
  stop_group "${api_pid:-}" "${api_name:-the API}"
  stop_group "${dynamodb_pid:-}" "DynamoDB Local"
  exit "$status"
}
