using System.Globalization;

namespace BudgetBuddy.Api.Budgets;

/// <summary>
/// Where money lands in the budget: a month, a currency, and a category or one of the pseudo-buckets for
/// uncategorised inflow (income), uncategorised outflow and transfers. Every transaction adds its amount to
/// buckets, so reports and budgets read buckets, never every transaction.
/// </summary>
internal readonly record struct BucketKey(string Month, string Currency, string Bucket)
{
    public const string Income = "INCOME";
    public const string Uncategorized = "UNCATEGORIZED";
    public const string Transfer = "TRANSFER";
    public const string SortKeyPrefix = "BUDGET#";

    public string SortKey => $"{SortKeyPrefix}{Month}#{Currency}#{Bucket}";

    /// <summary>The budget entry's id in the change feed.</summary>
    public string Id => $"{Month}:{Currency}:{Bucket}";

    public static string MonthOf(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The lowest sort key of <paramref name="fromMonth"/>'s buckets, or of all buckets without one.</summary>
    public static string FirstSortKey(string? fromMonth) => SortKeyPrefix + (fromMonth ?? "0000");

    /// <summary>The highest sort key a bucket of <paramref name="toMonth"/> can have.</summary>
    public static string LastSortKey(string toMonth) => $"{SortKeyPrefix}{toMonth}#~";
}
