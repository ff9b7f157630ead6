namespace BudgetBuddy.TenantContracts;

/// <summary>
/// The tenant's append-only audit log: <c>PK = CHAIN#&lt;chain&gt;</c>, <c>SK = SEQ#&lt;zero-padded sequence&gt;</c>, so
/// several hash chains can be written and verified independently.
/// </summary>
public static class AuditTable
{
    public const string PartitionKey = "PK";
    public const string SortKey = "SK";

    /// <summary>
    /// Epoch seconds after which DynamoDB may delete a chained record, as the tenant's retention policy sets it. The
    /// chain head never carries it, and verification starts from the oldest record still present.
    /// </summary>
    public const string ExpiresAt = "expiresAt";

    public static readonly TableDefinition Definition = new(PartitionKey, SortKey, [], ExpiresAt);
}
