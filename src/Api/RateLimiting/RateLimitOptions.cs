namespace BudgetBuddy.Api.RateLimiting;

/// <summary>
/// Per-user limits and how many API pods share every limit (section <c>RateLimits</c>). The per-tenant limits come
/// from each tenant's plan in the registry.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sustained requests a minute one user may send (all pods together when <see cref="Replicas"/> is right).</summary>
    public int UserRequestsPerMinute { get; set; } = 600;

    /// <summary>Requests one user may send at once after a quiet spell.</summary>
    public int UserBurst { get; set; } = 100;

    /// <summary>
    /// How many API pods serve the traffic. Buckets live in each pod, so each pod enforces 1/Replicas of every limit
    /// (rounded up); with the load balancer spreading requests evenly, the pods together enforce the whole.
    /// </summary>
    public int Replicas { get; set; } = 1;
}
