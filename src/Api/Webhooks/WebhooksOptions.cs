namespace BudgetBuddy.Api.Webhooks;

/// <summary>How webhooks are sent and whom they may reach (section <c>Webhooks</c>).</summary>
public sealed class WebhooksOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Lets a webhook target a loopback address, and over plain http when every address of its host is loopback: for
    /// development and tests with a receiver on the same machine, never in production.
    /// </summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Longest wait for the receiver's TCP connection (DNS included).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Longest a delivery may take in all, from connecting to the last byte of the answer read.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most bytes of a receiver's answer read (and thrown away) before the connection is dropped.</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    /// <summary>How long a rotated-out secret keeps signing beside the new one, so receivers can switch without a gap.</summary>
    public TimeSpan SecretOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long delivery attempts stay listed before DynamoDB's TTL removes them.</summary>
    public TimeSpan DeliveryRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The wait before the second attempt of an event; each further one waits twice as long, up to <see cref="RetryCap"/>, jittered.</summary>
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan RetryCap { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an endpoint may keep failing (since its first failed attempt of an event) before it is disabled.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The wait before attempt <paramref name="failures"/> + 1: exponential, capped, and drawn from its upper half so
    /// endpoints that failed together do not all come back at once.
    /// </summary>
    public TimeSpan RetryDelay(int failures, double random)
    {
        var exponent = Math.Min(failures - 1, 30);
        var full = Math.Min(RetryCap.TotalMilliseconds, RetryBase.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(full / 2 + full / 2 * random);
    }

    public bool IsValid =>
        ConnectTimeout > TimeSpan.Zero && RequestTimeout >= ConnectTimeout && RequestTimeout <= TimeSpan.FromMinutes(1)
        && MaxResponseBytes is > 0 and <= 1024 * 1024
        && SecretOverlap >= TimeSpan.Zero && DeliveryRetention >= TimeSpan.FromDays(1)
        && RetryBase > TimeSpan.Zero && RetryCap >= RetryBase && DisableAfter > TimeSpan.Zero;
}
