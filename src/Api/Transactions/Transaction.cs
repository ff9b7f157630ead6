namespace BudgetBuddy.Api.Transactions;

/// <summary>
/// A money movement in one account, in integer minor units of the account's <see cref="Currency"/> (negative =
/// outflow). A transfer is two transactions, one per account, that point at each other.
/// </summary>
public sealed record Transaction(
    string Id,
    string AccountId,
    DateOnly Date,
    long Amount,
    string Currency,
    string? Payee,
    string? CategoryId,
    string? Memo,
    ClearedState Cleared,
    string? ImportId,
    IReadOnlyList<SplitLine>? Splits,
    string? TransferAccountId,
    string? TransferTransactionId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version);
