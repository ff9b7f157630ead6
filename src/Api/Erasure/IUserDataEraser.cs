using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Erasure;

/// <summary>
/// Deletes one kind of a user's data when the user is erased. Every registered implementation runs after the user's
/// key is destroyed, <see cref="UserPartitionEraser"/> first; a feature that keeps a user's items outside their ledger
/// partition registers one (as the event log does). It must be idempotent (an erasure whose server stopped runs again from the start) and finish only when
/// nothing of the user is left.
/// </summary>
internal interface IUserDataEraser
{
    Task EraseAsync(TenantRecord tenant, string userId, CancellationToken ct);
}
