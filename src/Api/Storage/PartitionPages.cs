using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Storage;

/// <summary>Pages of one partition's items whose sort key starts with a prefix: a user's, or one of the tenant's own.</summary>
internal static class PartitionPages
{
    /// <summary>
    /// Items in sort-key order (<paramref name="forward"/>) or the reverse. Asks for one item more than the page so
    /// the last page is known to be last (no empty trailing page).
    /// </summary>
    public static async Task<UserItemPage> QueryAsync(
        IAmazonDynamoDB dynamo, string table, string partition, string prefix, int limit, string? after, bool forward, CancellationToken ct)
    {
        var request = new QueryRequest
        {
            TableName = table,
            KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey, ["#sk"] = LedgerTable.SortKey },
            ExpressionAttributeValues = new()
            {
                [":pk"] = new AttributeValue(partition),
                [":prefix"] = new AttributeValue(prefix),
            },
            Limit = limit + 1,
            ScanIndexForward = forward,
            ConsistentRead = true,
        };
        if (after is not null)
        {
            request.ExclusiveStartKey = LedgerKeys.KeyIn(partition, after);
        }

        var items = new List<Dictionary<string, AttributeValue>>(limit + 1);
        do
        {
            var response = await dynamo.QueryAsync(request, ct);
            items.AddRange(response.Items ?? []);
            request.ExclusiveStartKey = response.LastEvaluatedKey;
        }
        while (items.Count <= limit && request.ExclusiveStartKey is { Count: > 0 });

        if (items.Count <= limit)
        {
            return new UserItemPage(items, ContinueAfter: null);
        }
        var page = items.GetRange(0, limit);
        return new UserItemPage(page, page[^1][LedgerTable.SortKey].S);
    }
}
