using HdrHistogram;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>
/// Combines the runs of several harness processes (the pods of a cluster gate, each offering rate/N from one shared
/// start time) into the run one process would have recorded: counts add, and latencies add histogram by histogram
/// (per step, per second), so the merged percentiles are those of all requests together, not an average of
/// percentiles.
/// </summary>
internal static class LoadMerge
{
    /// <summary>One harness process's result: its JSON summary and its latency log.</summary>
    public sealed record Part(LoadSummary Summary, Dictionary<string, HistogramBase> Steps, Dictionary<int, HistogramBase> Seconds);

    /// <exception cref="InvalidDataException">The parts are not of one run: another scenario, window or start.</exception>
    public static RecordedRun Merge(IReadOnlyList<Part> parts)
    {
        if (parts.Count == 0)
        {
            throw new InvalidDataException("nothing to merge");
        }
        var first = parts[0].Summary;
        foreach (var part in parts.Skip(1).Select(p => p.Summary))
        {
            if (part.Scenario != first.Scenario || part.DurationSeconds != first.DurationSeconds || part.WarmupSeconds != first.WarmupSeconds)
            {
                throw new InvalidDataException($"the parts are not of one run: {first.Scenario} {first.WarmupSeconds}+{first.DurationSeconds} s against {part.Scenario} {part.WarmupSeconds}+{part.DurationSeconds} s");
            }
            // One shared start time: a part that started later measured other seconds than the rest.
            if ((part.StartedAt - first.StartedAt).Duration() > TimeSpan.FromSeconds(Math.Max(5, first.WarmupSeconds)))
            {
                throw new InvalidDataException($"the parts did not start together: {first.StartedAt:O} and {part.StartedAt:O}; give each the same --start-at");
            }
        }

        var steps = first.Steps.Select(step => new RecordedStep(
            step.Name,
            parts.Sum(p => p.Summary.Steps.FirstOrDefault(s => s.Name == step.Name)?.Count ?? 0),
            parts.Sum(p => p.Summary.Steps.FirstOrDefault(s => s.Name == step.Name)?.Errors ?? 0),
            Sum(parts.Select(p => p.Steps.GetValueOrDefault(step.Name)), LoadRecorder.NewHistogram(3)))).ToList();
        var intervals = Enumerable.Range(0, first.DurationSeconds).Select(second =>
        {
            var of = parts.Select(p => p.Summary.Intervals.FirstOrDefault(i => i.Second == second)).Where(i => i is not null).ToList();
            return new RecordedInterval(second, of.Sum(i => i!.Count), of.Sum(i => i!.Errors), of.Sum(i => i!.Late),
                (long)of.Sum(i => i!.RatePerSecond), Sum(parts.Select(p => p.Seconds.GetValueOrDefault(second)), LoadRecorder.NewHistogram(2)));
        }).ToList();
        // Every measured request is in exactly one step, so the steps' sum is the whole run's histogram.
        var overall = Sum(steps.Select(s => s.Latency), LoadRecorder.NewHistogram(3));
        return new RecordedRun(
            parts.Sum(p => p.Summary.Sent),
            parts.Sum(p => p.Summary.Completed),
            parts.Sum(p => p.Summary.Errors),
            parts.Sum(p => p.Summary.Late),
            parts.Sum(p => p.Summary.Dropped),
            parts.Sum(p => p.Summary.AchievedRate),
            overall,
            steps,
            intervals,
            [.. parts.SelectMany(p => p.Summary.ErrorSamples).Take(20)]);
    }

    private static HistogramBase Sum(IEnumerable<HistogramBase?> histograms, HistogramBase into)
    {
        foreach (var histogram in histograms.OfType<HistogramBase>())
        {
            into.Add(histogram);
        }
        return into;
    }
}
