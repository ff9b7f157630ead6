using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Operator.Provisioning;

/// <summary>The desired state of one tenant, as the BudgetBuddyTenant spec or the CLI states it.</summary>
public sealed record TenantRequest(
    string TenantId, string? DisplayName = null, TenantPlan? Plan = null, bool Suspended = false, TableSettings? Storage = null);
