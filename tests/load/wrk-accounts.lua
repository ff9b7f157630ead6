-- wrk's side of the harness cross-check (tests/load/wrk-crosscheck.sh): GET the URL wrk is given as one seeded
-- user. The bearer token comes from BUDGETBUDDY_TOKEN, so it is never written to a file nor shown by `ps`.
local token = os.getenv("BUDGETBUDDY_TOKEN")
if token == nil or token == "" then
  io.stderr:write("BUDGETBUDDY_TOKEN is not set: wrk-crosscheck.sh passes a seeded user's token in it\n")
  os.exit(2)
end
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. token

-- One line for the cross-check to read instead of parsing wrk's human-readable report. Latencies are in
-- microseconds in wrk; errors.status counts answers that were not 2xx or 3xx (a 429 is the cheapest answer there
-- is, so any of them would flatter the throughput).
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "wrk-result requests=%d seconds=%.3f non2xx=%d socket_errors=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, summary.duration / 1e6, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
