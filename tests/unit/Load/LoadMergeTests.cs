using System.Text.Json;
using BudgetBuddy.Load.LoadTest;
using BudgetBuddy.Load.Scenarios;
using HdrHistogram;

namespace BudgetBuddy.UnitTests.Load;

/// <summary>
/// The runs of several harness processes, each written as its JSON summary and latency log and read back, merge into
/// the run one process would have recorded: the same counts, and percentiles equal to those of one histogram holding
/// every request's latency.
/// </summary>
public sealed class LoadMergeTests
{
    private const long Frequency = 1_000_000;
    private static readonly Scenario Mixed = ScenarioCatalog.Find("mixed")!;

    [Fact]
    public void Merged_percentiles_equal_those_of_the_combined_raw_latencies()
    {
        var all = LoadRecorder.NewHistogram(3);
        var parts = Enumerable.Range(1, 3).Select(seed => Part(seed, 50, all)).ToList();

        var merged = LoadMerge.Merge(parts);

        Assert.Equal(all.TotalCount, merged.Latency.TotalCount);
        foreach (var percentile in new[] { 50.0, 90, 95, 99, 99.9, 100 })
        {
            Assert.Equal(all.GetValueAtPercentile(percentile), merged.Latency.GetValueAtPercentile(percentile));
        }
        Assert.Equal(parts.Sum(p => p.Summary.Sent), merged.Sent);
        Assert.Equal(parts.Sum(p => p.Summary.Errors), merged.Errors);
        Assert.Equal(parts.Sum(p => p.Summary.Steps.Single(s => s.Name == "get-budget").Count), merged.Steps.Single(s => s.Name == "get-budget").Count);
        Assert.Equal(all.TotalCount, merged.Intervals.Sum(i => i.Latency.TotalCount));
        Assert.Equal(parts.Sum(p => p.Summary.Intervals[1].Count), merged.Intervals[1].Count);
    }

    [Fact]
    public void Parts_of_different_runs_are_refused()
    {
        var all = LoadRecorder.NewHistogram(3);
        var first = Part(1, 50, all);
        var other = Part(2, 50, all) with { Summary = Part(2, 50, all).Summary with { StartedAt = first.Summary.StartedAt.AddMinutes(5) } };

        var error = Assert.Throws<InvalidDataException>(() => LoadMerge.Merge([first, other]));
        Assert.Contains("--start-at", error.Message, StringComparison.Ordinal);
    }

    /// <summary>One harness process's run at <paramref name="rate"/>/s for 3 s, through its files and back.</summary>
    private static LoadMerge.Part Part(int seed, double rate, LongHistogram all)
    {
        var schedule = new Schedule(rate, 0, 3);
        var recorder = new LoadRecorder([.. Mixed.Steps.Select(s => s.Name)], schedule, Frequency, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(30));
        var random = new Random(seed);
        for (long i = 0; i < schedule.TotalRequests; i++)
        {
            var due = schedule.DueTicks(i, Frequency);
            // Mostly milliseconds, with a tail of seconds, so the percentiles that matter are far apart.
            var latency = random.Next(100) < 98 ? random.Next(500, 40_000) : random.Next(200_000, 3_000_000);
            var status = random.Next(200) == 0 ? 500 : 200;
            recorder.RecordSent(i, random.Next(Mixed.Steps.Count), due, due, due + latency, status, () => "failed");
            all.RecordValue(latency);
        }
        var run = recorder.Result();
        var options = new LoadTestOptions(Mixed, rate, 3, 0, "seed.json", Threshold.GateDefaults, 0, 10_000,
            TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(30), seed, "results", new Dictionary<string, int>());
        var startedAt = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        var summary = LoadSummaryBuilder.Build(options, "http://api/", null, run, startedAt, startedAt.AddSeconds(3), null);

        // Through the files the harness writes, as the merge command reads them.
        var json = JsonSerializer.Serialize(summary, LoadSummaryJson.Default.LoadSummary);
        using var written = new MemoryStream();
        LatencyLog.Write(written, run, startedAt);
        using var log = new MemoryStream(written.ToArray());
        var (steps, seconds) = LatencyLog.Read(log);
        return new LoadMerge.Part(JsonSerializer.Deserialize(json, LoadSummaryJson.Default.LoadSummary)!, steps, seconds);
    }
}
