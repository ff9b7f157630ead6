using BudgetBuddy.Operator.Runtime.LeaderElection;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.Operator.Runtime.Fencing;

/// <summary>
/// Whether this replica can prove it still holds the Lease, and so may write. Leader election only says who should
/// lead; a leader frozen past its Lease wakes believing it still does, and KubernetesClient's elector lets it believe
/// so for a whole renew deadline more. The fence is held for <see cref="LeaderElectionOptions.RenewDeadline"/> after
/// the start of the last acquire or renewal of the Lease by this identity that succeeded, on the monotonic clock:
/// the API server counts the Lease from later than that start, and RenewDeadline &lt; LeaseDuration, so the fence
/// falls before any other replica may take the Lease. A stopped process's monotonic clock runs on, so a replica woken
/// from a freeze finds its fence already fallen. Once fallen, it stays fallen for the term (a late renewal does not
/// reopen it, so a replica never goes from refusing writes back to making them); the next term opens it again. With
/// leader election off there is no Lease, and the fence always holds.
/// </summary>
internal sealed partial class LeaseFence(LeaderElectionOptions options, TimeProvider time, ControllerMetrics metrics, ILogger logger)
{
    private readonly Lock gate = new();
    private long term;
    private long? renewStartedAt;
    private bool fallen;
    private long refusalLoggedInTerm = -1;

    /// <summary>Whether writes may go out now.</summary>
    public bool IsHeld
    {
        get
        {
            if (!options.Enabled)
            {
                return true;
            }
            lock (gate)
            {
                return RemainingLocked() > TimeSpan.Zero;
            }
        }
    }

    /// <summary>How long the fence holds without another renewal: zero once fallen, infinite when nothing is fenced.</summary>
    public TimeSpan Remaining
    {
        get
        {
            if (!options.Enabled)
            {
                return Timeout.InfiniteTimeSpan;
            }
            lock (gate)
            {
                return RemainingLocked();
            }
        }
    }

    /// <summary>Starts a term, closed until its first acquire; returns the term's number for its renewals.</summary>
    public long BeginTerm()
    {
        lock (gate)
        {
            term++;
            renewStartedAt = null;
            fallen = false;
            return term;
        }
    }

    /// <summary>Ends <paramref name="ended"/> if it is current: the fence falls, and its late renewals count for nothing.</summary>
    public void EndTerm(long ended)
    {
        lock (gate)
        {
            if (ended == term)
            {
                term++;
                renewStartedAt = null;
            }
        }
    }

    /// <summary>Records that an acquire or renewal of the Lease, started at monotonic <paramref name="startedAt"/>, succeeded.</summary>
    public void Renewed(long renewalTerm, long startedAt)
    {
        lock (gate)
        {
            if (renewalTerm != term || (renewStartedAt is not null && RemainingLocked() <= TimeSpan.Zero))
            {
                return;
            }
            if (renewStartedAt is not { } last || startedAt > last)
            {
                renewStartedAt = startedAt;
            }
        }
    }

    /// <summary>Completes when the fence has fallen (never, with nothing fenced).</summary>
    public async Task WaitUntilFallenAsync(CancellationToken cancellationToken)
    {
        for (var left = Remaining; left != TimeSpan.Zero; left = Remaining)
        {
            await Task.Delay(left, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Throws <see cref="FencedWriteException"/> unless the fence holds; counts and, once per term, logs the refusal.</summary>
    public void ThrowIfNotHeld(string target, string operation)
    {
        if (IsHeld)
        {
            return;
        }
        metrics.WriteFenced(target);
        bool first;
        lock (gate)
        {
            first = refusalLoggedInTerm != term;
            refusalLoggedInTerm = term;
        }
        if (first)
        {
            LogRefused(logger, target, operation);
        }
        throw new FencedWriteException(target, operation);
    }

    private TimeSpan RemainingLocked()
    {
        if (fallen || renewStartedAt is not { } last)
        {
            return TimeSpan.Zero;
        }
        var left = options.RenewDeadline - time.GetElapsedTime(last);
        if (left > TimeSpan.Zero)
        {
            return left;
        }
        fallen = true;
        return TimeSpan.Zero;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a {Target} write ({Operation}): this replica cannot prove it still holds the Lease. Further refusals until it leads again are only counted in budgetbuddy_operator_fenced_writes_total")]
    private static partial void LogRefused(ILogger logger, string target, string operation);
}
