namespace BudgetBuddy.Api.Http;

/// <summary>Validated <c>limit</c> and <c>cursor</c> query parameters of a list endpoint.</summary>
internal sealed record PageRequest(int Limit, string? After)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <param name="collection">What the cursor must have been issued for: the list and, where it has them, its filters.</param>
    /// <param name="isSortKey">
    /// Whether a decoded sort key is one the list could have issued. A cursor is client input: a key outside the
    /// query's key range makes DynamoDB refuse the whole query, so it is checked here, before storage sees it.
    /// </param>
    /// <returns>The page to read, or null with the problems added to <paramref name="errors"/>.</returns>
    public static PageRequest? Parse(int? limit, string? cursor, string collection, Func<string, bool> isSortKey, ValidationErrors errors)
    {
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"limit must be between 1 and {MaxLimit}.");
        }
        string? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (PageCursor.TryDecode(cursor, collection, "", out var decoded) && isSortKey(decoded))
            {
                after = decoded;
            }
            else
            {
                errors.Add("cursor", "cursor is not one this list returned with these filters; start again without it.");
            }
        }
        return errors.Any ? null : new PageRequest(size, after);
    }
}
