using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Tenancy;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BudgetBuddy.Api.Operability;

/// <summary>Ready only when DynamoDB answers and the tenant registry table is there: without them no request can succeed.</summary>
internal sealed class RegistryHealthCheck(TenantRegistry registry) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
    {
        try
        {
            await registry.ProbeAsync(ct);
            return HealthCheckResult.Healthy("DynamoDB answers and the registry table exists.");
        }
        catch (ResourceNotFoundException)
        {
            return HealthCheckResult.Unhealthy("The registry table does not exist: provision a tenant first.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"DynamoDB is not reachable ({e.GetType().Name}).");
        }
    }
}
