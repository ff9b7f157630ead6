using BudgetBuddy.Operator.Tenants;
using BudgetBuddy.Operator.Tenants.Validation;

namespace BudgetBuddy.Operator.Reconciliation;

/// <summary>
/// A tenant as read from the API server. With <see cref="Violations"/>, its spec broke the rules and
/// <see cref="Tenant"/> carries metadata and status only (a default spec that must not be acted on);
/// <see cref="Unreadable"/> says the spec did not even fit the operator's types.
/// </summary>
internal sealed record TenantRead(BudgetBuddyTenant Tenant, IReadOnlyList<SpecViolation> Violations, bool Unreadable = false)
{
    public bool IsValid => Violations.Count == 0;
}
