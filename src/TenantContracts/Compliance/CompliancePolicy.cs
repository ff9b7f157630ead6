namespace BudgetBuddy.TenantContracts.Compliance;

/// <summary>What the checks hold a tenant to.</summary>
/// <param name="MaxDataKeyAgeDays">Oldest the newest data key may be (provisioning rotates at 90 days by default).</param>
/// <param name="PanScanSampleSize">Items of the ledger read to look for plaintext card numbers.</param>
public sealed record CompliancePolicy(int MaxDataKeyAgeDays = 91, int PanScanSampleSize = 1000);
