using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;
using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.Events;

/// <summary>
/// Moves a shard's outbox into its event log. Each transaction appends events at the positions after the head, moves
/// the head (only if this pod still holds the lease and nobody moved it since) and deletes the outbox entries it
/// covered: an entry is either still pending or has all its events in the log, never both or neither, so each
/// committed change yields its events exactly once, whichever pod projects it and however often it dies.
/// </summary>
internal sealed class EventProjector(IAmazonDynamoDB dynamo, Outbox outbox, UserEvents users, EventMetrics metrics, IOptions<EventsOptions> options, TimeProvider time)
{
    // DynamoDB takes 100 items a transaction; one is the head's update.
    private const int MaxItems = 99;

    // An entry with more events than fit in one transaction is recorded over several, noting how far it got.
    private const int EventsPerPart = 90;

    /// <returns>How many events were recorded.</returns>
    /// <exception cref="ShardLeaseLostException">Another pod took the shard (this pod was paused past its lease).</exception>
    public async Task<int> ProjectAsync(ShardLease lease, CancellationToken ct)
    {
        var table = lease.Tenant.LedgerTable;
        var pending = await outbox.PendingAsync(lease.Tenant, lease.Shard, ct);
        metrics.Backlog(lease.Tenant.TenantId, lease.Shard, "outbox", pending.Count);
        if (pending.Count == 0)
        {
            return 0;
        }

        var batch = new Batch(lease);
        var recorded = 0;
        // Sort keys are user#sequence, so each user's entries arrive together and in commit order.
        foreach (var group in pending.GroupBy(e => e.UserId, StringComparer.Ordinal))
        {
            var (entries, state) = await users.BuildAsync(lease.Tenant, group.Key, [.. group], ct);
            for (var i = 0; i < entries.Count; i++)
            {
                var (entry, events) = entries[i];
                var remaining = events.Skip(entry.Emitted).ToList();
                var lastOfUser = i == entries.Count - 1;
                var emitted = entry.Emitted;
                do
                {
                    var part = remaining.Take(EventsPerPart).ToList();
                    remaining = remaining.Skip(part.Count).ToList();
                    var final = remaining.Count == 0;
                    var withState = final && lastOfUser && state.Changed;
                    if (batch.Room < part.Count + 1 + (withState ? 1 : 0))
                    {
                        recorded += await CommitAsync(batch, ct);
                        batch = new Batch(lease);
                    }
                    foreach (var e in part)
                    {
                        batch.Append(e, time.GetUtcNow() + options.Value.Retention);
                    }
                    emitted += part.Count;
                    batch.Items.Add(final ? Delete(table, entry) : Progress(table, entry, emitted));
                    if (withState)
                    {
                        batch.Items.Add(state.Put(table, group.Key));
                    }
                    batch.Lags.Add((time.GetUtcNow() - entry.At).TotalSeconds);
                    if (!final)
                    {
                        // The entry's next part writes the entry again (progress or delete), which one transaction
                        // may not do twice.
                        recorded += await CommitAsync(batch, ct);
                        batch = new Batch(lease);
                    }
                }
                while (remaining.Count > 0);
            }
        }
        return recorded + await CommitAsync(batch, ct);
    }

    private async Task<int> CommitAsync(Batch batch, CancellationToken ct)
    {
        if (batch.Items.Count == 0)
        {
            return 0;
        }
        var lease = batch.Lease;
        var newHead = lease.Head + batch.Events.Count;
        var items = new List<TransactWriteItem>(batch.Items.Count + 1) { lease.Advance(newHead, time.GetUtcNow()) };
        items.AddRange(batch.Items);
        try
        {
            await dynamo.TransactWriteItemsAsync(
                new TransactWriteItemsRequest { TransactItems = items, ClientRequestToken = Guid.NewGuid().ToString("N") }, ct);
        }
        catch (TransactionCanceledException e) when (e.CancellationReasons is [{ Code: "ConditionalCheckFailed" }, ..])
        {
            throw new ShardLeaseLostException(lease, e);
        }
        lease.Advanced(newHead);
        foreach (var e in batch.Events)
        {
            metrics.Recorded(e.Type);
        }
        foreach (var lag in batch.Lags)
        {
            metrics.ProjectionLag(lag);
        }
        return batch.Events.Count;
    }

    // Conditional: an entry erased with its user meanwhile must not become events.
    private static TransactWriteItem Delete(string table, OutboxEntry entry) => new()
    {
        Delete = new Delete
        {
            TableName = table,
            Key = entry.Key,
            ConditionExpression = "attribute_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey },
        },
    };

    private static TransactWriteItem Progress(string table, OutboxEntry entry, int emitted) => new()
    {
        Update = new Update
        {
            TableName = table,
            Key = entry.Key,
            UpdateExpression = "SET #emitted = :emitted",
            ConditionExpression = "attribute_exists(#pk)",
            ExpressionAttributeNames = new() { ["#emitted"] = OutboxItem.Emitted, ["#pk"] = LedgerTable.PartitionKey },
            ExpressionAttributeValues = new() { [":emitted"] = AttributeValues.N(emitted) },
        },
    };

    /// <summary>The items of one transaction under construction, with the events it appends after the lease's head.</summary>
    private sealed class Batch(ShardLease lease)
    {
        public ShardLease Lease { get; } = lease;

        public List<TransactWriteItem> Items { get; } = [];

        public List<Event> Events { get; } = [];

        public List<double> Lags { get; } = [];

        public int Room => MaxItems - Items.Count;

        public void Append(Event e, DateTimeOffset expires)
        {
            Events.Add(e);
            Items.Add(new TransactWriteItem
            {
                Put = new Put { TableName = Lease.Tenant.LedgerTable, Item = EventItem.ToItem(Lease.Shard, Lease.Head + Events.Count, e, expires) },
            });
        }
    }
}
