using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Events;

/// <summary>Reads a tenant's event log: one shard after a position (delivery), or all shards merged (the pull feed).</summary>
internal sealed class EventLog(IAmazonDynamoDB dynamo)
{
    /// <summary>Events of one shard after <paramref name="after"/>, in order, with their positions.</summary>
    public async Task<IReadOnlyList<(long Position, Event Event)>> ReadShardAsync(
        TenantRecord tenant, int shard, long after, int limit, CancellationToken ct, IReadOnlySet<string>? types = null)
    {
        var (events, _, _) = await QueryAsync(tenant, shard, after, limit, types, ct);
        return events;
    }

    /// <summary>
    /// A page of the whole tenant: each shard read after its position, merged oldest commit first. Only a prefix of each
    /// shard is taken, so the cursor's positions never pass an event the page did not return.
    /// </summary>
    public async Task<EventsResponse> ReadAsync(TenantRecord tenant, long[] positions, int limit, IReadOnlySet<string>? types, CancellationToken ct)
    {
        var shards = await Task.WhenAll(EventShards.All.Select(s => QueryAsync(tenant, s, positions[s], limit, types, ct)));
        var next = (long[])positions.Clone();
        var taken = new int[EventShards.Count];
        var page = new List<Event>(limit);
        while (page.Count < limit)
        {
            var best = -1;
            for (var s = 0; s < shards.Length; s++)
            {
                if (taken[s] < shards[s].Events.Count
                    && (best < 0 || shards[s].Events[taken[s]].Event.Time < shards[best].Events[taken[best]].Event.Time))
                {
                    best = s;
                }
            }
            if (best < 0)
            {
                break;
            }
            var (position, e) = shards[best].Events[taken[best]++];
            page.Add(e);
            next[best] = position;
        }
        for (var s = 0; s < shards.Length; s++)
        {
            // A shard whose matching events were all taken may move on past what the filter skipped.
            if (taken[s] == shards[s].Events.Count && shards[s].ScannedTo is { } scanned && scanned > next[s])
            {
                next[s] = scanned;
            }
        }
        var hasMore = shards.Select((r, s) => taken[s] < r.Events.Count || r.More).Any(m => m);
        return new EventsResponse(page, EventCursor.Encode(next), hasMore);
    }

    /// <summary>
    /// The position to read a shard after to get the events committed from <paramref name="time"/> on: read backwards
    /// from the newest, it is that of the newest event older than <paramref name="time"/>, or just before the oldest
    /// kept one. Commit times of different users can interleave by clock skew, so a few events just before
    /// <paramref name="time"/> may come too; none at or after it is left out.
    /// </summary>
    public async Task<long> PositionBeforeAsync(TenantRecord tenant, int shard, DateTimeOffset time, long head, CancellationToken ct)
    {
        var request = new QueryRequest
        {
            TableName = tenant.LedgerTable,
            KeyConditionExpression = "#pk = :pk",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey, ["#sk"] = LedgerTable.SortKey, ["#at"] = "at" },
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue(EventItem.Partition(shard)) },
            ProjectionExpression = "#sk, #at",
            ScanIndexForward = false,
            ConsistentRead = true,
        };
        var oldest = head;
        do
        {
            var page = await dynamo.QueryAsync(request, ct);
            foreach (var item in page.Items ?? [])
            {
                var position = EventItem.PositionOf(item);
                if (item.GetTime("at") < time)
                {
                    return position;
                }
                oldest = position - 1;
            }
            request.ExclusiveStartKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);
        return oldest;
    }

    private async Task<(List<(long Position, Event Event)> Events, bool More, long? ScannedTo)> QueryAsync(
        TenantRecord tenant, int shard, long after, int limit, IReadOnlySet<string>? types, CancellationToken ct)
    {
        var request = new QueryRequest
        {
            TableName = tenant.LedgerTable,
            KeyConditionExpression = "#pk = :pk AND #sk > :after",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey, ["#sk"] = LedgerTable.SortKey },
            ExpressionAttributeValues = new()
            {
                [":pk"] = new AttributeValue(EventItem.Partition(shard)),
                [":after"] = new AttributeValue(EventItem.SortKey(after)),
            },
            Limit = limit,
            ConsistentRead = true,
        };
        if (types is { Count: > 0 })
        {
            var names = types.Select((t, i) => (Name: $":t{i}", Type: t)).ToList();
            request.FilterExpression = $"#type IN ({string.Join(", ", names.Select(n => n.Name))})";
            request.ExpressionAttributeNames["#type"] = "type";
            foreach (var (name, type) in names)
            {
                request.ExpressionAttributeValues[name] = new AttributeValue(type);
            }
        }
        var response = await dynamo.QueryAsync(request, ct);
        var events = (response.Items ?? []).Select(i => (EventItem.PositionOf(i), EventItem.FromItem(tenant.TenantId, i))).ToList();
        long? scannedTo = response.LastEvaluatedKey is { Count: > 0 } last ? EventItem.PositionOf(last) : null;
        return (events, scannedTo is not null, scannedTo);
    }
}
