using BudgetBuddy.Api.Audit;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBuddy.Api.Consents;

internal static class ConsentsApi
{
    public static IEndpointRouteBuilder MapConsentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/consents").WithTags("Consents");
        group.MapGet("", GetConsents)
            .WithName("GetConsents").WithSummary("The user's consent decisions, one per purpose decided on, with the text version, source and time.")
            .RequireAuthorization(Policies.BudgetRead);
        group.MapPut("", SetConsent)
            .WithName("SetConsent").WithSummary("Grant or revoke a consent (purpose sensitive-data); the decision is recorded in the audit trail.")
            .WithDescription("Marking transactions or categories sensitive (health-related spending) needs the sensitive-data consent; "
                + "without it such a write answers 403 naming the consent. Revoking it stops new marking; data already sealed stays sealed.")
            .RequireAuthorization(Policies.BudgetWrite);
        return app;
    }

    private static async Task<Ok<UserConsents>> GetConsents(Caller caller, ConsentStore consents, CancellationToken ct) =>
        TypedResults.Ok(await consents.GetAsync(caller, ct));

    private static async Task<Results<Ok<UserConsents>, ValidationProblem>> SetConsent(
        SetConsentRequest request, Caller caller, HttpContext http, ConsentStore consents, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (request.Purpose is null || !ConsentPurposes.All.Contains(request.Purpose, StringComparer.Ordinal))
        {
            errors.Add("purpose", $"purpose must be one of: {string.Join(", ", ConsentPurposes.All)}.");
        }
        if (request.Granted is null)
        {
            errors.Add("granted", "granted must be true (grant) or false (revoke).");
        }
        if (string.IsNullOrWhiteSpace(request.Version) || request.Version.Length > SetConsentRequest.MaxVersionLength || request.Version.Any(char.IsControl))
        {
            errors.Add("version", $"version must name the version of the consent text shown (1-{SetConsentRequest.MaxVersionLength} characters).");
        }
        if (string.IsNullOrWhiteSpace(request.Source) || request.Source.Length > SetConsentRequest.MaxSourceLength || request.Source.Any(char.IsControl))
        {
            errors.Add("source", $"source must say where the decision was made, e.g. app or back-office (1-{SetConsentRequest.MaxSourceLength} characters).");
        }
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        await consents.SetAsync(caller, RequestAudit.Of(http), request, ct);
        return TypedResults.Ok(await consents.GetAsync(caller, ct));
    }
}
