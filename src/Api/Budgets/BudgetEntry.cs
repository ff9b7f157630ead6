namespace BudgetBuddy.Api.Budgets;

/// <summary>
/// A stored budget bucket as the change feed shows it: what was assigned to a category in a month and the activity
/// of its transactions. <see cref="CategoryId"/> is a category id or INCOME, UNCATEGORIZED, TRANSFER.
/// </summary>
public sealed record BudgetEntry(string Month, string Currency, string CategoryId, long Assigned, long Activity);
