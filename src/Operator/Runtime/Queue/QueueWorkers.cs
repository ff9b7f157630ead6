using BudgetBuddy.Operator.Runtime.Fencing;
using BudgetBuddy.Operator.Runtime.Reconciliation;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.Operator.Runtime.Queue;

/// <summary>
/// Runs a fixed number of workers that take keys from a queue and reconcile them, so at most that many reconciles
/// run at once (and, by the queue's contract, never two of one key). Each result becomes a queue action: Done →
/// Forget; RequeueAfter → Forget + AddAfter; Failed or an exception → AddRateLimited. A replica that can no longer
/// prove it leads (<paramref name="isLeading"/> false, or a write refused by the lease fence) gives the key back as it
/// was and takes no other: its term is ending, and the workers wait for its token.
/// </summary>
internal sealed partial class QueueWorkers(
    IWorkQueue queue,
    Func<string, CancellationToken, Task<ReconcileResult>> reconcile,
    int workerCount,
    Func<bool> isLeading,
    ControllerMetrics metrics,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>
    /// Runs the workers until the queue shuts down (they finish the key in hand, then stop) or
    /// <paramref name="cancellationToken"/> fires (it is also the token of every reconcile, so in-flight work is
    /// abandoned and its key queued again).
    /// </summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workerCount, 1);
        var workers = new Task[workerCount];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(() => WorkAsync(cancellationToken), CancellationToken.None);
        }
        return Task.WhenAll(workers);
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            string? key;
            try
            {
                key = await queue.GetAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            if (key is null)
            {
                return;
            }

            bool stillLeading;
            try
            {
                stillLeading = await ProcessAsync(key, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                queue.Done(key);
            }
            if (!stillLeading)
            {
                await WaitForEndOfTermAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
        }
    }

    /// <summary>
    /// Reconciles one key and turns the outcome into a queue action; never throws but for cancellation. False when
    /// this replica turned out not to lead: the key is queued again untouched, for whoever leads next.
    /// </summary>
    internal async Task<bool> ProcessAsync(string key, CancellationToken cancellationToken)
    {
        if (!isLeading())
        {
            queue.Add(key);
            return false;
        }
        var started = time.GetTimestamp();
        ReconcileResult result;
        try
        {
            result = await reconcile(key, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Abandoned, not failed (leadership lost or shutdown timed out): whoever runs next must look at it again.
            queue.Add(key);
            return true;
        }
        catch (FencedWriteException)
        {
            // Not this key's failure: leadership could not be proven mid-reconcile. No backoff, no error; the fence
            // has logged it once for the term.
            queue.Add(key);
            return false;
        }
        catch (Exception e)
        {
            var attempt = queue.NumRequeues(key) + 1;
            queue.AddRateLimited(key);
            metrics.ReconcileFinished(ControllerMetrics.Error, time.GetElapsedTime(started));
            LogFailed(logger, e, key, attempt);
            return true;
        }

        var elapsed = time.GetElapsedTime(started);
        switch (result.Outcome)
        {
            case ReconcileOutcome.RequeueAfter:
                queue.Forget(key);
                queue.AddAfter(key, result.RequeueDelay);
                metrics.ReconcileFinished(ControllerMetrics.Requeue, elapsed);
                LogRequeued(logger, key, result.RequeueDelay);
                break;
            case ReconcileOutcome.Failed:
                var attempt = queue.NumRequeues(key) + 1;
                queue.AddRateLimited(key);
                metrics.ReconcileFinished(ControllerMetrics.Error, elapsed);
                LogReportedFailure(logger, key, attempt, result.FailureReason);
                break;
            default:
                queue.Forget(key);
                metrics.ReconcileFinished(ControllerMetrics.Success, elapsed);
                break;
        }
        return true;
    }

    /// <summary>Waits until the term ends; its end is already under way when the workers find they do not lead.</summary>
    private async Task WaitForEndOfTermAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconcile of {Key} failed (attempt {Attempt}); retrying with backoff")]
    private static partial void LogFailed(ILogger logger, Exception exception, string key, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconcile of {Key} failed (attempt {Attempt}): {Reason}; retrying with backoff")]
    private static partial void LogReportedFailure(ILogger logger, string key, int attempt, string? reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reconcile of {Key} asked to look again in {Delay}")]
    private static partial void LogRequeued(ILogger logger, string key, TimeSpan delay);
}
