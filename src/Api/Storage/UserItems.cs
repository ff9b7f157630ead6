using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Storage;

/// <summary>
/// Reads of one user's items in a tenant's ledger. Every read is keyed by the caller's own partition, so an id from
/// another user or tenant simply finds nothing (404), never someone else's data.
/// </summary>
internal sealed class UserItems(IAmazonDynamoDB dynamo)
{
    public async Task<Dictionary<string, AttributeValue>?> GetAsync(string table, string userId, string sortKey, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            Key = LedgerKeys.Key(userId, sortKey),
            // Read-your-writes: a client that just created an item must find it.
            ConsistentRead = true,
        }, ct);
        return response.IsItemSet ? response.Item : null;
    }

    /// <summary>The caller's items with these sort keys that exist, by sort key (strongly consistent, 100 keys a call).</summary>
    public async Task<Dictionary<string, Dictionary<string, AttributeValue>>> BatchGetAsync(
        string table, string userId, IEnumerable<string> sortKeys, CancellationToken ct)
    {
        var found = new Dictionary<string, Dictionary<string, AttributeValue>>(StringComparer.Ordinal);
        foreach (var chunk in sortKeys.Distinct(StringComparer.Ordinal).Chunk(100))
        {
            var pending = new KeysAndAttributes { Keys = chunk.Select(k => LedgerKeys.Key(userId, k)).ToList(), ConsistentRead = true };
            // DynamoDB may leave keys unprocessed under load; ask again for exactly those.
            while (pending is { Keys.Count: > 0 })
            {
                var response = await dynamo.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = new() { [table] = pending } }, ct);
                foreach (var item in response.Responses?.GetValueOrDefault(table) ?? [])
                {
                    found[item[LedgerTable.SortKey].S] = item;
                }
                pending = response.UnprocessedKeys?.GetValueOrDefault(table);
            }
        }
        return found;
    }

    /// <summary>
    /// Every item whose sort key lies between <paramref name="from"/> and <paramref name="to"/> (both included), in
    /// sort-key order, strongly consistent, page after page: for ranges known to hold a user's handful, not thousands.
    /// </summary>
    public async Task<List<Dictionary<string, AttributeValue>>> RangeAsync(string table, string userId, string from, string to, CancellationToken ct)
    {
        var request = new QueryRequest
        {
            TableName = table,
            KeyConditionExpression = "#pk = :pk AND #sk BETWEEN :lo AND :hi",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey, ["#sk"] = LedgerTable.SortKey },
            ExpressionAttributeValues = new()
            {
                [":pk"] = new AttributeValue(LedgerKeys.UserPartition(userId)),
                [":lo"] = new AttributeValue(from),
                [":hi"] = new AttributeValue(to),
            },
            ConsistentRead = true,
        };
        var items = new List<Dictionary<string, AttributeValue>>();
        do
        {
            var response = await dynamo.QueryAsync(request, ct);
            items.AddRange(response.Items ?? []);
            request.ExclusiveStartKey = response.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });
        return items;
    }

    /// <summary>
    /// Items whose sort key starts with <paramref name="prefix"/>, in sort-key order. Asks for one item more than the
    /// page so the last page is known to be last (no empty trailing page).
    /// </summary>
    public Task<UserItemPage> QueryPageAsync(string table, string userId, string prefix, int limit, string? after, CancellationToken ct) =>
        PartitionPages.QueryAsync(dynamo, table, LedgerKeys.UserPartition(userId), prefix, limit, after, forward: true, ct);
}
