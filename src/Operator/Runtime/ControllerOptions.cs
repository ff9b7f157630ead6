using BudgetBuddy.Operator.Runtime.LeaderElection;
using BudgetBuddy.Operator.Runtime.Watcher;

namespace BudgetBuddy.Operator.Runtime;

/// <summary>Settings of one controller: what it watches, how it elects, how many reconciles run at once.</summary>
public sealed class ControllerOptions
{
    /// <summary>The watched resource.</summary>
    public ResourceWatcherOptions Watch { get; set; } = new();

    /// <summary>Leader election (on by default).</summary>
    public LeaderElectionOptions LeaderElection { get; set; } = new();

    /// <summary>Reconciles that may run at once (of different keys; one key never runs twice at once).</summary>
    public int MaxConcurrentReconciles { get; set; } = 4;

    /// <summary>How often every cached object is queued again, so drift is repaired without any event.</summary>
    public TimeSpan ResyncPeriod { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Per-key backoff after failed reconciles: 100 ms doubling up to 5 minutes.</summary>
    public BackoffPolicy FailureBackoff { get; set; } = BackoffPolicy.PerKeyDefault();

    /// <summary>
    /// How long a stop waits for in-flight reconciles before cancelling them; keep it under the host's shutdown
    /// timeout (30 s by default) so the Lease can still be released.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Throws when a setting is missing or out of range.</summary>
    public void Validate()
    {
        Watch.Validate();
        LeaderElection.Validate();
        FailureBackoff.DelayFor(0);
        if (MaxConcurrentReconciles < 1 || ResyncPeriod <= TimeSpan.Zero || ShutdownTimeout < TimeSpan.Zero)
        {
            throw new InvalidOperationException("MaxConcurrentReconciles must be at least 1, ResyncPeriod positive and ShutdownTimeout not negative.");
        }
    }
}
