using System.Globalization;

namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>
/// How the walk reads a route's parameters: a name of <c>id</c> or <c>…Id</c> is the id of a stored object, which must
/// belong to the caller; every other path parameter has to be listed here with why it names no object, or the walk
/// fails, so a new kind of parameter is a decision someone makes rather than a gap nobody sees.
/// </summary>
internal static class RouteParameters
{
    /// <summary>The day the walk's transactions are dated: today, so reports' default ranges include them.</summary>
    public static readonly DateOnly Day = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Path parameters that name no stored object, with the value the walk calls the route with.</summary>
    public static readonly IReadOnlyDictionary<string, NonObjectParameter> NonObjects = new Dictionary<string, NonObjectParameter>(StringComparer.Ordinal)
    {
        // A month is a period, not something anyone owns: every user has every month, and what a route reads or
        // writes in it is found in the caller's own partition. Where a month route does touch an object, the
        // object is a parameter of its own (PUT /v1/budgets/{month}/categories/{categoryId}) and is walked as one.
        // The month is the walk's own, so the owner's budget of that month holds the walk's transactions.
        ["month"] = new(Day.ToString("yyyy-MM", CultureInfo.InvariantCulture), "a calendar month (yyyy-MM): a period every user has, not an owned object"),
        // Erasing a user by id is the back office's (scope admin) within its own tenant, by role and not by ownership;
        // the erasure it starts is an object, walked under /v1/erasures/{id}.
        ["userId"] = new("walked-user", "a user of the caller's tenant, erased by its back office (scope admin): decided by role, not ownership"),
    };

    /// <summary>An id by its name (<c>id</c>, <c>…Id</c>), unless declared a non-object above.</summary>
    public static bool IsObjectId(string name) => (name == "id" || name.EndsWith("Id", StringComparison.Ordinal)) && !NonObjects.ContainsKey(name);

    /// <summary>
    /// The collection a path id belongs to: the literal segment before it, the REST convention the API follows
    /// (<c>/v1/accounts/{id}/import</c> → <c>accounts</c>, <c>/v1/budgets/{month}/categories/{categoryId}</c> →
    /// <c>categories</c>). Null when the id follows no literal segment.
    /// </summary>
    public static string? CollectionOf(string path, string parameter)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.IndexOf(segments, "{" + parameter + "}");
        return at > 0 && !segments[at - 1].StartsWith('{') ? segments[at - 1] : null;
    }
}

/// <summary>A path parameter that names no stored object: the value to call with, and why it is not an object.</summary>
internal sealed record NonObjectParameter(string Value, string Why);
