namespace BudgetBuddy.Load.LoadTest;

/// <summary>
/// One second of the measured window: the requests due in it (<see cref="Count"/>, <see cref="Errors"/>, <see cref="Late"/>,
/// latency percentiles) and <see cref="RatePerSecond"/>, the successful answers that arrived in it.
/// </summary>
internal sealed record IntervalSummary(
    int Second, long Count, long Errors, long Late, double RatePerSecond, double P50Ms, double P95Ms, double P99Ms, double MaxMs);
