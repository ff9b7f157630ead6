namespace BudgetBuddy.Operator.Runtime.Reconciliation;

/// <summary>
/// The answer of one reconcile, which the workers translate into queue actions so that a reconciler decides when to
/// look again without knowing the queue. A thrown exception counts as <see cref="Failed(string)"/>.
/// </summary>
public readonly record struct ReconcileResult
{
    private ReconcileResult(ReconcileOutcome outcome, TimeSpan requeueDelay, string? failureReason)
    {
        Outcome = outcome;
        RequeueDelay = requeueDelay;
        FailureReason = failureReason;
    }

    /// <summary>Converged; the key's backoff is reset.</summary>
    public static ReconcileResult Done { get; } = new(ReconcileOutcome.Done, TimeSpan.Zero, null);

    /// <summary>What the workers do with the key.</summary>
    public ReconcileOutcome Outcome { get; }

    /// <summary>The delay of <see cref="ReconcileOutcome.RequeueAfter"/>; zero otherwise.</summary>
    public TimeSpan RequeueDelay { get; }

    /// <summary>Why <see cref="ReconcileOutcome.Failed"/>; null otherwise.</summary>
    public string? FailureReason { get; }

    /// <summary>Look again after <paramref name="delay"/>; the key's backoff is reset.</summary>
    public static ReconcileResult RequeueAfter(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(ReconcileOutcome.RequeueAfter, delay, null);
    }

    /// <summary>Retry with the key's exponential backoff, as after an exception, without throwing one.</summary>
    public static ReconcileResult Failed(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(ReconcileOutcome.Failed, TimeSpan.Zero, reason);
    }
}
