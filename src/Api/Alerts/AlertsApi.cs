using BudgetBuddy.Api.Audit;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBuddy.Api.Alerts;

internal static class AlertsApi
{
    public const int MaxLowBalanceAlerts = 100;

    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/alerts").WithTags("Alerts");
        group.MapGet("", GetAlerts)
            .WithName("GetAlerts").WithSummary("The user's alert settings: low-balance thresholds, the large-transaction amount, overspend alerts.")
            .RequireAuthorization(Policies.BudgetRead);
        group.MapPut("", SetAlerts)
            .WithName("SetAlerts").WithSummary("Replace the user's alert settings; events are recorded for what is set from now on.")
            .RequireAuthorization(Policies.BudgetWrite);
        return app;
    }

    private static async Task<Ok<AlertSettings>> GetAlerts(Caller caller, AlertSettingsStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.GetAsync(caller, ct));

    private static async Task<Results<Ok<AlertSettings>, ValidationProblem>> SetAlerts(
        AlertSettings request, Caller caller, HttpContext http, AlertSettingsStore store, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var lowBalance = request.LowBalance ?? [];
        if (lowBalance.Count > MaxLowBalanceAlerts)
        {
            errors.Add("lowBalance", $"lowBalance holds at most {MaxLowBalanceAlerts} accounts.");
        }
        for (var i = 0; i < lowBalance.Count; i++)
        {
            if (lowBalance[i] is not { AccountId: { } id } || !ResourceId.IsWellFormed(id))
            {
                errors.Add($"lowBalance[{i}].accountId", "accountId must be an account id.");
            }
        }
        var ids = lowBalance.Select(a => a?.AccountId).OfType<string>().Where(ResourceId.IsWellFormed).ToList();
        if (ids.Count != ids.Distinct(StringComparer.Ordinal).Count())
        {
            errors.Add("lowBalance", "Each account may appear once.");
        }
        if (!errors.Any && lowBalance.Count > 0)
        {
            var existing = await store.ExistingAccountsAsync(caller, ids, ct);
            for (var i = 0; i < lowBalance.Count; i++)
            {
                if (!existing.Contains(lowBalance[i].AccountId))
                {
                    errors.Add($"lowBalance[{i}].accountId", $"No account with id '{lowBalance[i].AccountId}' exists.");
                }
            }
        }
        if (request.LargeTransaction is <= 0)
        {
            errors.Add("largeTransaction", "largeTransaction must be a positive amount in minor units, or null for none.");
        }
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        return TypedResults.Ok(await store.SetAsync(caller, RequestAudit.Of(http), request with { LowBalance = lowBalance }, ct));
    }
}
