#!/usr/bin/env bash
# Waits until DynamoDB Local answers at URL, or fails after timeout_s seconds (default 30).
#
#   tools/wait-for-dynamodb.sh URL [timeout_s]
#
# With curl it sends a real ListTables call (DynamoDB Local checks that a SigV4-shaped Authorization header is
# present but not the signature); without curl it only checks that the TCP port accepts connections.
# Exit 0 when it answers, 1 on timeout.
set -euo pipefail

url="${1:?usage: $0 URL [timeout_s]}"
timeout_s="${2:-30}"
deadline=$(( SECONDS + timeout_s ))

answers() {
  if command -v curl >/dev/null 2>&1; then
    curl -s --max-time 2 -X POST "$url" \
      -H 'X-Amz-Target: DynamoDB_20120810.ListTables' \
      -H 'Content-Type: application/x-amz-json-1.0' \
      -H 'Authorization: AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' \
      -d '{}' 2>/dev/null | grep -q '"TableNames"'
  else
    # http://host:port[/...] -> host and port for bash's /dev/tcp.
    local authority="${url#*://}"
    authority="${authority%%/*}"
    local host="${authority%:*}" port="${authority##*:}"
    [[ "$host" == "$authority" ]] && port=80
    (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
  fi
}

until answers; do
  if (( SECONDS >= deadline )); then
    echo "DynamoDB Local did not answer at $url within ${timeout_s}s (is it running, on that port?)" >&2
    exit 1
  fi
  sleep 0.5
done
