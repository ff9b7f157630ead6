using BudgetBuddy.TenantContracts.Audit;

namespace BudgetBuddy.Operator.Restore;

/// <summary>
/// What a restore did: the tables it restored into, whether their audit chain verified, and so whether the registry
/// now serves the tenant from them (<see cref="Switched"/>). The tables it restored from are untouched either way.
/// </summary>
public sealed record RestoreOutcome(string LedgerTable, string AuditTable, AuditVerification Verification, bool Switched);
