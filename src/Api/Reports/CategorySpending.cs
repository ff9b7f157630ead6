namespace BudgetBuddy.Api.Reports;

/// <summary>
/// A category's spending over the report's range; refunds into the category offset it, so it can be negative.
/// <see cref="CategoryId"/> is <c>UNCATEGORIZED</c> (with no name or group) for outflow nobody categorised, and
/// <see cref="Name"/> is also null for a category deleted since.
/// </summary>
public sealed record CategorySpending(string CategoryId, string? Name, string? Group, long Amount);
