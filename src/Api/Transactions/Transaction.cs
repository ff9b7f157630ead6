namespace BudgetBuddy.Api.Transactions;

/// <summary>
/// A money movement in one account, in integer minor units of the account's <see cref="Currency"/> (negative =
/// outflow). A transfer is two transactions, one per account, that point at each other.
/// </summary>
/// <param name="Sensitive">
/// Health spending (PHI): payee and memos are encrypted at rest and every read of them is audited. True when the
/// client asked for it or the transaction's category or a split line's category was sensitive when it was written.
/// </param>
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
    bool Sensitive,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version);
