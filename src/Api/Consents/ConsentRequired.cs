using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBuddy.Api.Consents;

/// <summary>The 403 of a write that needs a consent the user has not granted, naming it in <c>consent</c>.</summary>
internal static class ConsentRequired
{
    public static ProblemHttpResult Problem(string purpose) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Consent required",
        detail: $"Marking data sensitive (health-related) needs the user's '{purpose}' consent: record it with PUT /v1/consents first.",
        extensions: new Dictionary<string, object?> { ["consent"] = purpose });
}
