namespace BudgetBuddy.Load.Reports;

/// <summary>One point of the latency distribution: <see cref="Percentile"/> % of requests took at most <see cref="ValueMs"/>.</summary>
internal sealed record RunPercentile
{
    public double Percentile { get; init; }

    public double ValueMs { get; init; }
}
