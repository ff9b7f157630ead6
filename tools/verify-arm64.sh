#!/usr/bin/env bash
# `make verify-arm64`: evidence that the API runs on arm64 (EKS Graviton) from a machine that is not arm64. Publishes
# the API self-contained for linux-arm64, shows the binary is aarch64, then runs it under qemu user-mode emulation
# against an in-memory DynamoDB Local with one tenant provisioned, until /actuator/health answers 200, and prints
# the status, the body and the evidence that the emulated arm64 binary is the one answering.
#
# Needs qemu-user-static and the arm64 C/C++ runtime the .NET host loads (Debian multiarch: libc6 libstdc++6
# libgcc-s1 libicu72 libssl3 zlib1g, all :arm64), plus file and curl. As root it installs what is missing with apt;
# otherwise it names the command to run. Also needs the .NET SDK, Java and DynamoDB Local (make verify-arm64
# installs it).
#
# Environment: PORT, DYNAMODB_PORT (free ones are picked when unset)  CONFIGURATION (Debug: for the operator CLI)
#   VERIFY_DEADLINE (300): seconds the emulated API has to answer; a JIT under emulation starts in 10-60 s here.
# Everything it writes goes to .data/arm64/: the publish, its intermediate files, the tenant's secret, the local KEK,
# the logs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

out="$root/.data/arm64"
configuration="${CONFIGURATION:-Debug}"
deadline_s="${VERIFY_DEADLINE:-300}"
tenant="arm64-check"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
# One local key-encryption key for the provisioning CLI and the API, as one deployment shares one; made afresh, like
# the tables, because the DynamoDB Local behind it is in memory.
export Encryption__LocalKeyFile="$out/kek.key"

dynamodb_pid=""
api_pid=""

. "$root/tools/process-group.sh"

api_name="the arm64 API"
stop_servers_on_exit

# --- prerequisites -------------------------------------------------------------------------------------------------
command -v dotnet >/dev/null 2>&1 || { echo "dotnet not found: install the .NET 10 SDK (https://dot.net)" >&2; exit 1; }
command -v java >/dev/null 2>&1 || { echo "java not found: install Java 17+ (e.g. apt-get install openjdk-17-jre-headless)" >&2; exit 1; }

arm64_libraries=(libc6:arm64 libstdc++6:arm64 libgcc-s1:arm64 libicu72:arm64 libssl3:arm64 zlib1g:arm64)
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
missing=()
command -v qemu-aarch64-static >/dev/null 2>&1 || missing+=(qemu-user-static)
command -v file >/dev/null 2>&1 || missing+=(file)
command -v curl >/dev/null 2>&1 || missing+=(curl)
for package in "${arm64_libraries[@]}"; do
  installed "$package" || missing+=("$package")
done
add_arch=false
dpkg --print-foreign-architectures | grep -qx arm64 || add_arch=true

if (( ${#missing[@]} > 0 )); then
  command="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
  [[ "$add_arch" == true ]] && command="dpkg --add-architecture arm64 && $command"
  if [[ $EUID -ne 0 ]]; then
    echo "missing ${missing[*]}: run as root: $command" >&2
    exit 1
  fi
  mkdir -p "$out"
  echo "installing with apt (log: .data/arm64/apt.log): ${missing[*]}" >&2
  if ! DEBIAN_FRONTEND=noninteractive bash -c "$command" >"$out/apt.log" 2>&1; then
    echo "apt could not install ${missing[*]}; last lines of .data/arm64/apt.log:" >&2
    tail -n 15 "$out/apt.log" >&2
    exit 1
  fi
fi

# --- publish for linux-arm64 ---------------------------------------------------------------------------------------
# --artifacts-path moves the bin and obj of every project in this publish (project.assets.json included) under
# .data/arm64/artifacts. A RID-specific restore in the usual obj/ would rewrite src/*/obj/project.assets.json, which
# the normal Debug/Release builds and `dotnet test --no-restore/--no-build` read: they must not notice this ran.
echo "publishing src/Api (Release, self-contained, linux-arm64) into .data/arm64/api" >&2
rm -rf "$out/api"
mkdir -p "$out"
if ! dotnet publish src/Api -c Release -r linux-arm64 --self-contained --artifacts-path "$out/artifacts" -o "$out/api" \
     -nologo -v q -clp:ErrorsOnly >"$out/publish.log" 2>&1; then
  echo "dotnet publish failed; last lines of .data/arm64/publish.log:" >&2
  tail -n 20 "$out/publish.log" >&2
  exit 1
fi
binary="$out/api/budgetbuddy-api"
binary_file="$(file -b "$binary")"
if [[ "$binary_file" != *"ARM aarch64"* ]]; then
  echo "the published binary is not aarch64: $binary_file" >&2
  exit 1
fi

# --- DynamoDB Local with one tenant, so readiness (and the aggregate health) can be UP ----------------------------
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local candidate
  for _ in {1..50}; do
    candidate=$(( 20000 + RANDOM % 30000 ))
    port_taken "$candidate" || { echo "$candidate"; return 0; }
  done
  echo "no free port found between 20000 and 50000" >&2
  return 1
}
dynamodb_port="${DYNAMODB_PORT:-$(free_port)}"
if port_taken "$dynamodb_port"; then echo "port $dynamodb_port is in use: choose a free one with DYNAMODB_PORT=" >&2; exit 1; fi
dynamodb_url="http://127.0.0.1:${dynamodb_port}"

echo "starting DynamoDB Local in memory at $dynamodb_url (log: .data/arm64/dynamodb-local.log)" >&2
setsid tools/dynamodb-local.sh --port "$dynamodb_port" --in-memory >"$out/dynamodb-local.log" 2>&1 &
dynamodb_pid=$!
for (( waited = 0; ; waited++ )); do
  if tools/wait-for-dynamodb.sh "$dynamodb_url" 1 2>/dev/null; then break; fi
  if ! kill -0 "$dynamodb_pid" 2>/dev/null || (( waited >= 30 )); then
    echo "DynamoDB Local did not start at $dynamodb_url; last lines of its log:" >&2
    tail -n 20 "$out/dynamodb-local.log" >&2 || true
    exit 1
  fi
done

# The operator CLI runs natively: only the API is under test here.
echo "provisioning tenant '$tenant' with the operator CLI ($configuration)" >&2
if ! build_log=$(dotnet build src/Operator -c "$configuration" -nologo -v q -clp:ErrorsOnly 2>&1); then
  echo "$build_log" >&2
  exit 1
fi
rm -rf "$out/secrets" "$Encryption__LocalKeyFile"
DynamoDb__ServiceUrl="$dynamodb_url" BUDGETBUDDY_SECRETS_DIR="$out/secrets" \
  dotnet run --no-build -c "$configuration" --no-launch-profile --project src/Operator -- provision "$tenant" --timeout 60 >&2

# --- the arm64 API under emulation ---------------------------------------------------------------------------------
# Debian's multiarch packages put the arm64 loader and libraries where the binary's ELF interpreter path points
# (/lib/ld-linux-aarch64.so.1), so qemu needs no -L sysroot. Called directly, so no binfmt_misc registration is needed.
# Picked only now, so it cannot be the port DynamoDB Local was just given.
port="${PORT:-$(free_port)}"
if port_taken "$port"; then echo "port $port is in use: choose a free one with PORT=" >&2; exit 1; fi
api_url="http://127.0.0.1:${port}"
echo "starting the linux-arm64 API under qemu-aarch64-static at $api_url (log: .data/arm64/api.log)" >&2
started=$SECONDS
DynamoDb__ServiceUrl="$dynamodb_url" ASPNETCORE_ENVIRONMENT=Production \
  setsid qemu-aarch64-static "$binary" --urls "$api_url" --contentRoot "$out/api" >"$out/api.log" 2>&1 &
api_pid=$!

status="000"
until [[ "$status" == 200 ]]; do
  if ! kill -0 "$api_pid" 2>/dev/null; then
    echo "the arm64 API exited before answering; last lines of .data/arm64/api.log:" >&2
    tail -n 20 "$out/api.log" >&2 || true
    exit 1
  fi
  if (( SECONDS - started >= deadline_s )); then
    echo "the arm64 API did not answer 200 on /actuator/health within ${deadline_s}s (last status $status); last lines of .data/arm64/api.log:" >&2
    tail -n 20 "$out/api.log" >&2 || true
    exit 1
  fi
  sleep 1
  status=$(curl -s -o "$out/health.json" -w '%{http_code}' --max-time 10 "$api_url/actuator/health" 2>/dev/null) || true
done
answered_after=$(( SECONDS - started ))

# The Docker HEALTHCHECK's own path, run under emulation too.
healthcheck_status=0
healthcheck_line=$(ASPNETCORE_URLS="$api_url" qemu-aarch64-static "$binary" healthcheck) || healthcheck_status=$?

echo
echo "== host"
echo "uname -m: $(uname -m)"
echo "== published binary (.data/arm64/api)"
echo "file budgetbuddy-api: $binary_file"
echo "file libcoreclr.so:   $(file -b "$out/api/libcoreclr.so")"
echo "== the process answering on $api_url"
echo "pid $api_pid exe: $(readlink "/proc/$api_pid/exe")"
echo "pid $api_pid cmdline: $(tr '\0' ' ' <"/proc/$api_pid/cmdline")"
echo "pid $api_pid maps: $(grep -m1 -o '/[^ ]*/libcoreclr\.so' "/proc/$api_pid/maps" || echo 'libcoreclr.so not mapped')"
echo "== GET $api_url/actuator/health (first 200 after ${answered_after}s under emulation)"
echo "HTTP $status"
cat "$out/health.json"
echo
echo "== budgetbuddy-api healthcheck (the image's HEALTHCHECK), under qemu-aarch64-static"
echo "$healthcheck_line (exit $healthcheck_status)"
echo
if (( healthcheck_status != 0 )); then
  echo "verify-arm64: FAILED: the healthcheck command did not report healthy" >&2
  exit 1
fi
echo "verify-arm64: OK: the linux-arm64 API answered /actuator/health with 200 under emulation"
