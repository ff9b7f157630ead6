namespace BudgetBuddy.Api.Transactions;

/// <summary>
/// Body of <c>POST /v1/transactions</c>. With <see cref="TransferAccountId"/> the paired transaction is created in
/// that account; between accounts of different currencies <see cref="TransferAmount"/> states what arrives there.
/// </summary>
/// <param name="Sensitive">
/// Health spending: encrypt payee and memos at rest and audit their reads. A transaction in a sensitive category (or
/// with a split line in one) is sensitive without it. A transfer's two sides are sealed together.
/// </param>
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
    long? TransferAmount,
    bool? Sensitive);
