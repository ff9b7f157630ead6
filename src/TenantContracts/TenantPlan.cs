namespace BudgetBuddy.TenantContracts;

/// <summary>The tenant's request allowance, enforced by the API's per-tenant rate limiter.</summary>
public sealed record TenantPlan(int RequestsPerMinute, int Burst)
{
    public static readonly TenantPlan Default = new(60_000, 1_000);
}
