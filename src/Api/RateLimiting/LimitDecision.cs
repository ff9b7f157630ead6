namespace BudgetBuddy.Api.RateLimiting;

/// <summary>What the buckets said about one request: go ahead, or which limit refused it and when to come back.</summary>
internal sealed class LimitDecision
{
    public static readonly LimitDecision Allowed = new(null, 0);

    private LimitDecision(RateLimitScope? refusedBy, int retryAfterSeconds)
    {
        RefusedBy = refusedBy;
        RetryAfterSeconds = retryAfterSeconds;
    }

    /// <summary>The limit that refused the request; null when it may go ahead.</summary>
    public RateLimitScope? RefusedBy { get; }

    public int RetryAfterSeconds { get; }

    public static LimitDecision Refused(RateLimitScope scope, int retryAfterSeconds) => new(scope, Math.Max(1, retryAfterSeconds));
}
