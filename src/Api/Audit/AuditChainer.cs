using BudgetBuddy.TenantContracts.Audit;
using System.Collections.Concurrent;
using System.Threading.Channels;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Audit;

/// <summary>
/// Moves pending audit records into a tenant's hash chain, oldest first, up to <see cref="BatchSize"/> per
/// transaction. Any pod may chain any tenant: the transaction puts each chained record (only if its sequence is
/// free), deletes each pending one (only if still there) and moves the head (only from the sequence it read), so a
/// racing chainer makes this one retry, never fork the chain or chain a record twice. Requests nudge it through
/// <see cref="Schedule"/>; reads of the log chain first, so nothing waits on the background.
/// </summary>
internal sealed class AuditChainer(IAmazonDynamoDB dynamo, AuditChainVerifier chain, TimeProvider time)
{
    /// <summary>Records per transaction: two items each plus the head stays far below DynamoDB's 100.</summary>
    public const int BatchSize = 25;

    /// <summary>Lost races in a row before giving up (the worker tries again later; a reader gets a 503).</summary>
    private const int MaxLostRaces = 50;

    /// <summary>
    /// How long a nudge waits before the background pass, so the changes of that moment are chained in one transaction
    /// rather than one each: each pass costs a Query and a transaction. Readers of the log do not wait for it.
    /// </summary>
    public static readonly TimeSpan GatherPause = TimeSpan.FromMilliseconds(250);

    // The head this pod last wrote, per table. Another pod moving it makes the next transaction's head condition fail,
    // and the head is read again, so a stale entry costs a retry, never a fork.
    private readonly ConcurrentDictionary<string, (long Sequence, string Hash)> heads = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> turns = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> scheduled = new(StringComparer.Ordinal);
    private readonly Channel<string> queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Asks the background worker to chain this audit table soon; a table already waiting is not queued twice.</summary>
    public void Schedule(string auditTable)
    {
        if (scheduled.TryAdd(auditTable, 0))
        {
            _ = QueueAfterPauseAsync(auditTable);
        }
    }

    private async Task QueueAfterPauseAsync(string auditTable)
    {
        await Task.Delay(GatherPause, time).ConfigureAwait(false);
        queue.Writer.TryWrite(auditTable);
    }

    /// <summary>The next table to chain, for the background worker.</summary>
    public async ValueTask<string> NextScheduledAsync(CancellationToken ct)
    {
        var table = await queue.Reader.ReadAsync(ct);
        scheduled.TryRemove(table, out _);
        return table;
    }

    /// <summary>Chains every record pending in <paramref name="auditTable"/> now.</summary>
    /// <returns>How many records this call chained.</returns>
    public async Task<int> ChainAsync(string auditTable, CancellationToken ct)
    {
        // One chainer per table in this pod; other pods are kept honest by the conditions.
        var turn = turns.GetOrAdd(auditTable, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(ct);
        try
        {
            var chained = 0;
            for (var attempt = 0; ;)
            {
                var (sequence, hash) = heads.TryGetValue(auditTable, out var known) ? known : await chain.HeadAsync(auditTable, ct);
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
                    return chained;
                }
                try
                {
                    var (items, newHead) = AuditChainLink.Build(auditTable, sequence, hash, records);
                    await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }, ct);
                    heads[auditTable] = newHead;
                    chained += records.Count;
                    attempt = 0;
                    // A short page was everything pending when it was read; what came since has nudged a new pass.
                    if (records.Count < BatchSize && pending.LastEvaluatedKey is not { Count: > 0 })
                    {
                        return chained;
                    }
                }
                catch (TransactionCanceledException e)
                {
                    heads.TryRemove(auditTable, out _);
                    // Another pod chained first: read the new head and what is still pending.
                    if (++attempt >= MaxLostRaces)
                    {
                        throw new TimeoutException($"Audit table {auditTable}: lost {attempt} races to chain pending records in a row.", e);
                    }
                    await Task.Delay(Backoff.Jittered(attempt), time, ct);
                }
            }
        }
        finally
        {
            turn.Release();
        }
    }
}
