namespace BudgetBuddy.Api.Transactions;

/// <summary>What to list: one account or all, optionally one category, between two dates (inclusive).</summary>
internal sealed record TransactionFilter(string? AccountId, string? CategoryId, DateOnly? From, DateOnly? To);
