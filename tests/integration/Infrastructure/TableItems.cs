using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.IntegrationTests.Infrastructure;

/// <summary>Every item of a table, read raw and strongly consistent, as someone with table access (or a backup) sees them.</summary>
internal static class TableItems
{
    public static async Task<List<Dictionary<string, AttributeValue>>> AllAsync(IAmazonDynamoDB dynamo, string table)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        var scan = new ScanRequest { TableName = table, ConsistentRead = true };
        do
        {
            var page = await dynamo.ScanAsync(scan);
            items.AddRange(page.Items);
            scan.ExclusiveStartKey = page.LastEvaluatedKey;
        }
        while (scan.ExclusiveStartKey is { Count: > 0 });
        return items;
    }
}
