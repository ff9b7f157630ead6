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
}
