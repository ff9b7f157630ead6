namespace BudgetBuddy.TenantContracts;

/// <summary>
/// Table names for one deployment. Every table starts with <see cref="Prefix"/> so IAM policies can scope both the
/// API and the operator to <c>arn:aws:dynamodb:*:*:table/&lt;prefix&gt;*</c>.
/// </summary>
public sealed record TenantTables(string Prefix)
{
    public const string DefaultPrefix = "budgetbuddy-";

    public string Registry => $"{Prefix}registry";

    public string Ledger(string tenantId) => $"{Prefix}{TenantId.Require(tenantId)}-ledger";

    public string Audit(string tenantId) => $"{Prefix}{TenantId.Require(tenantId)}-audit";

    /// <summary>The tenant's user keys (<see cref="KeysTable"/>); never restored, so it has no restored name.</summary>
    public string Keys(string tenantId) => $"{Prefix}{TenantId.Require(tenantId)}-keys";

    /// <summary>
    /// The ledger a point-in-time restore to <paramref name="to"/> creates: <c>&lt;prefix&gt;&lt;tenant&gt;-r&lt;yyyyMMddHHmmss&gt;-ledger</c>,
    /// so the IAM policies' <c>&lt;prefix&gt;*-ledger</c> patterns cover it as they cover the tenant's own.
    /// </summary>
    public string RestoredLedger(string tenantId, DateTimeOffset to) => $"{Prefix}{TenantId.Require(tenantId)}-{RestoreStamp(to)}-ledger";

    /// <inheritdoc cref="RestoredLedger"/>
    public string RestoredAudit(string tenantId, DateTimeOffset to) => $"{Prefix}{TenantId.Require(tenantId)}-{RestoreStamp(to)}-audit";

    private static string RestoreStamp(DateTimeOffset to) =>
        "r" + to.UtcDateTime.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
}
