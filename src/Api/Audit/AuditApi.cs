using BudgetBuddy.TenantContracts.Audit;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Encryption;
using BudgetBuddy.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

using BudgetBuddy.Api.BreachDetection;

namespace BudgetBuddy.Api.Audit;

/// <summary><c>/v1/audit</c>: the tenant's tamper-evident audit log, for holders of the <c>audit:read</c> scope.</summary>
internal static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/audit").WithTags("Audit");
        group.MapGet("", ListAudit)
            .WithName("ListAudit")
            .WithSummary("The tenant's audit records in chain order, oldest first; filter by actor (a user id or its pseudonym), action, outcome and time (from inclusive, to exclusive).")
            .RequireAuthorization(Policies.AuditRead);
        group.MapGet("/verify", VerifyAudit)
            .WithName("VerifyAudit")
            .WithSummary("Recompute the tenant's hash chain from its first record and report the first record that does not check out.")
            .RequireAuthorization(Policies.AuditRead);
        return app;
    }

    private static async Task<Results<Ok<ListResponse<AuditEntry>>, ValidationProblem>> ListAudit(
        Caller caller,
        AuditQueries queries,
        TenantCrypto crypto,
        string? actor,
        string? action,
        string? outcome,
        string? from,
        string? to,
        int? limit,
        string? cursor,
        CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var filter = AuditFilter.Parse(actor, action, outcome, from, to, errors);
        var page = PageRequest.Parse(limit, cursor, AuditQueries.Collection, AuditQueries.IsSequenceKey, errors);
        if (filter is null || page is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        // Records name users by pseudonym: a user id is looked for as its pseudonym.
        if (filter.Actor is { } named && !named.StartsWith(AuditPseudonym.Prefix, StringComparison.Ordinal))
        {
            filter = filter with { Actor = await crypto.PseudonymAsync(caller.Tenant, named, ct) };
        }
        return TypedResults.Ok(await queries.ListAsync(caller.Tenant.AuditTable, filter, page, ct));
    }

    private static async Task<Ok<AuditVerification>> VerifyAudit(Caller caller, AuditVerifier verifier, SecuritySignals signals, CancellationToken ct)
    {
        var verification = await verifier.VerifyAsync(caller.Tenant.AuditTable, ct);
        if (!verification.Intact)
        {
            signals.Raise(caller.TenantId, SecuritySignal.AuditChainBroken);
        }
        return TypedResults.Ok(verification);
    }
}
