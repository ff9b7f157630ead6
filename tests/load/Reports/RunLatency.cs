namespace BudgetBuddy.Load.Reports;

/// <summary>Latency figures of a run or of one step, in milliseconds; all zero when nothing was answered.</summary>
internal sealed record RunLatency
{
    public long Count { get; init; }

    public double MeanMs { get; init; }

    public double P50Ms { get; init; }

    public double P90Ms { get; init; }

    public double P95Ms { get; init; }

    public double P99Ms { get; init; }

    public double P999Ms { get; init; }

    public double MaxMs { get; init; }
}
