using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Storage;

/// <summary>Write items for the caller's partition, ready to join a TransactWriteItems.</summary>
internal static class LedgerWrites
{
    /// <summary>Puts a new item; fails rather than overwrite one that exists under the same key.</summary>
    public static LedgerWrite Insert(Caller caller, string name, Dictionary<string, AttributeValue> item) => new(name, new()
    {
        Put = new Put
        {
            TableName = caller.Tenant.LedgerTable,
            Item = item,
            ConditionExpression = "attribute_not_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey },
        },
    });
}
