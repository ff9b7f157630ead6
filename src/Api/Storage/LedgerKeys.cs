using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Storage;

/// <summary>Key construction for the ledger's single-table design: all of a user's items under one partition key.</summary>
internal static class LedgerKeys
{
    public static string UserPartition(string userId) => $"USER#{userId}";

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
