using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Load.Storage;

/// <summary>Puts of new items that fail rather than overwrite an item under the same key, as the API inserts.</summary>
internal static class Inserts
{
    public static Put Put(LedgerUser user, Dictionary<string, AttributeValue> item) => new()
    {
        TableName = user.LedgerTable,
        Item = item,
        ConditionExpression = "attribute_not_exists(#pk)",
        ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey },
    };
}
