using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Storage;

/// <summary>Key construction for the ledger's single-table design: all of a user's items under one partition key.</summary>
internal static class LedgerKeys
{
    public static string UserPartition(string userId) => $"USER#{userId}";

    public static Dictionary<string, AttributeValue> Key(string userId, string sortKey) => new()
    {
        [LedgerTable.PartitionKey] = new AttributeValue(UserPartition(userId)),
        [LedgerTable.SortKey] = new AttributeValue(sortKey),
    };
}
