namespace BudgetBuddy.Load.Harness;

/// <summary>What a closed loop measured: successes (with their latencies), failures, and the time it took.</summary>
internal sealed record LoopResult(long Succeeded, long Failed, TimeSpan Elapsed, LatencySummary Latency)
{
    /// <summary>Successful requests per second; failures do not count as work done.</summary>
    public double PerSecond => Elapsed > TimeSpan.Zero ? Succeeded / Elapsed.TotalSeconds : 0;

    public static LoopResult Of(IReadOnlyList<WorkerTally> tallies, TimeSpan elapsed)
    {
        var latency = WorkerTally.NewHistogram();
        foreach (var tally in tallies)
        {
            latency.Add(tally.Latency);
        }
        return new LoopResult(latency.TotalCount, tallies.Sum(t => t.Failed), elapsed, LatencySummary.Of(latency));
    }
}
