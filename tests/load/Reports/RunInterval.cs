namespace BudgetBuddy.Load.Reports;

/// <summary>One second of the measured run. Its latencies are null (or meaningless) when nothing was answered in it.</summary>
internal sealed record RunInterval
{
    public double Second { get; init; }

    public long Count { get; init; }

    public long Errors { get; init; }

    public long Late { get; init; }

    public double RatePerSecond { get; init; }

    public double? P50Ms { get; init; }

    public double? P95Ms { get; init; }

    public double? P99Ms { get; init; }

    public double? MaxMs { get; init; }
}
