namespace BudgetBuddy.TenantContracts.Compliance;

/// <summary>One control checked, with what was found: the evidence an auditor reads.</summary>
/// <param name="Id">Stable id, e.g. <c>encryption-at-rest:ledger</c>.</param>
/// <param name="Status"><c>pass</c>, <c>fail</c>, or <c>unsupported</c> (the endpoint cannot show it, e.g. DynamoDB Local).</param>
public sealed record ComplianceControl(string Id, string Title, string Status, string Evidence)
{
    public const string Pass = "pass";
    public const string Fail = "fail";
    public const string Unsupported = "unsupported";
}
