using k8s;
using k8s.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.Operator.Runtime.Watcher;

/// <summary>
/// Runs a watcher that feeds a controller's queue without being the controller's own (e.g. of the Secrets its
/// resources own). It runs on every replica, as the controller's watcher does: keys queued on a standby wait for it
/// to lead. <see cref="ResourceWatcher{TResource}.RunAsync"/> only returns on cancellation, so anything else is a
/// crash, restarted after a pause.
/// </summary>
internal sealed partial class ResourceWatchHost<TResource>(ResourceWatcher<TResource> watcher, ControllerMetrics metrics, TimeProvider time, ILogger logger) : BackgroundService
    where TResource : class, IKubernetesObject<V1ObjectMeta>
{
    private static readonly TimeSpan RestartPause = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await watcher.RunAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                metrics.WatchRestarted(WatchRestartReason.Error);
                LogWatcherCrashed(logger, e, typeof(TResource).Name);
            }
            try
            {
                await Task.Delay(RestartPause, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The watch loop of {Kind} crashed; restarting it")]
    private static partial void LogWatcherCrashed(ILogger logger, Exception exception, string kind);
}
