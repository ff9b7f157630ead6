using BudgetBuddy.Load.Bench;
using BudgetBuddy.Load.Harness;
using BudgetBuddy.Load.LoadTest;

namespace BudgetBuddy.UnitTests.Load;

/// <summary>make bench's verdicts: each figure against its target, and no latency counted as met on a rate not served.</summary>
public sealed class BenchTargetsTests
{
    [Fact]
    public void Mixed_at_the_per_pod_rate_meets_the_seed_thresholds_only_within_every_percentile()
    {
        var lines = Evaluate(("target", Run(500, p95: 150, p99: 900)));
        Assert.True(Line(lines, "P50").Met);
        Assert.True(Line(lines, "P95").Met);
        Assert.True(Line(lines, "P99").Met);

        lines = Evaluate(("target", Run(500, p95: 150, p99: 1200)));
        Assert.True(Line(lines, "P95").Met);
        Assert.False(Line(lines, "P99").Met);
    }

    [Fact]
    public void Fast_answers_do_not_count_when_the_rate_was_not_served()
    {
        // Dropped requests never answered cannot make the latency of the rest a met target.
        var lines = Evaluate(("target", Run(500, p95: 5, p99: 10, achieved: 400, dropped: 6_000)));
        Assert.False(Line(lines, "P99").Met);
        Assert.Contains("dropped 6000", Line(lines, "P50").Notes, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cpu_per_request_of_the_api_and_the_store_comes_from_the_same_run()
    {
        // At 500/s on 2 cores: 30 % of all cores is 1.2 ms of one core a request, 40 % is 1.6 ms, 5 % is 0.2 ms.
        var run = Run(500, cpu: new Dictionary<string, double> { ["api"] = 30, ["dynamodb"] = 40 }, client: 5);

        var line = Line(Evaluate(("target", run)), "P99");

        Assert.Contains("3.00 ms (API 1.20, DynamoDB Local 1.60, client 0.20)", line.Notes, StringComparison.Ordinal);
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
        var figures = BenchFigures.Parse(["peak_rss_mib=183.5", "junk", "path=/a=b.json", "empty="]);
        Assert.Equal(183.5, figures.Number("peak_rss_mib"));
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
