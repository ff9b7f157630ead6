using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Erasure;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Events;

/// <summary>
/// Erases a user's events: their outbox entries not yet projected, then every event of theirs in their shard's log.
/// The log is read whole, filtered by user (no index lists one user's events; erasure is rare and a shard holds days),
/// and deleted by key: readers page by position and never need a position to exist. It runs after the user's ledger
/// partition is gone, so a projection still under way emits at most "deleted" events, which the next pass removes;
/// it repeats until a pass finds nothing.
/// </summary>
internal sealed class EventLogEraser(IAmazonDynamoDB dynamo, ItemDeleter deleter) : IUserDataEraser
{
    public async Task EraseAsync(TenantRecord tenant, string userId, CancellationToken ct)
    {
        var shard = EventShards.Of(userId);
        while (true)
        {
            var outbox = await KeysAsync(tenant.LedgerTable, OutboxItem.Partition(shard), $"{userId}#", userId, ct);
            var events = await KeysAsync(tenant.LedgerTable, EventItem.Partition(shard), null, userId, ct);
            if (outbox.Count == 0 && events.Count == 0)
            {
                return;
            }
            await deleter.DeleteAsync(tenant.LedgerTable, outbox.Concat(events), ct);
        }
    }

    private async Task<List<Dictionary<string, AttributeValue>>> KeysAsync(string table, string partition, string? sortKeyPrefix, string userId, CancellationToken ct)
    {
        var query = new QueryRequest
        {
            TableName = table,
            KeyConditionExpression = sortKeyPrefix is null ? "#pk = :pk" : "#pk = :pk AND begins_with(#sk, :prefix)",
            FilterExpression = "#user = :user",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey, ["#sk"] = LedgerTable.SortKey, ["#user"] = "user" },
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue(partition), [":user"] = new AttributeValue(userId) },
            ProjectionExpression = "#pk, #sk",
            ConsistentRead = true,
        };
        if (sortKeyPrefix is not null)
        {
            query.ExpressionAttributeValues[":prefix"] = new AttributeValue(sortKeyPrefix);
        }
        var keys = new List<Dictionary<string, AttributeValue>>();
        do
        {
            var page = await dynamo.QueryAsync(query, ct);
            keys.AddRange(page.Items ?? []);
            query.ExclusiveStartKey = page.LastEvaluatedKey;
        }
        while (query.ExclusiveStartKey is { Count: > 0 });
        return keys;
    }
}
