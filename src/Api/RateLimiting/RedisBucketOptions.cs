using StackExchange.Redis;

namespace BudgetBuddy.Api.RateLimiting;

/// <summary>Where the shared buckets live (section <c>RateLimits:Redis</c>), and how long a pod waits for them.</summary>
public sealed class RedisBucketOptions
{
    /// <summary>
    /// A StackExchange.Redis configuration string, e.g. <c>master.bb.xxxxxx.use1.cache.amazonaws.com:6379,ssl=true</c>
    /// (an ElastiCache primary endpoint). Empty: no shared store, every pod keeps its own buckets.
    /// </summary>
    public string Configuration { get; set; } = "";

    /// <summary>The AUTH token, kept apart from <see cref="Configuration"/> so that it can come from a Secret.</summary>
    public string Password { get; set; } = "";

    /// <summary>
    /// Longest a request waits for Redis's answer before the pod decides with its own buckets. Every limited request
    /// asks Redis once per limit, so this bounds what a slow Redis adds to a request.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>After Redis failed to answer, how long the pod keeps deciding with its own buckets before it asks again.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);

    /// <summary>The client's settings: fail fast rather than queue while disconnected, and reconnect in the background.</summary>
    public ConfigurationOptions ClientOptions()
    {
        var options = ConfigurationOptions.Parse(Configuration);
        if (!string.IsNullOrEmpty(Password))
        {
            options.Password = Password;
        }
        // A pod starts, and serves, without Redis: the client connects and reconnects on its own meanwhile.
        options.AbortOnConnectFail = false;
        // While disconnected, commands fail at once instead of waiting in a backlog: a request must not wait for a
        // reconnect that may take seconds, when the pod's own buckets can answer now.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        var milliseconds = (int)Math.Ceiling(Timeout.TotalMilliseconds);
        options.AsyncTimeout = milliseconds;
        options.SyncTimeout = milliseconds;
        return options;
    }

    /// <summary>Why these settings cannot work, or null when they can (checked at start).</summary>
    public string? Problem()
    {
        if (!Enabled)
        {
            return null;
        }
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromSeconds(10))
        {
            return "RateLimits:Redis:Timeout must be above zero and at most 10 seconds.";
        }
        if (RetryInterval <= TimeSpan.Zero)
        {
            return "RateLimits:Redis:RetryInterval must be above zero.";
        }
        try
        {
            return ClientOptions().EndPoints.Count == 0 ? "RateLimits:Redis:Configuration names no endpoint." : null;
        }
        catch (ArgumentException e)
        {
            // The client's message names the keyword it could not read, not the string (which may hold a password).
            return $"RateLimits:Redis:Configuration cannot be read: {e.Message}";
        }
    }
}
