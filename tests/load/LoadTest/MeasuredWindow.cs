using BudgetBuddy.Load.Harness;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>What was read around the measured window: CPU shares, the DynamoDB call counters, and the established connections to the API (closed model).</summary>
internal sealed record MeasuredWindow(CpuUsage Cpu, DynamoDbCallCounts CallsBefore, DynamoDbCallCounts CallsAfter, int? ConnectionsAtStart, int? ConnectionsAtEnd)
{
    /// <summary>The DynamoDB calls in the window, per request sent.</summary>
    public IReadOnlyList<StorageCall> StorageCalls(long requests) => CallsAfter.Since(CallsBefore, requests);
}
