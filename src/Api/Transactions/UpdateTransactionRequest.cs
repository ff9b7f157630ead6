namespace BudgetBuddy.Api.Transactions;

/// <summary>
/// Body of <c>PATCH /v1/transactions/{id}</c> (merge patch). On a transfer, a new date or amount moves the paired
/// transaction along (between currencies, send <see cref="TransferAmount"/> with a new amount). An empty
/// <see cref="Splits"/> list removes the splits; <see cref="CategoryId"/> "" removes the category.
/// </summary>
/// <param name="Sensitive">
/// true seals payee and memos (and the other side of a transfer); false unseals them, refused while the category or a
/// split line's category is sensitive. Left out, the transaction stays as sensitive as it was, and becomes sensitive
/// when it moves into a sensitive category.
/// </param>
public sealed record UpdateTransactionRequest(
    string? AccountId,
    DateOnly? Date,
    long? Amount,
    string? Payee,
    string? CategoryId,
    string? Memo,
    ClearedState? Cleared,
    IReadOnlyList<SplitLineRequest>? Splits,
    long? TransferAmount,
    bool? Sensitive);
