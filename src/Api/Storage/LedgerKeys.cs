using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Storage;

/// <summary>Key construction for the ledger's single-table design: all of a user's items under one partition key.</summary>
internal static class LedgerKeys
{
    public static string UserPartition(string userId) => $"USER#{userId}";

    /// <summary>
    /// The partition of one erasure's record, outside every user's partition so it outlives the user's; the API's IAM
    /// policy grants <c>ERASURE#*</c> beside <c>USER#*</c>.
    /// </summary>
    public static string ErasurePartition(string erasureId) => $"ERASURE#{erasureId}";

    public static Dictionary<string, AttributeValue> ErasureKey(string erasureId, string sortKey) => KeyIn(ErasurePartition(erasureId), sortKey);

    public static Dictionary<string, AttributeValue> Key(string userId, string sortKey) => KeyIn(UserPartition(userId), sortKey);

    /// <summary>
    /// The key of an item in a partition of the tenant's own (webhook endpoints, their deliveries); the API's IAM
    /// policy names each such partition, so a new one is a decision made there too.
    /// </summary>
    public static Dictionary<string, AttributeValue> KeyIn(string partition, string sortKey) => new()
    {
        [LedgerTable.PartitionKey] = new AttributeValue(partition),
        [LedgerTable.SortKey] = new AttributeValue(sortKey),
    };
}
