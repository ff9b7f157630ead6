namespace BudgetBuddy.Api.Accounts;

/// <summary>
/// An account as clients see it. <see cref="Balance"/> is read-only: opening balance plus every transaction, kept
/// by atomic ADDs in the same write as each money movement.
/// </summary>
public sealed record Account(
    string Id,
    string Name,
    AccountType Type,
    string Currency,
    long OpeningBalance,
    long Balance,
    bool Closed,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version);
