using BudgetBuddy.Load.Harness;
using BudgetBuddy.Load.Scenarios;
using HdrHistogram;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>Turns what a run recorded into its JSON summary, thresholds checked.</summary>
internal static class LoadSummaryBuilder
{
    /// <summary>HdrHistogram's percentile steps per halving of the distance to 100 %: 0, 50, 75, 87.5, … with 5 points in each half.</summary>
    private const int TicksPerHalfDistance = 5;
    private const double HighestPercentileListed = 99.999;

    /// <param name="target">What was loaded, as <see cref="ILoadTarget.Name"/> names it.</param>
    /// <param name="note">What a reader must know about the target (<see cref="ILoadTarget.Note"/>), or null.</param>
    public static LoadSummary Build(
        LoadTestOptions options, string target, string? note, RecordedRun run, DateTimeOffset startedAt, DateTimeOffset finishedAt, CpuUsage? cpu)
    {
        var latency = LatencySummary.Of(run.Latency);
        var figures = new RunFigures(options.Rate, run.Sent, run.Errors, run.Late, run.Dropped, run.AchievedRate, latency);
        var thresholds = options.Thresholds.Select(t => t.Evaluate(figures)).ToList();
        return new LoadSummary(
            options.Scenario.Name,
            options.Scenario.Model == LoadModel.Open ? "open" : "closed",
            target,
            startedAt,
            finishedAt,
            options.Rate,
            options.DurationSeconds,
            options.WarmupSeconds,
            options.Scenario.Model == LoadModel.Closed ? options.Connections : null,
            run.Sent,
            run.Completed,
            run.Errors,
            run.Late,
            run.Dropped,
            Math.Round(run.AchievedRate, 2),
            latency,
            [.. run.Steps.Select((s, i) => new StepSummary(s.Name, options.Scenario.Steps[i].Weight, s.Count, s.Errors, LatencySummary.Of(s.Latency)))],
            [.. run.Intervals.Select(Interval)],
            Distribution(run.Latency),
            run.ErrorSamples,
            thresholds,
            thresholds.All(t => t.Passed),
            MachineInfo.Current(),
            cpu,
            note);
    }

    /// <summary>
    /// The percentile spectrum, log-spaced towards the tail as HdrHistogram iterates it, up to 99.999 %, and then
    /// 100 % (the maximum). Empty for an empty histogram.
    /// </summary>
    public static IReadOnlyList<PercentilePoint> Distribution(HistogramBase latency)
    {
        if (latency.TotalCount == 0)
        {
            return [];
        }
        var points = new List<PercentilePoint>();
        foreach (var value in latency.Percentiles(TicksPerHalfDistance))
        {
            var percentile = Math.Round(value.PercentileLevelIteratedTo, 4);
            if (percentile > HighestPercentileListed)
            {
                break;
            }
            if (points.Count > 0 && points[^1].Percentile >= percentile)
            {
                continue;
            }
            points.Add(new PercentilePoint(percentile, Ms(latency.HighestEquivalentValue(value.ValueIteratedTo))));
        }
        points.Add(new PercentilePoint(100, Ms(latency.GetMaxValue())));
        return points;
    }

    private static IntervalSummary Interval(RecordedInterval interval)
    {
        var empty = interval.Latency.TotalCount == 0;
        double At(double percentile) => empty ? 0 : Ms(interval.Latency.GetValueAtPercentile(percentile));
        return new IntervalSummary(
            interval.Second, interval.Count, interval.Errors, interval.Late, interval.Succeeded,
            At(50), At(95), At(99), empty ? 0 : Ms(interval.Latency.GetMaxValue()));
    }

    private static double Ms(long microseconds) => Math.Round(microseconds / 1000.0, 3);
}
