using BudgetBuddy.Api.Audit;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.BreachDetection;
using BudgetBuddy.Api.RateLimiting;
using BudgetBuddy.TenantContracts.Compliance;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.Compliance;

/// <summary><c>/v1/compliance/report</c>: the tenant's controls checked now, with evidence, for holders of the <c>admin</c> scope.</summary>
internal static class ComplianceApi
{
    public static IEndpointRouteBuilder MapComplianceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/compliance/report", Report)
            .WithTags("Compliance")
            .WithName("GetComplianceReport")
            .WithSummary("Check the tenant's controls now (encryption at rest, point-in-time recovery, audit chain, data-key age, no plaintext card numbers, rate limits) and report each with its evidence.")
            .RequireAuthorization(Policies.Admin);
        return app;
    }

    private static async Task<Ok<ComplianceReport>> Report(
        Caller caller,
        ComplianceChecker checker,
        AuditChainer chainer,
        SecuritySignals signals,
        IOptions<ComplianceOptions> options,
        IOptions<RateLimitOptions> limits,
        CancellationToken ct)
    {
        // The chain is checked as of now: what was done a moment ago is chained first.
        await chainer.ChainAsync(caller.Tenant.AuditTable, ct);
        var policy = new CompliancePolicy(options.Value.MaxDataKeyAgeDays, options.Value.PanScanSampleSize);
        var report = await checker.RunAsync(caller.Tenant, policy, [UserRateLimit(limits.Value)], ct);
        if (!report.Compliant)
        {
            signals.Raise(caller.TenantId, SecuritySignal.ComplianceControlFailed);
        }
        return TypedResults.Ok(report);
    }

    // Only the API knows its per-user limit; the operator's report leaves this control out.
    private static ComplianceControl UserRateLimit(RateLimitOptions limits) =>
        limits.UserRequestsPerMinute > 0 && limits.UserBurst > 0
            ? new("rate-limit-user", "Per-user rate limit configured", ComplianceControl.Pass,
                $"{limits.UserRequestsPerMinute} requests per minute per user, burst {limits.UserBurst} (per-pod buckets, each sized for {limits.Replicas} pod(s)).")
            : new("rate-limit-user", "Per-user rate limit configured", ComplianceControl.Fail, "No per-user request limit is set.");
}
