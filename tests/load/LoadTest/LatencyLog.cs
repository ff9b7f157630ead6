using System.Globalization;
using HdrHistogram;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>
/// A run's latencies as an HdrHistogram log (<c>&lt;summary&gt;.hlog</c> beside its JSON summary): one histogram per
/// step for the whole measured window (tag <c>step:&lt;name&gt;</c>) and one per second of it (tag
/// <c>second:&lt;n&gt;</c>). Histograms add without loss, so the logs of several harness processes that loaded one
/// target from one start time merge into exactly the histograms one process would have recorded.
/// </summary>
internal static class LatencyLog
{
    private const string StepTag = "step:";
    private const string SecondTag = "second:";

    public static string PathFor(string summaryPath) => Path.ChangeExtension(summaryPath, ".hlog");

    public static void Write(Stream stream, RecordedRun run, DateTimeOffset startedAt)
    {
        var histograms = new List<HistogramBase>();
        foreach (var step in run.Steps)
        {
            histograms.Add(Tagged(step.Latency, StepTag + step.Name));
        }
        foreach (var interval in run.Intervals)
        {
            histograms.Add(Tagged(interval.Latency, SecondTag + interval.Second.ToString(CultureInfo.InvariantCulture)));
        }
        using var writer = new HistogramLogWriter(stream);
        writer.Write(startedAt.UtcDateTime, [.. histograms]);
    }

    /// <summary>The histograms of one log: by step name, and by second of the measured window.</summary>
    public static (Dictionary<string, HistogramBase> Steps, Dictionary<int, HistogramBase> Seconds) Read(Stream stream)
    {
        var steps = new Dictionary<string, HistogramBase>(StringComparer.Ordinal);
        var seconds = new Dictionary<int, HistogramBase>();
        using var reader = new HistogramLogReader(stream);
        foreach (var histogram in reader.ReadHistograms())
        {
            var tag = histogram.Tag ?? "";
            if (tag.StartsWith(StepTag, StringComparison.Ordinal))
            {
                steps[tag[StepTag.Length..]] = histogram;
            }
            else if (tag.StartsWith(SecondTag, StringComparison.Ordinal) && int.TryParse(tag[SecondTag.Length..], CultureInfo.InvariantCulture, out var second))
            {
                seconds[second] = histogram;
            }
        }
        return (steps, seconds);
    }

    private static HistogramBase Tagged(HistogramBase histogram, string tag)
    {
        var copy = histogram.Copy();
        copy.Tag = tag;
        return copy;
    }
}
