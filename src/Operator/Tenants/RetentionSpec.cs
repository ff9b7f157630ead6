using System.Text.Json.Serialization;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Operator.Tenants;

/// <summary>
/// How long the tenant keeps its data. The API stamps each transaction, audit record and closed account with its
/// expiry as it writes it, and DynamoDB's time to live deletes it after that; a change applies to items written
/// afterwards.
/// </summary>
public sealed class RetentionSpec
{
    /// <summary>Years a transaction is kept after its date.</summary>
    [JsonPropertyName("transactionsYears")]
    public int TransactionsYears { get; set; } = RetentionPolicy.DefaultYears;

    /// <summary>Years an audit record is kept after it was written.</summary>
    [JsonPropertyName("auditYears")]
    public int AuditYears { get; set; } = RetentionPolicy.DefaultYears;

    /// <summary>Years a closed account is kept after it was closed.</summary>
    [JsonPropertyName("closedAccountsYears")]
    public int ClosedAccountsYears { get; set; } = RetentionPolicy.DefaultYears;

    public RetentionPolicy ToPolicy() => new(TransactionsYears, AuditYears, ClosedAccountsYears);
}
