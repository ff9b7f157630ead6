using HdrHistogram;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>
/// Everything a run measures, recorded as requests finish: latency from each request's due time (microseconds, in
/// HdrHistogram) overall, per step and per second of the measured window, and the counts of sent, failed, late and
/// dropped requests. Warm-up requests are ignored. One lock guards it all: at a few thousand requests a second the
/// lock costs far less than the request, and the figures stay consistent with each other.
/// </summary>
/// <remarks>
/// A dropped request (never sent: the in-flight cap was reached) is recorded as if it had waited the whole request
/// timeout, so a latency threshold fails when too many are dropped, and it counts as a failure of its step and second.
/// The run's own <c>errors</c> count only sent requests that failed; thresholds on errors add the dropped ones.
/// </remarks>
internal sealed class LoadRecorder
{
    /// <summary>Latencies are recorded from 1 µs up to this (60 s), to 3 significant digits overall and per step.</summary>
    public const long HighestMicroseconds = 60_000_000;

    private const int MaxErrorSamples = 20;
    private const int MaxSamplesPerKind = 3;
    private const int MaxSampleLength = 300;

    private readonly Lock gate = new();
    private readonly Schedule schedule;
    private readonly long ticksPerSecond;
    private readonly long lateAfterTicks;
    private readonly long droppedMicroseconds;
    private readonly LongHistogram overall = NewHistogram(3);
    private readonly StepTally[] steps;
    private readonly IntervalTally[] intervals;
    private readonly List<ErrorSample> errorSamples = [];
    private readonly Dictionary<(string Step, int Status), int> samplesPerKind = [];
    private long sent;
    private long completed;
    private long errors;
    private long late;
    private long dropped;

    /// <param name="stepNames">The scenario's steps, in the order of the step indexes recorded.</param>
    /// <param name="lateAfter">A request sent more than this after it was due is late.</param>
    /// <param name="droppedLatency">What a dropped request counts as in the latencies: the request timeout.</param>
    public LoadRecorder(IReadOnlyList<string> stepNames, Schedule schedule, long ticksPerSecond, TimeSpan lateAfter, TimeSpan droppedLatency)
    {
        this.schedule = schedule;
        this.ticksPerSecond = ticksPerSecond;
        lateAfterTicks = (long)(lateAfter.TotalSeconds * ticksPerSecond);
        droppedMicroseconds = Math.Clamp((long)droppedLatency.TotalMicroseconds, 1, HighestMicroseconds);
        steps = [.. stepNames.Select(name => new StepTally(name))];
        intervals = [.. Enumerable.Range(0, schedule.DurationSeconds).Select(_ => new IntervalTally())];
    }

    public static LongHistogram NewHistogram(int significantDigits) => new(1, HighestMicroseconds, significantDigits);

    /// <summary>A request that was sent and finished (answered or failed).</summary>
    /// <param name="dueTicks">When it was due, in ticks from t0.</param>
    /// <param name="sentTicks">When it went out, in ticks from t0.</param>
    /// <param name="doneTicks">When its answer was read to the end (or it failed), in ticks from t0.</param>
    /// <param name="status">The HTTP status; 0 when no answer came.</param>
    /// <param name="failure">For a failure: the answer's body or the exception's message; read only when sampled.</param>
    public void RecordSent(long index, int step, long dueTicks, long sentTicks, long doneTicks, int status, Func<string>? failure)
    {
        if (!schedule.IsMeasured(index))
        {
            return;
        }
        var ok = status is >= 200 and < 300;
        var isLate = Schedule.IsLate(dueTicks, sentTicks, lateAfterTicks);
        var microseconds = Math.Clamp((doneTicks - dueTicks) * 1_000_000 / ticksPerSecond, 1, HighestMicroseconds);
        var interval = intervals[schedule.IntervalOf(index)];
        var doneSecond = (int)Math.Floor((double)doneTicks / ticksPerSecond - schedule.WarmupSeconds);
        lock (gate)
        {
            sent++;
            overall.RecordValue(microseconds);
            steps[step].Record(microseconds, ok);
            interval.Record(microseconds, ok, isLate);
            if (isLate)
            {
                late++;
            }
            if (ok)
            {
                completed++;
                if (doneSecond >= 0 && doneSecond < intervals.Length)
                {
                    intervals[doneSecond].Succeeded++;
                }
            }
            else
            {
                errors++;
                Sample(steps[step].Name, status, failure);
            }
        }
    }

    /// <summary>A request that was due while the in-flight cap was reached, so it was never sent.</summary>
    public void RecordDropped(long index, int step)
    {
        if (!schedule.IsMeasured(index))
        {
            return;
        }
        var interval = intervals[schedule.IntervalOf(index)];
        lock (gate)
        {
            dropped++;
            overall.RecordValue(droppedMicroseconds);
            steps[step].Record(droppedMicroseconds, ok: false);
            interval.Record(droppedMicroseconds, ok: false, late: false);
        }
    }

    public RecordedRun Result()
    {
        lock (gate)
        {
            return new RecordedRun(
                sent,
                completed,
                errors,
                late,
                dropped,
                completed / (double)schedule.DurationSeconds,
                overall.Copy(),
                [.. steps.Select(s => new RecordedStep(s.Name, s.Count, s.Errors, s.Latency.Copy()))],
                [.. intervals.Select((t, second) => new RecordedInterval(second, t.Count, t.Errors, t.Late, t.Succeeded, t.Latency.Copy()))],
                [.. errorSamples]);
        }
    }

    private void Sample(string step, int status, Func<string>? failure)
    {
        if (errorSamples.Count >= MaxErrorSamples)
        {
            return;
        }
        var kind = (step, status);
        var taken = samplesPerKind.GetValueOrDefault(kind);
        if (taken >= MaxSamplesPerKind)
        {
            return;
        }
        samplesPerKind[kind] = taken + 1;
        var body = failure?.Invoke() ?? "";
        errorSamples.Add(new ErrorSample(step, status, body.Length > MaxSampleLength ? body[..MaxSampleLength] : body));
    }

    private sealed class StepTally(string name)
    {
        public string Name { get; } = name;

        public long Count { get; private set; }

        public long Errors { get; private set; }

        public LongHistogram Latency { get; } = NewHistogram(3);

        public void Record(long microseconds, bool ok)
        {
            Count++;
            Errors += ok ? 0 : 1;
            Latency.RecordValue(microseconds);
        }
    }

    // Two significant digits: 1 % resolution is plenty for a plot over time, and a 60-second run keeps 60 of them.
    private sealed class IntervalTally
    {
        public long Count { get; private set; }

        public long Errors { get; private set; }

        public long Late { get; private set; }

        /// <summary>Successful answers that arrived in this second (whenever they were due).</summary>
        public long Succeeded { get; set; }

        public LongHistogram Latency { get; } = NewHistogram(2);

        public void Record(long microseconds, bool ok, bool late)
        {
            Count++;
            Errors += ok ? 0 : 1;
            Late += late ? 1 : 0;
            Latency.RecordValue(microseconds);
        }
    }
}
