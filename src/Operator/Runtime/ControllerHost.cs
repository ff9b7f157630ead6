using BudgetBuddy.Operator.Runtime.LeaderElection;
using BudgetBuddy.Operator.Runtime.Queue;
using BudgetBuddy.Operator.Runtime.Reconciliation;
using BudgetBuddy.Operator.Runtime.Watcher;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.Operator.Runtime;

/// <summary>
/// One controller as a hosted service: the watcher fills the cache and the queue on every replica (a standby keeps
/// a warm cache, so a failover needs no cold start); only the leader runs the workers and the periodic resync, and a
/// new leader queues everything once, since its predecessor may have stopped mid-reconcile. A leader that can no longer
/// prove it holds the Lease (<see cref="Fencing.LeaseFence"/>) takes no further key. Stopping takes no new
/// keys, lets in-flight reconciles finish within <see cref="ControllerOptions.ShutdownTimeout"/>, then cancels the
/// rest and gives the Lease up.
/// </summary>
internal sealed partial class ControllerHost<TResource>(
    ResourceWatcher<TResource> watcher,
    IWorkQueue queue,
    Func<string, CancellationToken, Task<ReconcileResult>> reconcile,
    ILeaderElection election,
    ControllerOptions options,
    ControllerMetrics metrics,
    TimeProvider time,
    ILogger logger) : IHostedService, IDisposable
    where TResource : class, IKubernetesObject<V1ObjectMeta>
{
    private static readonly TimeSpan RestartPause = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource stopping = new();
    private Task running = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        options.Validate();
        running = Task.WhenAll(
            Task.Run(() => WatchAsync(stopping.Token), CancellationToken.None),
            Task.Run(() => ElectAsync(stopping.Token), CancellationToken.None));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        using var grace = new CancellationTokenSource(options.ShutdownTimeout, time);
        using var drainLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, grace.Token);
        try
        {
            // Workers finish the key in hand and take no other; on a standby nothing is in hand and this returns at once.
            await queue.ShutDownWithDrainAsync(drainLimit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LogDrainTimedOut(logger, options.ShutdownTimeout);
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await running.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogStopAbandoned(logger);
        }
    }

    public void Dispose() => stopping.Dispose();

    /// <summary>Keeps the watcher running; it only returns on cancellation, so anything else is a crash to restart.</summary>
    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await watcher.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                metrics.WatchRestarted(WatchRestartReason.Error);
                LogWatcherCrashed(logger, e);
            }
            await PauseAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ElectAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && !queue.IsShuttingDown)
        {
            try
            {
                await election.RunWhileLeadingAsync(LeadAsync, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogLeadingCrashed(logger, e);
                await PauseAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One term of leadership: workers and resync until leadership ends or the queue shuts down.</summary>
    private async Task LeadAsync(CancellationToken leading)
    {
        LogLeading(logger, options.Watch.Plural, options.MaxConcurrentReconciles);
        // Keys the watcher queued while this replica stood by are in the queue already; this covers objects whose
        // last change predates that, which a crashed predecessor may have left half done.
        watcher.EnqueueAll();

        using var term = CancellationTokenSource.CreateLinkedTokenSource(leading);
        var resync = ResyncAsync(term.Token);
        try
        {
            await new QueueWorkers(queue, reconcile, options.MaxConcurrentReconciles, () => election.IsLeader, metrics, time, logger)
                .RunAsync(leading).ConfigureAwait(false);
        }
        finally
        {
            await term.CancelAsync().ConfigureAwait(false);
            await resync.ConfigureAwait(false);
        }
    }

    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.ResyncPeriod, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (watcher.HasSynced)
                {
                    watcher.EnqueueAll();
                    LogResync(logger, options.Watch.Plural, queue.Length);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task PauseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(RestartPause, time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Leading: reconciling {Plural} with {Workers} workers")]
    private static partial void LogLeading(ILogger logger, string plural, int workers);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Resync queued every cached {Plural}; {Depth} keys waiting")]
    private static partial void LogResync(ILogger logger, string plural, int depth);

    [LoggerMessage(Level = LogLevel.Warning, Message = "In-flight reconciles did not finish within {Timeout}; cancelling them")]
    private static partial void LogDrainTimedOut(ILogger logger, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The host's shutdown deadline passed before the controller stopped")]
    private static partial void LogStopAbandoned(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The watch loop crashed; restarting it")]
    private static partial void LogWatcherCrashed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The leader's work crashed; campaigning again")]
    private static partial void LogLeadingCrashed(ILogger logger, Exception exception);
}
