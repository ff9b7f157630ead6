using System.Diagnostics;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>
/// The open model: one scheduler thread walks the schedule and launches request i at t0 + i/rate on the thread pool,
/// never waiting for earlier answers, as independent clients would arrive. It sleeps (with sub-millisecond precision)
/// until the next request is due; a request that goes out more than the late threshold after it was due is counted
/// late, and its latency (taken from when it was due) includes the delay. When <c>maxInFlight</c> requests are
/// unanswered, a due request is dropped: counted, never sent. Every request goes through one sender: over HTTP, one
/// pool of keep-alive connections, as many as may be in flight; on the storage path, one DynamoDB client.
/// </summary>
internal sealed class OpenModel(Schedule schedule, int maxInFlight, IRequestSender sender)
{
    // Requests of the first moments would all be late if t0 were "now": the pool and the JIT are still cold.
    private static readonly TimeSpan StartDelay = TimeSpan.FromMilliseconds(100);

    private readonly TaskCompletionSource drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RequestRunner? runner;
    private CancellationToken token;
    // The scheduler holds one count until it has launched its last request, so "0 in flight" means all done.
    private long inFlight = 1;
    private long peakInFlight;

    /// <summary>The most requests that were unanswered at once.</summary>
    public long PeakInFlight => Interlocked.Read(ref peakInFlight);

    /// <summary>t0, in <see cref="Stopwatch"/> ticks, of a run that has not started yet.</summary>
    public static long NextT0() => Stopwatch.GetTimestamp() + (long)(StartDelay.TotalSeconds * Stopwatch.Frequency);

    public async Task RunAsync(RequestRunner requests, CancellationToken ct)
    {
        runner = requests;
        token = ct;
        var scheduler = new Thread(Schedule) { IsBackground = true, Name = "load-scheduler", Priority = ThreadPriority.Highest };
        scheduler.Start();
        await drained.Task.WaitAsync(ct);
    }

    private void Schedule()
    {
        var frequency = Stopwatch.Frequency;
        try
        {
            for (long i = 0; i < schedule.TotalRequests && !token.IsCancellationRequested; i++)
            {
                var due = schedule.DueTicks(i, frequency);
                var ahead = due - runner!.Now;
                if (ahead > 0)
                {
                    PreciseSleep.For(TimeSpan.FromSeconds((double)ahead / frequency));
                }
                var (step, think) = runner.Choose(i);
                // Minus the scheduler's own count.
                if (Interlocked.Read(ref inFlight) - 1 >= maxInFlight)
                {
                    runner.Recorder.RecordDropped(i, step);
                    continue;
                }
                var now = Interlocked.Increment(ref inFlight) - 1;
                if (now > Interlocked.Read(ref peakInFlight))
                {
                    Interlocked.Exchange(ref peakInFlight, now);
                }
                ThreadPool.UnsafeQueueUserWorkItem(new Launch(this, i, step, think, due), preferLocal: false);
            }
        }
        finally
        {
            Finish();
        }
    }

    private async Task SendAsync(long index, int step, Scenarios.Think think, long due)
    {
        try
        {
            await runner!.SendAsync(sender, index, step, think, due, token);
        }
        finally
        {
            Finish();
        }
    }

    private void Finish()
    {
        if (Interlocked.Decrement(ref inFlight) == 0)
        {
            drained.TrySetResult();
        }
    }

    private sealed class Launch(OpenModel model, long index, int step, Scenarios.Think think, long due) : IThreadPoolWorkItem
    {
        public void Execute() => _ = model.SendAsync(index, step, think, due);
    }
}
