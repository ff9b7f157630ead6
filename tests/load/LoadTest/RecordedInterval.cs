using HdrHistogram;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>
/// One second of the measured window: the requests due in it (count, failures, late ones, latencies) and the
/// successful answers that arrived in it (<paramref name="Succeeded"/>: the throughput of that second).
/// </summary>
internal sealed record RecordedInterval(int Second, long Count, long Errors, long Late, long Succeeded, HistogramBase Latency);
