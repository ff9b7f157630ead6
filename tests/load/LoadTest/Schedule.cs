namespace BudgetBuddy.Load.LoadTest;

/// <summary>
/// When each request of a run is due: request <c>i</c> at <c>t0 + i / rate</c>, whatever happened to the requests
/// before it. The first <see cref="WarmupRequests"/> (due before <c>t0 + warmup</c>) are sent but not recorded; the
/// <see cref="MeasuredRequests"/> after them are due within the measured window of <c>duration</c> seconds.
/// Latency is taken from a request's due time, not from when it was sent, so a sender or server that falls behind
/// shows up in the latencies instead of quietly sending less (no coordinated omission).
/// </summary>
internal sealed record Schedule
{
    // Rates like 333.3 make products such as 4999.999999 that must count as 5000.
    private const double Epsilon = 1e-9;

    public Schedule(double rate, int warmupSeconds, int durationSeconds)
    {
        if (!(rate > 0) || double.IsInfinity(rate))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The rate must be a positive number of requests a second.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSeconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(durationSeconds);
        Rate = rate;
        WarmupSeconds = warmupSeconds;
        DurationSeconds = durationSeconds;
        WarmupRequests = CountBefore(warmupSeconds);
        TotalRequests = CountBefore(warmupSeconds + durationSeconds);
    }

    public double Rate { get; }

    public int WarmupSeconds { get; }

    public int DurationSeconds { get; }

    /// <summary>Requests due before the measured window: 0 … WarmupRequests-1.</summary>
    public long WarmupRequests { get; }

    /// <summary>Every request of the run, warm-up included.</summary>
    public long TotalRequests { get; }

    public long MeasuredRequests => TotalRequests - WarmupRequests;

    /// <summary>Seconds from t0 at which request <paramref name="index"/> is due.</summary>
    public double DueSeconds(long index) => index / Rate;

    /// <summary>Due time of request <paramref name="index"/> in ticks of a clock of <paramref name="ticksPerSecond"/> (Stopwatch), from t0.</summary>
    public long DueTicks(long index, long ticksPerSecond) => (long)(index * (double)ticksPerSecond / Rate);

    public bool IsMeasured(long index) => index >= WarmupRequests;

    /// <summary>
    /// The second of the measured window request <paramref name="index"/> is due in (0 … DurationSeconds-1); -1 for
    /// warm-up requests.
    /// </summary>
    public int IntervalOf(long index)
    {
        if (!IsMeasured(index))
        {
            return -1;
        }
        var second = (int)Math.Floor(DueSeconds(index) - WarmupSeconds + Epsilon);
        return Math.Clamp(second, 0, DurationSeconds - 1);
    }

    /// <summary>True when a request sent <paramref name="sentTicks"/> after t0 but due at <paramref name="dueTicks"/> went out more than <paramref name="lateAfterTicks"/> late.</summary>
    public static bool IsLate(long dueTicks, long sentTicks, long lateAfterTicks) => sentTicks - dueTicks > lateAfterTicks;

    // The number of requests due strictly before `seconds`: i / rate < seconds, so i < rate * seconds.
    private long CountBefore(int seconds) => (long)Math.Ceiling(Rate * seconds - Epsilon);
}
