namespace BudgetBuddy.Api.LoadShedding;

/// <summary>
/// How much work a pod takes on at once (section <c>LoadShedding</c>). Past its capacity a server that keeps accepting
/// only makes every request slower: storage calls queue, time out and are retried, and goodput falls while the
/// pod gets busier. So a pod runs at most <see cref="MaxConcurrentRequests"/> requests, lets up to
/// <see cref="QueueLimit"/> more wait (oldest first) for at most <see cref="MaxQueueWait"/>, and answers the rest
/// 503 at once, which the load balancer or the client retries elsewhere or later.
/// </summary>
public sealed class LoadSheddingOptions
{
    public const string Section = "LoadShedding";

    /// <summary>Requests served at once; a few hundred keeps two cores and the storage connections busy without thrashing.</summary>
    public int MaxConcurrentRequests { get; set; } = 256;

    /// <summary>Requests that may wait for a turn; 0 refuses at once whatever does not fit.</summary>
    public int QueueLimit { get; set; } = 1024;

    /// <summary>The longest a request waits for a turn before it is refused; a client's latency budget bounds it.</summary>
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Seconds in the refusal's <c>Retry-After</c>.</summary>
    public int RetryAfterSeconds { get; set; } = 1;
}
