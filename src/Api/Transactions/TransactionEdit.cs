namespace BudgetBuddy.Api.Transactions;

/// <summary>
/// An edit planned on a transaction's plain state: the transaction as it will be, and its transfer's other side when
/// that changes too (null when it stays as it is).
/// </summary>
internal sealed record TransactionEdit(Transaction Updated, Transaction? UpdatedPair, bool ChangesNothing);
