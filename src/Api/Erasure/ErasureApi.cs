using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Encryption;
using BudgetBuddy.Api.Http;
using BudgetBuddy.TenantContracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBuddy.Api.Erasure;

/// <summary>
/// Erasure of a user's personal data (GDPR Art. 17): users erase themselves, the tenant's back office erases anyone,
/// and both follow the erasure until it completes.
/// </summary>
internal static class ErasureApi
{
    private const int MaxUserIdLength = 200;

    private const string Description =
        "Destroys the user's data key first (so whatever of theirs is sealed, in backups too, opens nowhere), then deletes every item "
        + "of the user: accounts, transactions, budgets, categories, cards, settings, consents, stored idempotent answers, the change feed "
        + "and import jobs. Answers 202 with the erasure and its Location; poll it until status is completed. Asking again is safe: a "
        + "running erasure is answered as it is, a completed one runs again. The audit trail keeps its records, which name users only by "
        + "pseudonym, and gains one saying who asked. Afterwards every route answers for the user as for one who never existed.";

    public static string Location(string id) => $"/v1/erasures/{id}";

    public static IEndpointRouteBuilder MapErasureApi(this IEndpointRouteBuilder app)
    {
        app.MapDelete("/v1/users/me", EraseMe)
            .WithTags("Erasure")
            .WithName("EraseMe")
            .WithSummary("Erase the calling user's personal data.")
            .WithDescription(Description)
            .RequireAuthorization(Policies.BudgetWrite);
        app.MapDelete("/v1/users/{userId}", EraseUser)
            .WithTags("Erasure")
            .WithName("EraseUser")
            .WithSummary("Erase a user's personal data, for the tenant's back office (scope admin).")
            .WithDescription(Description)
            .RequireAuthorization(Policies.Admin);
        app.MapGet("/v1/erasures/{id}", GetErasure)
            .WithTags("Erasure")
            .WithName("GetErasure")
            .WithSummary("Read an erasure: running or completed. Its subject may read it, and the administrator who asked for it.")
            .RequireAuthorization(Policies.AnyScope);
        return app;
    }

    private static async Task<Accepted<UserErasure>> EraseMe(Caller caller, Erasures erasures, TenantCrypto crypto, CancellationToken ct)
    {
        var self = await crypto.PseudonymAsync(caller.Tenant, caller.UserId, ct);
        var erasure = await erasures.RequestAsync(caller.Tenant, caller.UserId, self, Scopes.BudgetWrite, ct);
        return TypedResults.Accepted(Location(erasure.Id), erasure);
    }

    private static async Task<Results<Accepted<UserErasure>, ValidationProblem>> EraseUser(
        string userId, Caller caller, Erasures erasures, TenantCrypto crypto, CancellationToken ct)
    {
        if (userId.Length is 0 or > MaxUserIdLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["userId"] = [$"userId must be 1 to {MaxUserIdLength} characters."] });
        }
        var admin = await crypto.PseudonymAsync(caller.Tenant, caller.UserId, ct);
        var erasure = await erasures.RequestAsync(caller.Tenant, userId, admin, Scopes.Admin, ct);
        return TypedResults.Accepted(Location(erasure.Id), erasure);
    }

    /// <summary>
    /// The subject's and the requester's to read, and nobody else's: another user's erasure is a 404, as any other
    /// user's object is, and so is one another administrator asked for (asking again, which is safe, shows it).
    /// </summary>
    private static async Task<Results<Ok<UserErasure>, ProblemHttpResult>> GetErasure(
        string id, Caller caller, Erasures erasures, TenantCrypto crypto, HttpContext http, CancellationToken ct)
    {
        if (!ResourceId.IsWellFormed(id))
        {
            return Problems.NotFound("erasure", id);
        }
        var self = await crypto.PseudonymAsync(caller.Tenant, caller.UserId, ct);
        var isSubject = AuditPseudonym.Digits(self) == id;
        var erasure = isSubject || GrantedScopes.Include(http.User, Scopes.Admin) ? await erasures.GetAsync(caller.Tenant, id, ct) : null;
        return erasure is not null && (isSubject || erasure.RequestedBy == self)
            ? TypedResults.Ok(erasure.ToResponse())
            : Problems.NotFound("erasure", id);
    }
}
