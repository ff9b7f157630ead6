namespace BudgetBuddy.Operator.Runtime.Watcher;

/// <summary>Which custom resource to watch, and how. Settable so configuration can bind it.</summary>
public sealed class ResourceWatcherOptions
{
    /// <summary>API group, e.g. <c>budgetbuddy.io</c>; empty for the core group (Secrets).</summary>
    public string Group { get; set; } = "";

    /// <summary>API version, e.g. <c>v1alpha1</c>.</summary>
    public string Version { get; set; } = "";

    /// <summary>Plural resource name, e.g. <c>budgetbuddytenants</c>.</summary>
    public string Plural { get; set; } = "";

    /// <summary>Only this namespace; null or empty watches every namespace.</summary>
    public string? Namespace { get; set; }

    /// <summary>Only objects with these labels (a Kubernetes label selector); null watches every object.</summary>
    public string? LabelSelector { get; set; }

    /// <summary>
    /// The server-side <c>timeoutSeconds</c> of each watch; each watch asks for a random value between this and twice
    /// this, so replicas do not reconnect in step (as client-go's reflector).
    /// </summary>
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long past its own timeout a watch may stay open before the client gives up on it, so a silently dead
    /// connection cannot stall the watcher for good.
    /// </summary>
    public TimeSpan WatchDeadlineGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Reconnect backoff after failures (used with full jitter): 200 ms doubling up to 30 s.</summary>
    public BackoffPolicy ReconnectBackoff { get; set; } = BackoffPolicy.ReconnectDefault();

    /// <summary>Items per LIST page.</summary>
    public int ListPageSize { get; set; } = 500;

    /// <summary>Throws when a required setting is missing or out of range.</summary>
    public void Validate()
    {
        if (Group is null || string.IsNullOrWhiteSpace(Version) || string.IsNullOrWhiteSpace(Plural))
        {
            throw new InvalidOperationException("The watcher needs the resource's Version and Plural, and its Group (empty for the core group).");
        }
        if (WatchTimeout < TimeSpan.FromSeconds(1) || WatchDeadlineGrace < TimeSpan.Zero || ListPageSize < 1)
        {
            throw new InvalidOperationException("WatchTimeout must be at least 1 s, WatchDeadlineGrace at least 0 and ListPageSize at least 1.");
        }
        ReconnectBackoff.DelayFor(0);
    }
}
