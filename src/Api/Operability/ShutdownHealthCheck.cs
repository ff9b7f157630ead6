using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BudgetBuddy.Api.Operability;

/// <summary>
/// Reports not-ready as soon as shutdown begins, so the load balancer stops sending new requests while in-flight
/// ones finish.
/// </summary>
internal sealed class ShutdownHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("Shutting down.")
            : HealthCheckResult.Healthy());
}
