namespace BudgetBuddy.Api.RateLimiting;

/// <summary>
/// Per-user limits, how many API pods share every limit, and the optional shared store (section <c>RateLimits</c>).
/// The per-tenant limits come from each tenant's plan in the registry.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sustained requests a minute one user may send, all pods together.</summary>
    public int UserRequestsPerMinute { get; set; } = 600;

    /// <summary>Requests one user may send at once after a quiet spell.</summary>
    public int UserBurst { get; set; } = 100;

    /// <summary>
    /// How many API pods serve the traffic. Each pod's own buckets enforce 1/Replicas of every limit (rounded up); with
    /// the load balancer spreading requests evenly, the pods together enforce the whole. Used whenever the limits are
    /// kept in the pod: without <see cref="Redis"/>, or while Redis cannot be reached.
    /// </summary>
    public int Replicas { get; set; } = 1;

    /// <summary>The shared store that makes every limit hold across all pods; unset keeps the buckets in each pod.</summary>
    public RedisBucketOptions Redis { get; set; } = new();
}
