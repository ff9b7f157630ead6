using BudgetBuddy.Api.Storage;

namespace BudgetBuddy.Api.Audit;

/// <summary>
/// Chains the tables requests nudged, in the background, so the chain keeps up without a request waiting for it. A
/// failed pass is tried again after a pause that doubles with each failure of that table in a row (2 s to 30 s), while
/// other tables go on; a pod that dies leaves its pending records for the next write or read of that tenant's log, on
/// any pod, to chain.
/// </summary>
/// <remarks>
/// No failure of a pass leaves this loop: an exception escaping <see cref="ExecuteAsync"/> stops the host
/// (<see cref="HostOptions.BackgroundServiceExceptionBehavior"/>), and a storage outage must cost a pod its audit
/// chaining for a while, not its life.
/// </remarks>
internal sealed partial class AuditChainWorker(AuditChainer chainer, TimeProvider time, ILogger<AuditChainWorker> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetryPause = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxRetryPause = TimeSpan.FromSeconds(30);

    // Only the loop below touches it, one pass at a time.
    private readonly Dictionary<string, int> failuresInARow = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            string table;
            try
            {
                table = await chainer.NextScheduledAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                await chainer.ChainAsync(table, stoppingToken);
                failuresInARow.Remove(table);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                var failures = failuresInARow[table] = failuresInARow.GetValueOrDefault(table) + 1;
                var pause = RetryPause(failures);
                if (StorageFailure.IsTransient(e))
                {
                    LogChainFailed(logger, table, failures, pause.TotalSeconds, e);
                }
                else
                {
                    LogChainBroken(logger, table, failures, pause.TotalSeconds, e);
                }
                _ = RetryLaterAsync(table, pause, stoppingToken);
            }
        }
    }

    private static TimeSpan RetryPause(int failures) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryPause.Ticks, FirstRetryPause.Ticks << Math.Min(failures - 1, 16)));

    private async Task RetryLaterAsync(string table, TimeSpan pause, CancellationToken ct)
    {
        try
        {
            await Task.Delay(pause, time, ct);
            chainer.Schedule(table);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chaining audit table {Table} failed ({Failures} in a row, storage unavailable); trying again in {PauseSeconds} s")]
    private static partial void LogChainFailed(ILogger logger, string table, int failures, double pauseSeconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Chaining audit table {Table} failed ({Failures} in a row); trying again in {PauseSeconds} s")]
    private static partial void LogChainBroken(ILogger logger, string table, int failures, double pauseSeconds, Exception exception);
}
