namespace BudgetBuddy.TenantContracts;

/// <summary>
/// The tenant's single-table ledger. Every item of a user lives under <c>PK = USER#&lt;userId&gt;</c>, so one user's
/// data is one partition key and every access pattern is a GetItem or a Query.
/// </summary>
public static class LedgerTable
{
    public const string PartitionKey = "PK";
    public const string SortKey = "SK";

    /// <summary>One account's transactions by date (<c>GSI1PK = USER#u#ACCOUNT#a</c>, <c>GSI1SK = &lt;date&gt;#&lt;id&gt;</c>).</summary>
    public const string Gsi1 = "GSI1";
    public const string Gsi1PartitionKey = "GSI1PK";
    public const string Gsi1SortKey = "GSI1SK";

    /// <summary>All of a user's transactions by date (<c>GSI2PK = USER#u#TXN</c>, <c>GSI2SK = &lt;date&gt;#&lt;id&gt;</c>).</summary>
    public const string Gsi2 = "GSI2";
    public const string Gsi2PartitionKey = "GSI2PK";
    public const string Gsi2SortKey = "GSI2SK";

    /// <summary>
    /// Epoch seconds after which DynamoDB may delete the item: idempotency records and import jobs after a day or so,
    /// transactions and closed accounts as the tenant's retention policy says.
    /// </summary>
    public const string ExpiresAt = "expiresAt";

    public static readonly TableDefinition Definition = new(
        PartitionKey,
        SortKey,
        [new IndexDefinition(Gsi1, Gsi1PartitionKey, Gsi1SortKey), new IndexDefinition(Gsi2, Gsi2PartitionKey, Gsi2SortKey)],
        ExpiresAt);
}
