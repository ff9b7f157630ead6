namespace BudgetBuddy.Api.Transactions;

/// <summary>A split line as sent by a client; <see cref="Amount"/> is required.</summary>
public sealed record SplitLineRequest(string? CategoryId, long? Amount, string? Memo);
