using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBuddy.Api.Events;

internal static class EventsApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/events", ReadEvents)
            .WithTags("Events")
            .WithName("ReadEvents")
            .WithSummary("The tenant's events after the cursor, oldest first; each user's in commit order. Kept at least 7 days.")
            .RequireAuthorization(Policies.EventsRead);
        return app;
    }

    private static async Task<Results<Ok<EventsResponse>, ValidationProblem>> ReadEvents(
        string? since, int? limit, string? types, Caller caller, EventLog log, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (!EventCursor.TryDecode(since, out var positions))
        {
            errors.Add("since", "since must be a cursor this feed returned, or empty to start from the oldest event kept.");
        }
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"limit must be between 1 and {MaxLimit}.");
        }
        var wanted = (types ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        if (wanted.FirstOrDefault(t => !EventTypes.All.Contains(t)) is { } unknown)
        {
            errors.Add("types", $"'{unknown}' is not an event type; types is a comma-separated list of: {string.Join(", ", EventTypes.All)}.");
        }
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        return TypedResults.Ok(await log.ReadAsync(caller.Tenant, positions, size, wanted, ct));
    }
}
