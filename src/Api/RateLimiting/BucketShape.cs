using System.Threading.RateLimiting;

namespace BudgetBuddy.Api.RateLimiting;

/// <summary>A token bucket: refilled at <see cref="RequestsPerMinute"/>, holding at most <see cref="Burst"/>.</summary>
internal readonly record struct BucketShape(int RequestsPerMinute, int Burst)
{
    /// <summary>How often the partitioned limiter refills its buckets (its fixed heartbeat).</summary>
    private static readonly TimeSpan RefillInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>This pod's share of a limit the <paramref name="replicas"/> pods enforce together; never below one request.</summary>
    public static BucketShape PerPod(int requestsPerMinute, int burst, int replicas)
    {
        var pods = Math.Max(1, replicas);
        return new(Math.Max(1, CeilingOf(requestsPerMinute, pods)), Math.Max(1, CeilingOf(burst, pods)));
    }

    /// <summary>
    /// Refilled by the partitioned limiter's heartbeat (no timer per bucket) in proportion to the time elapsed, so the
    /// one-minute period sets the rate, not a step: 600 a minute comes back as one token every 100 ms. Never queues:
    /// a request either goes through now or is answered 429.
    /// </summary>
    public TokenBucketRateLimiterOptions Options() => new()
    {
        TokenLimit = Burst,
        TokensPerPeriod = RequestsPerMinute,
        ReplenishmentPeriod = TimeSpan.FromMinutes(1),
        AutoReplenishment = false,
        QueueLimit = 0,
    };

    /// <summary>How long one token takes to come back: a minute's share at <see cref="RequestsPerMinute"/>.</summary>
    public TimeSpan TokenInterval => TimeSpan.FromMinutes(1) / RequestsPerMinute;

    /// <summary>
    /// Whole seconds until an empty bucket holds a token again: one token's share of a minute, plus one refill
    /// interval for the heartbeat to credit it, rounded up. (The limiter's own figure counts whole minutes here.)
    /// </summary>
    public int RetryAfterSeconds => (int)Math.Ceiling(60.0 / RequestsPerMinute + RefillInterval.TotalSeconds);

    private static int CeilingOf(int value, int divisor) => (int)((value + (long)divisor - 1) / divisor);
}
