using BudgetBuddy.Api.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBuddy.Api.Http;

/// <summary>The RFC 9457 problems the API answers with, worded once so every endpoint says the same thing.</summary>
internal static class Problems
{
    public static ProblemHttpResult NotFound(string resource, string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Not found",
        detail: $"No {resource} with id '{id}' exists.");

    public static ProblemHttpResult PreconditionFailed() => TypedResults.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed,
        title: "Precondition failed",
        detail: "The resource was changed since the ETag in If-Match was issued; read it again and retry with the new ETag.");

    public static ProblemHttpResult IdempotencyKeyReused() => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "Idempotency key reused",
        detail: "This Idempotency-Key was already used with a different request; use a new key for a new request.");

    public static ProblemHttpResult Conflict(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Conflict",
        detail: detail);

    /// <summary>
    /// A request over the user's or the tenant's rate limit; the caller sets <c>Retry-After</c> to the same seconds.
    /// Its type URI is given explicitly, in the form ASP.NET Core gives the other statuses' problems.
    /// </summary>
    public static ProblemHttpResult TooManyRequests(bool tenantLimit, int retryAfterSeconds) => TypedResults.Problem(
        statusCode: StatusCodes.Status429TooManyRequests,
        title: "Too many requests",
        type: "https://tools.ietf.org/html/rfc6585#section-4",
        detail: tenantLimit
            ? $"Your organisation's plan allows no more requests right now; retry after {retryAfterSeconds} s."
            : $"You have sent more requests than your limit allows; retry after {retryAfterSeconds} s.",
        extensions: new Dictionary<string, object?> { ["limit"] = tenantLimit ? "tenant" : "user", ["retryAfter"] = retryAfterSeconds });

    /// <summary>A request this pod refused because it is at capacity (load shedding); the caller sets <c>Retry-After</c>.</summary>
    public static ProblemHttpResult Overloaded(int retryAfterSeconds) => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Server busy",
        detail: $"This server is at capacity and did not start on the request; retry after {retryAfterSeconds} s.",
        extensions: new Dictionary<string, object?> { ["retryAfter"] = retryAfterSeconds });

    /// <summary>The problem for a failed conditional write of <paramref name="resource"/>.</summary>
    public static ProblemHttpResult ForWrite(WriteStatus status, string resource, string id) => status switch
    {
        WriteStatus.NotFound => NotFound(resource, id),
        WriteStatus.PreconditionFailed => PreconditionFailed(),
        _ => Conflict($"The {resource} is being changed by other requests right now; retry shortly."),
    };
}
