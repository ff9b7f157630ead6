using System.Collections.Concurrent;
using System.Threading.Channels;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using BudgetBuddy.TenantContracts.Audit;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// The API's background audit chaining, call for call: a request that wrote a pending record nudges its tenant's
/// table, which is queued 250 ms later (a table already nudged is not queued twice, so a moment's records share one
/// pass); one worker takes the queued tables in turn and chains each with the API's own <see cref="AuditChainWriter"/>
/// (head, pending records, one linking transaction, until a page comes back short). Those calls are part of what the
/// API asks of DynamoDB under load, so the storage path makes them too.
/// </summary>
internal sealed class AuditChainer : IAsyncDisposable
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(2);

    private readonly AuditChainWriter writer;
    private readonly ConcurrentDictionary<string, byte> scheduled = new(StringComparer.Ordinal);
    private readonly Channel<string> queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly Task worker;

    public AuditChainer(IAmazonDynamoDB dynamo)
    {
        writer = new AuditChainWriter(dynamo, new AuditChainVerifier(dynamo, TimeProvider.System), TimeProvider.System);
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
                await writer.ChainPendingAsync(table, ct);
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
            await Task.Delay(AuditChainWriter.GatherPause, stopping.Token);
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
}
