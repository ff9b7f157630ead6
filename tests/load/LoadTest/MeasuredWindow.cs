using BudgetBuddy.Load.Harness;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>What was read around the measured window: CPU shares, the API's DynamoDB call counters, and the established connections to the API (closed model).</summary>
internal sealed record MeasuredWindow(CpuUsage Cpu, ServerMetrics MetricsBefore, ServerMetrics MetricsAfter, int? ConnectionsAtStart, int? ConnectionsAtEnd)
{
    /// <summary>The API's DynamoDB calls in the window, per request sent.</summary>
    public IReadOnlyList<StorageCall> StorageCalls(long requests) => MetricsAfter.Since(MetricsBefore, requests);
}
