using BudgetBuddy.TenantContracts.Compliance;

namespace BudgetBuddy.IntegrationTests.Compliance;

/// <summary>The statuses a report's controls carry, as the wire shows them.</summary>
internal static class ComplianceStatus
{
    public const string Pass = ComplianceControl.Pass;
    public const string Fail = ComplianceControl.Fail;
    public const string Unsupported = ComplianceControl.Unsupported;
}
