namespace BudgetBuddy.Api.Transactions;

/// <summary>One part of a split transaction; the lines' amounts sum exactly to the transaction's amount.</summary>
public sealed record SplitLine(string? CategoryId, long Amount, string? Memo);
