namespace BudgetBuddy.Api.Http;

/// <summary>Validated <c>limit</c> and <c>cursor</c> query parameters of a list endpoint.</summary>
internal sealed record PageRequest(int Limit, string? After)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <returns>The page to read, or null with the problems added to <paramref name="errors"/>.</returns>
    public static PageRequest? Parse(int? limit, string? cursor, string collection, string sortKeyPrefix, ValidationErrors errors)
    {
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"limit must be between 1 and {MaxLimit}.");
        }
        string? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (PageCursor.TryDecode(cursor, collection, sortKeyPrefix, out var decoded))
            {
                after = decoded;
            }
            else
            {
                errors.Add("cursor", "cursor is not one this list returned; start again without it.");
            }
        }
        return errors.Any ? null : new PageRequest(size, after);
    }
}
