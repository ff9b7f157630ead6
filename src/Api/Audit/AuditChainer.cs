using BudgetBuddy.TenantContracts.Audit;
using System.Collections.Concurrent;
using System.Threading.Channels;
using Amazon.DynamoDBv2;

namespace BudgetBuddy.Api.Audit;

/// <summary>
/// Moves pending audit records into a tenant's hash chain, oldest first, up to
/// <see cref="AuditChainWriter.BatchSize"/> per transaction (<see cref="AuditChainWriter"/> makes the pass). Any pod may
/// chain any tenant: the transaction puts each chained record (only if its sequence is free), deletes each pending one
/// (only if still there) and moves the head (only from the sequence it read), so a racing chainer makes this one
/// retry, never fork the chain or chain a record twice; after 50 lost races in a row a pass gives up (the worker tries
/// again later; a reader gets a 503). Requests nudge it through <see cref="Schedule"/>; reads of the log chain first,
/// so nothing waits on the background.
/// </summary>
internal sealed class AuditChainer(IAmazonDynamoDB dynamo, AuditChainVerifier chain, TimeProvider time)
{
    private readonly AuditChainWriter writer = new(dynamo, chain, time);
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
        await Task.Delay(AuditChainWriter.GatherPause, time).ConfigureAwait(false);
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
            return await writer.ChainPendingAsync(auditTable, ct);
        }
        finally
        {
            turn.Release();
        }
    }
}
