using BudgetBuddy.Load.Bench;
using BudgetBuddy.Load.Harness;
using BudgetBuddy.Load.LoadTest;

namespace BudgetBuddy.UnitTests.Load;

/// <summary>make bench's verdicts: each figure against issue 7's target, and no latency counted as met on a rate not served.</summary>
public sealed class BenchTargetsTests
{
    [Fact]
    public void Mixed_at_the_target_rate_meets_its_targets_only_within_both_latencies()
    {
        var lines = Evaluate(("target", Run(1000, p95: 18, p99: 45)));
        Assert.True(Line(lines, "P99").Met);
        Assert.True(Line(lines, "P95").Met);

        lines = Evaluate(("target", Run(1000, p95: 25, p99: 45)));
        Assert.True(Line(lines, "P99").Met);
        Assert.False(Line(lines, "P95").Met);
    }

    [Fact]
    public void Fast_answers_do_not_count_when_the_rate_was_not_served()
    {
        // Dropped requests never answered cannot make the latency of the rest a met target.
        var lines = Evaluate(("target", Run(1000, p95: 5, p99: 10, achieved: 800, dropped: 12_000)));
        Assert.False(Line(lines, "P99").Met);
        Assert.Contains("dropped 12000", Line(lines, "P99").Notes, StringComparison.Ordinal);
    }

    [Fact]
    public void Efficiency_is_the_raw_paths_cpu_per_request_over_the_apis_at_the_same_rate()
    {
        // At 500/s on 2 cores: the API run costs (30+40+5) % of 2 cores = 3.0 ms a request, the raw run (30+5) % = 1.4 ms.
        var api = Run(500, cpu: new Dictionary<string, double> { ["api"] = 30, ["dynamodb"] = 40 }, client: 5);
        var raw = Run(500, cpu: new Dictionary<string, double> { ["dynamodb"] = 30 }, client: 5);

        var line = Line(Evaluate(("max_rate", "500"), ("max_rate_run", api), ("storage", raw)), "efficiency");

        Assert.Equal("0.47", line.Measured);
        Assert.False(line.Met);
        Assert.Contains("raw 1.40 ms", line.Notes, StringComparison.Ordinal);
        Assert.Contains("API 3.00 ms", line.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public void The_raw_path_at_the_target_rate_is_reported_without_a_verdict()
    {
        var line = Line(Evaluate(("storage_at_target", Run(1000, p99: 250, achieved: 940))), "raw storage path alone");
        Assert.Null(line.Met);
        Assert.Equal("250.0 ms", line.Measured);
        Assert.Contains("achieved 940.0/s of 1000/s", line.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public void Resident_memory_is_compared_in_megabytes()
    {
        // 195 MiB is 204.5 MB: over a 200 MB target though under 200 MiB.
        Assert.False(Line(Evaluate(("peak_rss_mib", "195")), "memory").Met);
        Assert.True(Line(Evaluate(("peak_rss_mib", "180")), "memory").Met);
    }

    [Fact]
    public void Connections_hold_their_target_at_p99_100_ms()
    {
        var lines = Evaluate(("connections", Run(1000, p95: 60, p99: 99, connections: 10_000)));
        var line = Line(lines, "connections");
        Assert.True(line.Met);
        Assert.StartsWith("connections (10,000) at 1000/s", line.Figure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_search_that_found_no_rate_says_so()
    {
        Assert.Equal("none of the rates tried", Line(Evaluate(("max_rate", "none")), "highest rate").Measured);
    }

    [Fact]
    public void Figures_are_read_as_name_equals_value_lines()
    {
        var figures = BenchFigures.Parse(["startup_ms=1834", "junk", "path=/a=b.json", "empty="]);
        Assert.Equal(1834, figures.Number("startup_ms"));
        Assert.Equal("/a=b.json", figures.Text("path"));
        Assert.Null(figures.Text("empty"));
        Assert.Null(figures.Number("missing"));
    }

    private static BenchLine Line(IReadOnlyList<BenchLine> lines, string part) =>
        Assert.Single(lines, l => l.Figure.Contains(part, StringComparison.Ordinal));

    private static IReadOnlyList<BenchLine> Evaluate(params (string Name, object Value)[] figures)
    {
        var runs = new Dictionary<string, LoadSummary>();
        var text = figures.Select(f =>
        {
            if (f.Value is LoadSummary run)
            {
                runs[f.Name + ".json"] = run;
                return $"{f.Name}={f.Name}.json";
            }
            return $"{f.Name}={f.Value}";
        });
        return BenchTargets.Evaluate(BenchFigures.Parse(text), path => runs[path]);
    }

    private static LoadSummary Run(
        double rate, double p95 = 10, double p99 = 20, double? achieved = null, long dropped = 0, int? connections = null,
        Dictionary<string, double>? cpu = null, double client = 3) =>
        new(
            connections is null ? "mixed" : "connections", connections is null ? "open" : "closed", "http://127.0.0.1:8580/",
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(60), rate, 60, 15, connections,
            Sent: (long)(rate * 60) - dropped, Completed: (long)((achieved ?? rate) * 60), Errors: 0, Late: 0, Dropped: dropped,
            AchievedRate: achieved ?? rate,
            new LatencySummary((long)(rate * 60), p95 / 2, p95 / 3, p95 * 0.9, p95, p99, p99 * 1.2, p99 * 1.5),
            [], [], [], [], [], Passed: true,
            new MachineInfo(2, "test", "test", ".NET"),
            new CpuUsage(90, client, cpu ?? new Dictionary<string, double> { ["api"] = 30, ["dynamodb"] = 50 }, 2));
}
