using System.Diagnostics;

namespace BudgetBuddy.Load.Harness;

/// <summary>
/// Workers that each send a request, wait for its answer, and send the next: a closed loop. The offered load follows
/// what the server can take, so the rate measured is what it sustains at that concurrency. (Latencies of a closed
/// loop leave out the wait a request would have had in an open-loop arrival stream; that is the later load test's
/// business.)
/// </summary>
internal static class ClosedLoop
{
    /// <summary>One request. <paramref name="sequence"/> counts from 0 across all workers of the loop.</summary>
    /// <returns>True when the answer was a success.</returns>
    public delegate Task<bool> Operation(int worker, long sequence);

    /// <summary>Records every request sent during <paramref name="duration"/>; run it once unrecorded first to warm up.</summary>
    public static async Task<LoopResult> ForDurationAsync(int workers, TimeSpan duration, Operation operation, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var until = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long sequence = -1;
        var tallies = await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var tally = new WorkerTally();
            while (!ct.IsCancellationRequested)
            {
                var sent = Stopwatch.GetTimestamp();
                if (sent >= until)
                {
                    break;
                }
                var ok = await operation(worker, Interlocked.Increment(ref sequence));
                tally.Record(ok, Stopwatch.GetTimestamp() - sent);
            }
            return tally;
        }, ct)));
        ct.ThrowIfCancellationRequested();
        // Requests sent before the end answer after it; the rate is over the time until the last one answered.
        return LoopResult.Of(tallies, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Sends exactly <paramref name="requests"/> requests, all recorded; <paramref name="progress"/> hears of every <paramref name="progressEvery"/>th answer.</summary>
    public static async Task<LoopResult> ForCountAsync(
        int workers, long requests, Operation operation, CancellationToken ct, long progressEvery = 0, Action<long, TimeSpan>? progress = null)
    {
        var started = Stopwatch.GetTimestamp();
        long next = -1;
        long answered = 0;
        var tallies = await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var tally = new WorkerTally();
            long sequence;
            while (!ct.IsCancellationRequested && (sequence = Interlocked.Increment(ref next)) < requests)
            {
                var sent = Stopwatch.GetTimestamp();
                var ok = await operation(worker, sequence);
                tally.Record(ok, Stopwatch.GetTimestamp() - sent);
                var done = Interlocked.Increment(ref answered);
                if (progressEvery > 0 && done % progressEvery == 0)
                {
                    progress?.Invoke(done, Stopwatch.GetElapsedTime(started));
                }
            }
            return tally;
        }, ct)));
        ct.ThrowIfCancellationRequested();
        return LoopResult.Of(tallies, Stopwatch.GetElapsedTime(started));
    }
}
