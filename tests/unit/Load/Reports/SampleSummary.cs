using System.Globalization;
using System.Text.Json.Nodes;

namespace BudgetBuddy.UnitTests.Load.Reports;

/// <summary>
/// A realistic summary as the harness writes it: an open-model run of 30 measured seconds at 200 requests/s with a
/// stall at second 20, three steps, a failed p99.9 threshold and error bodies, one of them carrying a script.
/// </summary>
internal static class SampleSummary
{
    public const int Seconds = 30;
    public const int DistributionPoints = 12;
    public const string ScriptBody = "<script>alert('owned')</script> & more";

    public static JsonObject Json()
    {
        var intervals = new JsonArray();
        for (var second = 0; second < Seconds; second++)
        {
            var stalled = second == 20;
            intervals.Add(new JsonObject
            {
                ["second"] = second,
                ["count"] = stalled ? 150 : 200,
                ["errors"] = stalled ? 3 : 0,
                ["late"] = stalled ? 40 : 0,
                ["ratePerSecond"] = stalled ? 150.0 : 200.0,
                ["p50Ms"] = 10.0 + (second % 3),
                ["p95Ms"] = stalled ? 480.5 : 30.25,
                ["p99Ms"] = stalled ? 900.0 : 55.5,
                ["maxMs"] = stalled ? 1_250.75 : 80.0,
            });
        }
        var distribution = new JsonArray();
        foreach (var (percentile, ms) in new[]
                 {
                     (0.0, 2.1), (50.0, 10.5), (75.0, 14.0), (90.0, 22.0), (95.0, 30.3), (99.0, 55.5), (99.5, 120.0),
                     (99.9, 480.5), (99.95, 700.0), (99.99, 1_100.0), (99.995, 1_250.75), (100.0, 1_250.75),
                 })
        {
            distribution.Add(new JsonObject { ["percentile"] = percentile, ["valueMs"] = ms });
        }
        return new JsonObject
        {
            ["scenario"] = "mixed",
            ["model"] = "open",
            ["target"] = "http://127.0.0.1:8180/",
            ["startedAt"] = "2026-11-25T10:00:00Z",
            ["finishedAt"] = "2026-11-25T10:00:46Z",
            ["requestedRate"] = 200,
            ["durationSeconds"] = Seconds,
            ["warmupSeconds"] = 15,
            ["connections"] = null,
            ["sent"] = 5_950,
            ["completed"] = 5_948,
            ["errors"] = 3,
            ["late"] = 40,
            ["dropped"] = 0,
            ["achievedRate"] = 198.3,
            ["latency"] = Latency(5_948, mean: 14.12, p50: 10.5, p99: 55.5, p999: 480.5, max: 1_250.75),
            ["steps"] = new JsonArray
            {
                Step("get-budget", 20, 1_190, 0, Latency(1_190, 9.5, 8.25, 40.0, 300.0, 900.0)),
                Step("post-transaction", 50, 2_974, 3, Latency(2_974, 18.0, 14.5, 60.75, 500.0, 1_250.75)),
                Step("list-transactions", 30, 1_784, 0, Latency(1_784, 11.0, 9.0, 45.0, 350.0, 1_000.0)),
            },
            ["intervals"] = intervals,
            ["distribution"] = distribution,
            ["errorSamples"] = new JsonArray
            {
                Sample("post-transaction", 503, "{\"title\":\"Service Unavailable\",\"status\":503}"),
                Sample("post-transaction", 503, ScriptBody),
                Sample("post-transaction", 500, new string('x', 295) + "\r\nline two"),
            },
            ["thresholds"] = new JsonArray
            {
                Threshold("p99", "<= 250 ms", "55.50 ms", passed: true),
                Threshold("p99.9", "<= 300 ms", "480.50 ms", passed: false),
                Threshold("errors", "<= 0.1 %", "0.050 %", passed: true),
            },
            ["passed"] = false,
            ["machine"] = new JsonObject { ["cores"] = 2, ["cpuModel"] = "AMD EPYC 7B13", ["os"] = "Debian GNU/Linux 12 (bookworm)", ["runtime"] = ".NET 10.0.12" },
            ["cpu"] = new JsonObject { ["machineBusyPercent"] = 91.25, ["processGroupPercent"] = new JsonObject { ["api"] = 30.5 } },
        };
    }

    public static string Text() => Json().ToJsonString();

    public static JsonObject Latency(long count, double mean, double p50, double p99, double p999, double max) => new()
    {
        ["count"] = count,
        ["meanMs"] = mean,
        ["p50Ms"] = p50,
        ["p90Ms"] = p50 * 2,
        ["p95Ms"] = p50 * 3,
        ["p99Ms"] = p99,
        ["p999Ms"] = p999,
        ["maxMs"] = max,
    };

    /// <summary>A figure as the reports write milliseconds.</summary>
    public static string Ms(double value) => value.ToString("N2", CultureInfo.InvariantCulture);

    private static JsonObject Step(string name, int weight, long count, long errors, JsonObject latency) => new()
    {
        ["name"] = name,
        ["weight"] = weight,
        ["count"] = count,
        ["errors"] = errors,
        ["latency"] = latency,
    };

    private static JsonObject Sample(string step, int status, string body) => new() { ["step"] = step, ["status"] = status, ["body"] = body };

    private static JsonObject Threshold(string name, string limit, string actual, bool passed) => new()
    {
        ["name"] = name,
        ["limit"] = limit,
        ["actual"] = actual,
        ["passed"] = passed,
    };
}
