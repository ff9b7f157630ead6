using BudgetBuddy.Api.Audit;
using BudgetBuddy.Api.Encryption;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Erasure;

/// <summary>
/// Runs erasures in this process. Order matters: the user's key is destroyed first, so from then on whatever of theirs
/// is sealed opens nowhere, whatever later step fails; then every <see cref="IUserDataEraser"/> runs; then the erasure
/// completes with its audit record. Every step is idempotent, so a run cut short (store failure, pod gone) is simply
/// run again: here after a backoff, elsewhere when its lease lapses and someone reads it.
/// </summary>
internal sealed partial class ErasureRunner(
    IServiceProvider services, UserKeys userKeys, AuditChainer chainer, TimeProvider time, ILogger<ErasureRunner> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private bool disposed;

    public void Start(TenantRecord tenant, string userId, ErasureItem erasure)
    {
        CancellationToken token;
        lock (stopping)
        {
            if (disposed || stopping.IsCancellationRequested)
            {
                return;
            }
            token = stopping.Token;
        }
        // Not the request's context: the erasure outlives it.
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(() => RunAsync(tenant, userId, erasure, token));
        }
    }

    private async Task RunAsync(TenantRecord tenant, string userId, ErasureItem erasure, CancellationToken ct)
    {
        // Resolved here: the erasers may depend on services that depend on the erasure records. The ledger partition
        // goes first, so nothing of the user is left for another feature's data to be made from (events, payloads).
        var erasers = services.GetServices<IUserDataEraser>().OrderBy(e => e is UserPartitionEraser ? 0 : 1).ToList();
        var erasures = services.GetRequiredService<Erasures>();
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await userKeys.DestroyAsync(tenant, userId, ct);
                    foreach (var eraser in erasers)
                    {
                        await eraser.EraseAsync(tenant, userId, ct);
                    }
                    if (await erasures.CompleteAsync(tenant, erasure, ct))
                    {
                        chainer.Schedule(tenant.AuditTable);
                        LogCompleted(logger, erasure.Id);
                    }
                    return;
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    LogRetrying(logger, erasure.Id, e);
                }
                // A store that failed is given time: from a quarter second, doubling, up to half a minute.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, Math.Min(attempt, 7))) * (0.5 + Random.Shared.NextDouble() / 2)), time, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the lease lapses and a read of the erasure resumes it elsewhere.
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stops running erasures: their leases lapse and a read of each resumes it elsewhere.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (stopping)
        {
            // A host disposed without being stopped (a test's, say) must not make a later StopAsync throw.
            return disposed ? Task.CompletedTask : stopping.CancelAsync();
        }
    }

    public void Dispose()
    {
        lock (stopping)
        {
            if (!disposed)
            {
                disposed = true;
                stopping.Cancel();
                stopping.Dispose();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure {Id} completed")]
    private static partial void LogCompleted(ILogger logger, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Erasure {Id} failed a step; it runs again")]
    private static partial void LogRetrying(ILogger logger, string id, Exception exception);
}
