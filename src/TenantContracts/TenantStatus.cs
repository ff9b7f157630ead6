namespace BudgetBuddy.TenantContracts;

/// <summary>Whether the API serves a tenant. Anything but <see cref="Active"/> is answered with 403.</summary>
public enum TenantStatus
{
    Active,
    Suspended,
}
