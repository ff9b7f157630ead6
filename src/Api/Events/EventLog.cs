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
    /// How far before the time asked <see cref="PositionBeforeAsync"/> reads on: positions follow projection, not
    /// commit time exactly (a batch is grouped by user, pods' clocks differ, a projection may run late), so an event
    /// committed at or after the time may sit below one committed up to this much earlier.
    /// </summary>
    public static readonly TimeSpan OrderMargin = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The position to read a shard after to get every event committed from <paramref name="time"/> on: read
    /// backwards from the newest until <see cref="OrderMargin"/> before the time, it is the one just below the lowest
    /// position committed at or after it (<paramref name="head"/> when there is none). Events a little older come
    /// with them; none at or after the time is left out.
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
        var start = head;
        do
        {
            var page = await dynamo.QueryAsync(request, ct);
            foreach (var item in page.Items ?? [])
            {
                var at = item.GetTime("at");
                if (at < time - OrderMargin)
                {
                    return start;
                }
                if (at >= time)
                {
                    start = EventItem.PositionOf(item) - 1;
                }
            }
            request.ExclusiveStartKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);
        return start;
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
