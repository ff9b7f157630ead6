using System.Text.Json;
using BudgetBuddy.Load.LoadTest;
using BudgetBuddy.Load.Scenarios;

namespace BudgetBuddy.UnitTests.Load;

/// <summary>The summary's JSON is a contract with the report renderer: these names and shapes, camelCase.</summary>
public sealed class LoadSummaryJsonTests
{
    private static readonly string[] TopLevel =
    [
        "scenario", "model", "target", "startedAt", "finishedAt", "requestedRate", "durationSeconds", "warmupSeconds", "connections",
        "sent", "completed", "errors", "late", "dropped", "achievedRate", "latency", "steps", "intervals", "distribution",
        "errorSamples", "thresholds", "passed", "machine", "cpu",
    ];

    private static readonly string[] Latency = ["count", "meanMs", "p50Ms", "p90Ms", "p95Ms", "p99Ms", "p999Ms", "maxMs"];

    [Fact]
    public void The_summary_has_exactly_the_fields_the_report_renderer_reads()
    {
        using var json = JsonDocument.Parse(Serialize(Summary("mixed")));
        var root = json.RootElement;

        Assert.Equal(TopLevel, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("open", root.GetProperty("model").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("connections").ValueKind);
        Assert.Equal(100, root.GetProperty("requestedRate").GetDouble());
        Assert.Equal(Latency, root.GetProperty("latency").EnumerateObject().Select(p => p.Name));

        var step = root.GetProperty("steps")[0];
        Assert.Equal(["name", "weight", "count", "errors", "latency"], step.EnumerateObject().Select(p => p.Name));
        Assert.Equal("get-budget", step.GetProperty("name").GetString());
        Assert.Equal(Latency, step.GetProperty("latency").EnumerateObject().Select(p => p.Name));

        Assert.Equal(
            ["second", "count", "errors", "late", "ratePerSecond", "p50Ms", "p95Ms", "p99Ms", "maxMs"],
            root.GetProperty("intervals")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, root.GetProperty("intervals").GetArrayLength());
        Assert.Equal(["percentile", "valueMs"], root.GetProperty("distribution")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["step", "status", "body"], root.GetProperty("errorSamples")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(503, root.GetProperty("errorSamples")[0].GetProperty("status").GetInt32());
        Assert.Equal(["name", "limit", "actual", "passed"], root.GetProperty("thresholds")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["cores", "cpuModel", "os", "runtime"], root.GetProperty("machine").EnumerateObject().Select(p => p.Name));
        Assert.True(DateTimeOffset.TryParse(root.GetProperty("startedAt").GetString(), out _));
    }

    [Fact]
    public void The_closed_model_names_its_connections()
    {
        using var json = JsonDocument.Parse(Serialize(Summary("connections")));
        Assert.Equal("closed", json.RootElement.GetProperty("model").GetString());
        Assert.Equal(10_000, json.RootElement.GetProperty("connections").GetInt32());
    }

    [Fact]
    public void The_raw_storage_paths_summary_names_its_target_so_and_ends_with_a_note()
    {
        var summary = Summary("mixed") with { Target = "dynamodb-direct:http://127.0.0.1:8200", Note = "The raw storage path." };
        using var json = JsonDocument.Parse(Serialize(summary));

        Assert.Equal([.. TopLevel, "note"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("dynamodb-direct:http://127.0.0.1:8200", json.RootElement.GetProperty("target").GetString());
        Assert.Equal("The raw storage path.", BudgetBuddy.Load.Reports.LoadReports.Parse(Serialize(summary)).Note);
    }

    [Fact]
    public void A_run_fails_when_one_threshold_fails_and_says_which()
    {
        var summary = Summary("mixed", "p99<=1ms", "errors<50%");
        Assert.False(summary.Passed);
        Assert.Equal([false, true], summary.Thresholds.Select(t => t.Passed));
    }

    [Fact]
    public void The_distribution_rises_from_the_fastest_request_to_the_slowest()
    {
        var recorder = LoadRecorderFor(new Schedule(1000, 0, 1));
        for (var i = 0; i < 1000; i++)
        {
            recorder.RecordSent(i, 0, 0, 0, (i + 1) * 100, 200, null);   // 0.1 ms … 100 ms
        }
        var distribution = LoadSummaryBuilder.Distribution(recorder.Result().Latency);

        Assert.Equal(0, distribution[0].Percentile);
        Assert.Equal(100, distribution[^1].Percentile);
        Assert.Equal(100, distribution[^1].ValueMs, precision: 0);
        Assert.True(distribution.Count > 20);
        Assert.All(distribution.Zip(distribution.Skip(1)), pair =>
        {
            Assert.True(pair.Second.Percentile > pair.First.Percentile);
            Assert.True(pair.Second.ValueMs >= pair.First.ValueMs);
        });
        Assert.Contains(distribution, p => p.Percentile is > 99 and < 100);
    }

    private static LoadSummary Summary(string scenarioName, params string[] thresholds)
    {
        var scenario = ScenarioCatalog.Find(scenarioName)!;
        var schedule = new Schedule(100, 1, 2);
        var recorder = LoadRecorderFor(schedule, scenario);
        for (long i = schedule.WarmupRequests; i < schedule.TotalRequests; i++)
        {
            var due = i * 10_000;
            recorder.RecordSent(i, (int)(i % scenario.Steps.Count), due, due, due + 4_000, i == 150 ? 503 : 200, () => "Storage unavailable");
        }
        var options = new LoadTestOptions(
            scenario, 100, 2, 1, "seed.json",
            thresholds.Length == 0 ? Threshold.GateDefaults : [.. thresholds.Select(Threshold.Parse)],
            10_000, 10_000, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(30), 7, "results", new Dictionary<string, int>());
        return LoadSummaryBuilder.Build(options, "http://127.0.0.1:8280/", null, recorder.Result(), DateTimeOffset.UtcNow.AddSeconds(-3), DateTimeOffset.UtcNow, null);
    }

    private static LoadRecorder LoadRecorderFor(Schedule schedule, Scenario? scenario = null) =>
        new([.. (scenario ?? ScenarioCatalog.Find("mixed")!).Steps.Select(s => s.Name)], schedule, 1_000_000,
            TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(30));

    private static string Serialize(LoadSummary summary) => JsonSerializer.Serialize(summary, LoadSummaryJson.Default.LoadSummary);
}
