using Amazon.DynamoDBv2;

namespace BudgetBuddy.Api.Audit;

/// <summary>
/// Chains the tables requests nudged, in the background, so the chain keeps up without a request waiting for it. A
/// failed pass is tried again after a pause; a pod that dies leaves its pending records for the next write or read
/// of that tenant's log, on any pod, to chain.
/// </summary>
internal sealed partial class AuditChainWorker(AuditChainer chainer, TimeProvider time, ILogger<AuditChainWorker> logger) : BackgroundService
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(2);

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
            }
            catch (Exception e) when (e is AmazonDynamoDBException or Amazon.Runtime.AmazonClientException or TimeoutException)
            {
                LogChainFailed(logger, table, e);
                _ = RetryLaterAsync(table, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task RetryLaterAsync(string table, CancellationToken ct)
    {
        try
        {
            await Task.Delay(RetryPause, time, ct);
            chainer.Schedule(table);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chaining audit table {Table} failed; trying again shortly")]
    private static partial void LogChainFailed(ILogger logger, string table, Exception exception);
}
