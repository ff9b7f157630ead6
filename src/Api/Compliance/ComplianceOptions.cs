namespace BudgetBuddy.Api.Compliance;

/// <summary>What <c>GET /v1/compliance/report</c> holds tenants to (section <c>Compliance</c>).</summary>
public sealed class ComplianceOptions
{
    public const string Section = "Compliance";

    /// <summary>Oldest the newest data key may be; provisioning rotates at 90 days, a day's grace for the next resync.</summary>
    public int MaxDataKeyAgeDays { get; set; } = 91;

    /// <summary>Items of each of the tenant's tables read to look for plaintext card numbers.</summary>
    public int PanScanSampleSize { get; set; } = 1000;
}
