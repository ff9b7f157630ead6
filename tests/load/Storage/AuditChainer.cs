using System.Collections.Concurrent;
using System.Threading.Channels;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Audit;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// The API's background audit chaining, call for call: a request that wrote a pending record nudges its tenant's
/// table, which is queued 250 ms later (a table already nudged is not queued twice, so a moment's records share one
/// pass); one worker takes the queued tables in turn and, for each, takes the chain's head (the one it wrote last, or
/// a read of it), queries up to 25 pending records, links them into the chain in one transaction (each record put at
/// its sequence, its pending item deleted, the head moved on), and repeats until a page comes back short. Those calls
/// are part of what the API asks of DynamoDB under load, so the storage path makes them too.
/// </summary>
internal sealed class AuditChainer : IAsyncDisposable
{
    private const int BatchSize = 25;
    private const int MaxLostRaces = 50;
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan GatherPause = TimeSpan.FromMilliseconds(250);

    private readonly IAmazonDynamoDB dynamo;
    private readonly ConcurrentDictionary<string, byte> scheduled = new(StringComparer.Ordinal);
    // The head this process last wrote, per table; a stale one fails the link's head condition and is read again.
    private readonly ConcurrentDictionary<string, (long Sequence, string Hash)> heads = new(StringComparer.Ordinal);
    private readonly Channel<string> queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly Task worker;

    public AuditChainer(IAmazonDynamoDB dynamo)
    {
        this.dynamo = dynamo;
        worker = Task.Run(() => WorkAsync(stopping.Token));
    }

    public void Schedule(string auditTable)
    {
        if (scheduled.TryAdd(auditTable, 0))
        {
            _ = QueueAfterPauseAsync(auditTable);
        }
    }

    /// <summary>Stops the worker; records still pending stay for the API's chainer (or the next run's) to chain.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await stopping.CancelAsync();
        try
        {
            await worker;
        }
        catch (OperationCanceledException)
        {
            // Stopped mid-pass.
        }
        stopping.Dispose();
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        await foreach (var table in queue.Reader.ReadAllAsync(ct))
        {
            scheduled.TryRemove(table, out _);
            try
            {
                await ChainAsync(table, ct);
            }
            catch (Exception e) when (e is AmazonServiceException or AmazonClientException or TimeoutException)
            {
                _ = RetryLaterAsync(table, ct);
            }
        }
    }

    private async Task QueueAfterPauseAsync(string auditTable)
    {
        try
        {
            await Task.Delay(GatherPause, stopping.Token);
            queue.Writer.TryWrite(auditTable);
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private async Task RetryLaterAsync(string table, CancellationToken ct)
    {
        try
        {
            await Task.Delay(RetryPause, ct);
            Schedule(table);
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private async Task ChainAsync(string auditTable, CancellationToken ct)
    {
        for (var attempt = 0; ;)
        {
            var (sequence, hash) = heads.TryGetValue(auditTable, out var known) ? known : await HeadAsync(auditTable, ct);
            var pending = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = auditTable,
                KeyConditionExpression = "#pk = :pk",
                ExpressionAttributeNames = new() { ["#pk"] = AuditTable.PartitionKey },
                ExpressionAttributeValues = new() { [":pk"] = new AttributeValue(AuditItems.PendingPartition) },
                ConsistentRead = true,
                Limit = BatchSize,
            }, ct);
            if (pending.Items is not { Count: > 0 } records)
            {
                return;
            }
            try
            {
                var (items, newHead) = AuditChainLink.Build(auditTable, sequence, hash, records);
                await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }, ct);
                heads[auditTable] = newHead;
                attempt = 0;
                // A short page was all that was pending when it was read; what came since has nudged a new pass.
                if (records.Count < BatchSize && pending.LastEvaluatedKey is not { Count: > 0 })
                {
                    return;
                }
            }
            catch (TransactionCanceledException e)
            {
                heads.TryRemove(auditTable, out _);
                // The API's chainer (or another run) chained first: read the new head and what is still pending.
                if (++attempt >= MaxLostRaces)
                {
                    throw new TimeoutException($"Audit table {auditTable}: lost {attempt} races to chain pending records in a row.", e);
                }
                await Task.Delay(Backoff.Jittered(attempt), ct);
            }
        }
    }

    private async Task<(long Sequence, string Hash)> HeadAsync(string auditTable, CancellationToken ct)
    {
        var head = await dynamo.GetItemAsync(new GetItemRequest { TableName = auditTable, Key = AuditItems.HeadKey(), ConsistentRead = true }, ct);
        return head.IsItemSet ? (AuditItems.SequenceOf(head.Item), head.Item[AuditItems.Hash].S) : (0L, AuditHash.Genesis);
    }
}
