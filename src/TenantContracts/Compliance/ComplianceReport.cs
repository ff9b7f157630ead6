namespace BudgetBuddy.TenantContracts.Compliance;

/// <summary>A tenant's controls as checked at <see cref="GeneratedAt"/>; compliant when none failed.</summary>
public sealed record ComplianceReport(string Tenant, DateTimeOffset GeneratedAt, bool Compliant, IReadOnlyList<ComplianceControl> Controls);
