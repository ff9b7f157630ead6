using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Events;

/// <summary>
/// Removes a user's events and pending outbox entries: they live in the tenant's shard partitions, outside the user's
/// own. The shard's log keeps its positions (the gap is where the erased events were), so cursors stay valid.
/// </summary>
internal sealed class EventErasure(IAmazonDynamoDB dynamo)
{
    public async Task EraseAsync(TenantRecord tenant, string userId, CancellationToken ct)
    {
        var shard = EventShards.Of(userId);
        // The outbox entries of the user sort together (user#sequence).
        await DeleteAllAsync(tenant.LedgerTable, new QueryRequest
        {
            TableName = tenant.LedgerTable,
            KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :user)",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey, ["#sk"] = LedgerTable.SortKey },
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue(OutboxItem.Partition(shard)), [":user"] = new AttributeValue(userId + "#") },
            ProjectionExpression = "#pk, #sk",
            ConsistentRead = true,
        }, ct);
        // The log is ordered by position, not user: the shard is read through (a few days of events) and the user's deleted.
        await DeleteAllAsync(tenant.LedgerTable, new QueryRequest
        {
            TableName = tenant.LedgerTable,
            KeyConditionExpression = "#pk = :pk",
            FilterExpression = "#user = :user",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey, ["#sk"] = LedgerTable.SortKey, ["#user"] = "user" },
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue(EventItem.Partition(shard)), [":user"] = new AttributeValue(userId) },
            ProjectionExpression = "#pk, #sk",
            ConsistentRead = true,
        }, ct);
    }

    private async Task DeleteAllAsync(string table, QueryRequest query, CancellationToken ct)
    {
        do
        {
            var page = await dynamo.QueryAsync(query, ct);
            foreach (var chunk in (page.Items ?? []).Chunk(25))
            {
                // Projected to its key, each item is its own key.
                var pending = chunk.Select(key => new WriteRequest(new DeleteRequest(key))).ToList();
                for (var attempt = 0; pending.Count > 0; attempt++)
                {
                    if (attempt > 0)
                    {
                        await Task.Delay(Backoff.Jittered(attempt), ct);
                    }
                    var response = await dynamo.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [table] = pending } }, ct);
                    pending = response.UnprocessedItems?.GetValueOrDefault(table) ?? [];
                }
            }
            query.ExclusiveStartKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (query.ExclusiveStartKey is not null);
    }
}
