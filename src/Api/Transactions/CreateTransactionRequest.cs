namespace BudgetBuddy.Api.Transactions;

/// <summary>
/// Body of <c>POST /v1/transactions</c>. With <see cref="TransferAccountId"/> the paired transaction is created in
/// that account; between accounts of different currencies <see cref="TransferAmount"/> states what arrives there.
/// </summary>
public sealed record CreateTransactionRequest(
    string? AccountId,
    DateOnly? Date,
    long? Amount,
    string? Payee,
    string? CategoryId,
    string? Memo,
    ClearedState? Cleared,
    string? ImportId,
    IReadOnlyList<SplitLineRequest>? Splits,
    string? TransferAccountId,
    long? TransferAmount);
