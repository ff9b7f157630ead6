using BudgetBuddy.Api.Http;

namespace BudgetBuddy.Api.Reports;

/// <summary>How the spending report breaks down its total: <c>category</c> (the default) or <c>month</c>.</summary>
internal static class SpendingGrouping
{
    public const string Category = "category";
    public const string Month = "month";

    /// <returns>The grouping, or null with the problem added to <paramref name="errors"/>.</returns>
    public static string? Parse(string? groupBy, ValidationErrors errors)
    {
        switch (groupBy)
        {
            case null or "" or Category:
                return Category;
            case Month:
                return Month;
            default:
                errors.Add("groupBy", $"groupBy must be {Category} or {Month}.");
                return null;
        }
    }
}
