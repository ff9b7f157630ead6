using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBuddy.Api.Changes;

internal static class ChangesApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapChangesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/changes", ReadChanges)
            .WithTags("Sync")
            .WithName("ReadChanges")
            .WithSummary("Delta sync: every account, category, transaction and budget entry created, updated or deleted since the cursor, in commit order.")
            .RequireAuthorization(Policies.BudgetRead);
        return app;
    }

    private static async Task<Results<Ok<ChangesResponse>, ValidationProblem>> ReadChanges(
        string? since, int? limit, Caller caller, ChangeFeed feed, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (!ChangeCursor.TryDecode(since, out var sequence))
        {
            errors.Add("since", "since must be a cursor this feed returned, or empty to start from the beginning.");
        }
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"limit must be between 1 and {MaxLimit}.");
        }
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        return TypedResults.Ok(await feed.ReadAsync(caller, sequence, size, ct));
    }
}
