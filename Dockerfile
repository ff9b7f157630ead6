# syntax=docker/dockerfile:1
# BudgetBuddy's two images, from one build: `--target api` and `--target operator`, for linux/arm64 (Graviton) and
# linux/amd64:
#
#   docker buildx build --platform linux/arm64,linux/amd64 --target api      -t budgetbuddy-api .
#   docker buildx build --platform linux/arm64,linux/amd64 --target operator -t budgetbuddy-operator .
#   docker buildx build --platform linux/arm64,linux/amd64 --target loadtest -t budgetbuddy-loadtest .
#
# The third image is the load-test harness for the cluster gate (the chart's loadTest Job), not part of the service.
#
# The SDK stages run on the build machine's own platform and publish for the target's architecture (IL plus an apphost
# for TARGETARCH), so an arm64 image builds at native speed instead of running the compiler under emulation. The
# runtime stages are the target platform's chiseled ASP.NET Core image: no shell, no package manager, the runtime
# already inside (so the apps are published framework-dependent), and the non-root user app, UID 1654.

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
# bash for ${TARGETARCH/amd64/x64}: Docker says amd64 where .NET's runtime identifiers say x64.
SHELL ["/bin/bash", "-euo", "pipefail", "-c"]
WORKDIR /src
# Restore from the project files alone, so a change to the code reuses the restored-packages layer.
COPY --link global.json Directory.Build.props Directory.Packages.props BudgetBuddy.sln ./
COPY --link src/TenantContracts/BudgetBuddy.TenantContracts.csproj src/TenantContracts/
COPY --link src/Api/BudgetBuddy.Api.csproj src/Api/
COPY --link src/Operator/BudgetBuddy.Operator.csproj src/Operator/
RUN dotnet restore src/Api -a "${TARGETARCH/amd64/x64}" \
 && dotnet restore src/Operator -a "${TARGETARCH/amd64/x64}"
COPY --link src/ src/

# One publish stage per binary, so building one target does not compile the other.
FROM build AS publish-api
ARG TARGETARCH
RUN dotnet publish src/Api -c Release -a "${TARGETARCH/amd64/x64}" --self-contained false --no-restore -o /out

FROM build AS publish-operator
ARG TARGETARCH
RUN dotnet publish src/Operator -c Release -a "${TARGETARCH/amd64/x64}" --self-contained false --no-restore -o /out

# The harness: a console tool that its Job's pods run from a short bash script (seed, load, merge), so its runtime
# image has a shell; the service's images do not.
FROM build AS publish-loadtest
ARG TARGETARCH
COPY --link tests/support/ tests/support/
COPY --link tests/load/ tests/load/
RUN dotnet publish tests/load -c Release -a "${TARGETARCH/amd64/x64}" --self-contained false -o /out

FROM mcr.microsoft.com/dotnet/runtime:10.0 AS loadtest
WORKDIR /app
COPY --link --from=publish-loadtest /out/ ./
USER 1654
ENTRYPOINT ["/app/budgetbuddy-load"]

# Kubernetes ignores HEALTHCHECK (the chart's probes ask the same endpoints over HTTP); it serves `docker run` and
# Compose. With no shell or curl in the image, each binary answers it itself: `healthcheck` GETs its own health
# endpoint with a 3 s timeout and exits 0 or 1.

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS operator
WORKDIR /app
# Owned by root and read-only to the app user: the process cannot rewrite its own binaries.
COPY --link --from=publish-operator /out/ ./
USER 1654
# The operator listens where `run --urls` says (8081); the base image's 8080 would only earn a startup warning.
ENV ASPNETCORE_HTTP_PORTS=
EXPOSE 8081
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["/app/budgetbuddy-operator", "healthcheck"]
# `run` is part of the entrypoint: the chart passes only the run command's options as args. The local CLI commands
# (provision, token, ...) are one --entrypoint away.
ENTRYPOINT ["/app/budgetbuddy-operator", "run"]

# Last, so a plain `docker build .` gives the API.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS api
WORKDIR /app
COPY --link --from=publish-api /out/ ./
USER 1654
# The base image sets it already; stated here because the HEALTHCHECK finds the API through it.
ENV ASPNETCORE_HTTP_PORTS=8080
# A 4 MB gen0 budget keeps the API's memory at 500 requests/s near 180 MiB instead of 190 (docs/performance.md,
# "Memory"); the GC reads it from the environment only. tests/load/bench-servers.sh sets the same for benchmarks.
ENV DOTNET_GCgen0size=0x400000
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["/app/budgetbuddy-api", "healthcheck"]
ENTRYPOINT ["/app/budgetbuddy-api"]
