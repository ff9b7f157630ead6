using System.Net;
using System.Runtime.ExceptionServices;
using BudgetBuddy.Operator.Runtime.Fencing;
using k8s;
using k8s.Autorest;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.Operator.Runtime.LeaderElection;

/// <summary>
/// <see cref="ILeaderElection"/> over KubernetesClient's <see cref="LeaderElector"/> and <see cref="LeaseLock"/>. One
/// elector per term: its <c>RunUntilLeadershipLostAsync</c> acquires, renews, and returns when a renewal misses the
/// deadline; this class runs the work in between, cancels it when leadership goes, waits for it, and campaigns again.
/// The elector throws when the API server cannot be reached while acquiring; that is logged and retried here.
/// The elector's own deadline runs from its last renewal attempt and on a timer, so a leader woken from a freeze goes
/// on believing for a while; <see cref="LeaseFence"/> does not: the term's work is cancelled as soon as the fence
/// falls, and until then writes are refused at the clients.
/// </summary>
internal sealed partial class LeaseLeaderElection(
    IKubernetes client,
    LeaderElectionOptions options,
    LeaseFence fence,
    TimeProvider time,
    ILogger logger) : ILeaderElection
{
    private volatile bool leading;

    /// <summary>This replica's holder identity in the Lease.</summary>
    public string Identity { get; } = options.ResolveIdentity();

    public bool IsLeader => leading && fence.IsHeld;

    public async Task RunWhileLeadingAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        options.Validate();
        while (!cancellationToken.IsCancellationRequested)
        {
            if (await RunTermAsync(work, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
            try
            {
                await Task.Delay(options.RetryPeriod, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One campaign and, if won, one term of leadership. True when there is nothing more to campaign for.</summary>
    private async Task<bool> RunTermAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        using var stopElector = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopWork = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fenceTerm = fence.BeginTerm();
        var leaseLock = new LeaseLock(client, options.LeaseNamespace, options.LeaseName, Identity);
        leaseLock.OnHttpError += e => LogLeaseHttpError(logger, e.Response?.StatusCode, e.Message);
        using var elector = new LeaderElector(new LeaderElectionConfig(new FencedLeaseLock(leaseLock, fence, fenceTerm, time))
        {
            LeaseDuration = options.LeaseDuration,
            RenewDeadline = options.RenewDeadline,
            RetryPeriod = options.RetryPeriod,
        });

        Task<bool>? term = null;
        var guard = Task.CompletedTask;
        elector.OnStartedLeading += () =>
        {
            leading = true;
            LogStartedLeading(logger, Identity, options.LeaseNamespace, options.LeaseName);
            guard = GuardAsync(stopWork);
            term = RunWorkAsync(work, stopElector, stopWork.Token);
        };
        elector.OnStoppedLeading += () =>
        {
            leading = false;
            fence.EndTerm(fenceTerm);
            // Cancel first: the work must stop before a standby can take the Lease (LeaseDuration after the last renewal).
            stopWork.Cancel();
        };
        elector.OnNewLeader += leader => LogNewLeader(logger, leader, options.LeaseNamespace, options.LeaseName);
        elector.OnError += e => LogElectionError(logger, e.Message);

        try
        {
            await elector.RunUntilLeadershipLostAsync(stopElector.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopElector.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The elector lets transport errors of its acquire loop escape; campaigning again is the answer.
            LogCampaignFailed(logger, e);
        }
        finally
        {
            leading = false;
            fence.EndTerm(fenceTerm);
            await stopWork.CancelAsync().ConfigureAwait(false);
            await guard.ConfigureAwait(false);
        }

        if (term is null)
        {
            return cancellationToken.IsCancellationRequested;
        }

        var finishedOnItsOwn = false;
        ExceptionDispatchInfo? failure = null;
        try
        {
            finishedOnItsOwn = await term.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopWork.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            failure = ExceptionDispatchInfo.Capture(e);
        }

        var giveUp = cancellationToken.IsCancellationRequested || finishedOnItsOwn || failure is not null;
        if (giveUp && options.ReleaseOnStop)
        {
            await ReleaseAsync().ConfigureAwait(false);
        }
        LogStoppedLeading(logger, Identity, giveUp ? "stopping" : "leadership lost");
        failure?.Throw();
        return giveUp;
    }

    /// <summary>Ends the term's work when the fence falls, however the elector sees it.</summary>
    private async Task GuardAsync(CancellationTokenSource stopWork)
    {
        try
        {
            await fence.WaitUntilFallenAsync(stopWork.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        leading = false;
        LogFenceFell(logger, Identity, options.RenewDeadline, options.LeaseNamespace, options.LeaseName);
        await stopWork.CancelAsync().ConfigureAwait(false);
    }

    /// <summary>Runs the work; true when it returned without being asked to stop.</summary>
    private static async Task<bool> RunWorkAsync(Func<CancellationToken, Task> work, CancellationTokenSource stopElector, CancellationToken stop)
    {
        // Off the elector's event callback, so the elector goes on renewing while the work runs.
        await Task.Yield();
        try
        {
            await work(stop).ConfigureAwait(false);
            return !stop.IsCancellationRequested;
        }
        finally
        {
            // Work that has ended, whatever the reason, must not keep a Lease that blocks a standby from working.
            await stopElector.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Clears the holder so a standby takes over at once, as client-go's ReleaseOnCancel does. The holder becomes ""
    /// (not null) and the times stay set: KubernetesClient's elector treats a Lease without them as absent and would try
    /// to create it, forever. The replace carries the read resourceVersion, so it cannot undo another replica's win.
    /// </summary>
    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(options.RenewDeadline, time);
        try
        {
            var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(options.LeaseName, options.LeaseNamespace, cancellationToken: timeout.Token).ConfigureAwait(false);
            if (lease.Spec is null || lease.Spec.HolderIdentity != Identity)
            {
                return;
            }
            lease.Spec.HolderIdentity = "";
            lease.Spec.LeaseDurationSeconds = 1;
            lease.Spec.RenewTime = time.GetUtcNow().UtcDateTime;
            await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, options.LeaseName, options.LeaseNamespace, cancellationToken: timeout.Token).ConfigureAwait(false);
            LogReleased(logger, options.LeaseNamespace, options.LeaseName);
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or OperationCanceledException)
        {
            // Not fatal: the Lease then simply expires after LeaseDuration.
            LogReleaseFailed(logger, options.LeaseNamespace, options.LeaseName, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} started leading (Lease {Namespace}/{Name})")]
    private static partial void LogStartedLeading(ILogger logger, string identity, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Identity} has not renewed Lease {Namespace}/{Name} within {RenewDeadline} and cannot prove it still leads: stopping its work")]
    private static partial void LogFenceFell(ILogger logger, string identity, TimeSpan renewDeadline, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} stopped leading: {Why}")]
    private static partial void LogStoppedLeading(ILogger logger, string identity, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Leader of Lease {Namespace}/{Name} is now {Leader}")]
    private static partial void LogNewLeader(ILogger logger, string leader, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leader election: {Error}")]
    private static partial void LogElectionError(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Lease request failed with {Status}: {Error}")]
    private static partial void LogLeaseHttpError(ILogger logger, HttpStatusCode? status, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leader election campaign failed; campaigning again")]
    private static partial void LogCampaignFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Released Lease {Namespace}/{Name}")]
    private static partial void LogReleased(ILogger logger, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release Lease {Namespace}/{Name} ({Error}); it expires on its own")]
    private static partial void LogReleaseFailed(ILogger logger, string @namespace, string name, string error);
}
