using HdrHistogram;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>What <see cref="LoadRecorder"/> holds at the end of a run, before it is summarised.</summary>
/// <param name="Completed">Sent requests answered with a 2xx.</param>
/// <param name="AchievedRate">Completed requests a second of the measured window.</param>
internal sealed record RecordedRun(
    long Sent,
    long Completed,
    long Errors,
    long Late,
    long Dropped,
    double AchievedRate,
    HistogramBase Latency,
    IReadOnlyList<RecordedStep> Steps,
    IReadOnlyList<RecordedInterval> Intervals,
    IReadOnlyList<ErrorSample> ErrorSamples);
