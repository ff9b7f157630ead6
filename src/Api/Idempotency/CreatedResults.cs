using BudgetBuddy.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBuddy.Api.Idempotency;

internal static class CreatedResults
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>The 201 for a create, with its ETag, marked when it is the replay of an earlier identical request.</summary>
    public static Created<T> ToCreated<T>(this CreateOutcome<T> outcome, HttpResponse response, Func<T, long> version)
    {
        response.Headers.ETag = EntityTag.For(version(outcome.Body!));
        if (outcome.Replayed)
        {
            response.Headers[ReplayedHeader] = "true";
        }
        return TypedResults.Created(outcome.Location, outcome.Body);
    }
}
