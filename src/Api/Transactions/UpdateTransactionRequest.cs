namespace BudgetBuddy.Api.Transactions;

/// <summary>
/// Body of <c>PATCH /v1/transactions/{id}</c> (merge patch). On a transfer, a new date or amount moves the paired
/// transaction along (between currencies, send <see cref="TransferAmount"/> with a new amount). An empty
/// <see cref="Splits"/> list removes the splits; <see cref="CategoryId"/> "" removes the category.
/// </summary>
public sealed record UpdateTransactionRequest(
    string? AccountId,
    DateOnly? Date,
    long? Amount,
    string? Payee,
    string? CategoryId,
    string? Memo,
    ClearedState? Cleared,
    IReadOnlyList<SplitLineRequest>? Splits,
    long? TransferAmount);
