using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Storage;

namespace BudgetBuddy.Api.Transactions;

/// <summary>
/// What a transaction edit or delete came to: done (with the new state), refused by validation, a conflict the
/// client must resolve (<see cref="ConflictDetail"/>), or a failed precondition or missing transaction.
/// </summary>
internal sealed record TransactionOutcome(WriteStatus Status, Transaction? Value = null, ValidationErrors? Errors = null, string? ConflictDetail = null)
{
    public static TransactionOutcome Invalid(ValidationErrors errors) => new(WriteStatus.Done, Errors: errors);

    public static TransactionOutcome Conflict(string detail) => new(WriteStatus.Done, ConflictDetail: detail);
}
