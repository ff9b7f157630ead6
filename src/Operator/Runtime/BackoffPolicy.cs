namespace BudgetBuddy.Operator.Runtime;

/// <summary>
/// Exponential backoff: attempt <c>n</c> (0-based) waits <c>Base × Factor^n</c>, at most <see cref="Cap"/>. Settable
/// so configuration can bind it.
/// </summary>
public sealed class BackoffPolicy
{
    /// <summary>The first delay.</summary>
    public TimeSpan Base { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How much each further attempt multiplies the delay by (at least 1).</summary>
    public double Factor { get; set; } = 2;

    /// <summary>The longest delay.</summary>
    public TimeSpan Cap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A work queue's default per-key backoff: 100 ms doubling up to 5 minutes.</summary>
    public static BackoffPolicy PerKeyDefault() => new();

    /// <summary>A watch's default reconnect backoff: 200 ms doubling up to 30 seconds (used with full jitter).</summary>
    public static BackoffPolicy ReconnectDefault() =>
        new() { Base = TimeSpan.FromMilliseconds(200), Factor = 2, Cap = TimeSpan.FromSeconds(30) };

    /// <summary>The delay before retry number <paramref name="attempt"/> (0-based), capped.</summary>
    public TimeSpan DelayFor(int attempt)
    {
        Validate();
        var cap = Cap.TotalMilliseconds;
        // Computed in doubles and clamped before converting: Factor^attempt overflows long before attempts run out.
        var milliseconds = Base.TotalMilliseconds * Math.Pow(Factor, Math.Max(0, attempt));
        return double.IsFinite(milliseconds) && milliseconds < cap
            ? TimeSpan.FromMilliseconds(milliseconds)
            : Cap;
    }

    /// <summary>
    /// "Full jitter": a uniformly random delay between zero and <see cref="DelayFor"/>, so clients that failed
    /// together do not retry together.
    /// </summary>
    public TimeSpan JitteredDelayFor(int attempt, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return TimeSpan.FromMilliseconds(DelayFor(attempt).TotalMilliseconds * random.NextDouble());
    }

    private void Validate()
    {
        if (Base < TimeSpan.Zero || Cap < Base || !(Factor >= 1))
        {
            throw new InvalidOperationException($"Backoff needs 0 <= Base <= Cap and Factor >= 1; got Base {Base}, Factor {Factor}, Cap {Cap}.");
        }
    }
}
