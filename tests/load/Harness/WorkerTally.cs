using System.Diagnostics;
using HdrHistogram;

namespace BudgetBuddy.Load.Harness;

/// <summary>One worker's answers: a latency histogram of the successes (microseconds) and the count of failures. Not shared, so not locked.</summary>
internal sealed class WorkerTally
{
    /// <summary>Latencies are recorded from 1 µs up to this (60 s, the client's timeout), to 3 significant digits.</summary>
    public const long HighestMicroseconds = 60_000_000;

    public LongHistogram Latency { get; } = NewHistogram();

    public long Failed { get; private set; }

    public static LongHistogram NewHistogram() => new(1, HighestMicroseconds, 3);

    public void Record(bool ok, long elapsedTicks)
    {
        if (!ok)
        {
            Failed++;
            return;
        }
        var microseconds = elapsedTicks * 1_000_000 / Stopwatch.Frequency;
        Latency.RecordValue(Math.Clamp(microseconds, 1, HighestMicroseconds));
    }
}
