namespace BudgetBuddy.Load.LoadTest;

/// <summary>A point of the latency distribution: <see cref="Percentile"/> % of the requests took at most <see cref="ValueMs"/>.</summary>
internal sealed record PercentilePoint(double Percentile, double ValueMs);
