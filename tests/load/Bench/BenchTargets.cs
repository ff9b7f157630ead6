using System.Globalization;
using BudgetBuddy.Load.LoadTest;

namespace BudgetBuddy.Load.Bench;

/// <summary>
/// The targets make bench sets its figures against: one pod's share of the seed's 1000 requests/s (at the chart's 2
/// minimum replicas) with the seed's P50 &lt;= 100 ms, P95 &lt;= 500 ms and P99 &lt;= 1 s; 10,000 connections with
/// P99 &lt;= 100 ms; the API's resident memory &lt;= 200 MB at that rate. The highest rate under P99 100 ms, and the
/// API's and DynamoDB Local's CPU per request, are figures without a target.
/// </summary>
internal static class BenchTargets
{
    public const double MixedP50Ms = 100;
    public const double MixedP95Ms = 500;
    public const double MixedP99Ms = 1000;
    public const double ConnectionsP99Ms = 100;
    public const double RssMegabytes = 200;

    public static IReadOnlyList<BenchLine> Evaluate(BenchFigures figures, Func<string, LoadSummary> load)
    {
        LoadSummary? Run(string name) => figures.Text(name) is { } path ? load(path) : null;
        var lines = new List<BenchLine>();
        var target = Run("target");
        var maxRun = Run("max_rate_run");
        var connections = Run("connections");

        if (target is not null)
        {
            var rate = $"{target.RequestedRate:0}/s";
            var latency = target.Latency;
            lines.Add(new($"mixed at {rate}: P50", $"<= {MixedP50Ms} ms", Ms(latency.P50Ms), latency.P50Ms <= MixedP50Ms && Kept(target), Served(target)));
            lines.Add(new($"mixed at {rate}: P95", $"<= {MixedP95Ms} ms", Ms(latency.P95Ms), latency.P95Ms <= MixedP95Ms && Kept(target), ""));
            lines.Add(new($"mixed at {rate}: P99", $"<= {MixedP99Ms} ms", Ms(latency.P99Ms), latency.P99Ms <= MixedP99Ms && Kept(target), Cost(target)));
        }
        if (figures.Number("peak_rss_mib") is { } peak)
        {
            var megabytes = peak * 1.048576;
            lines.Add(new($"API resident memory at {target?.RequestedRate ?? 0:0}/s", $"<= {RssMegabytes} MB", $"{megabytes:0} MB ({peak:0.0} MiB) peak",
                megabytes <= RssMegabytes, "VmRSS sampled every 0.5 s over warm-up and measured window"));
        }
        if (figures.Text("max_rate") is { } max)
        {
            lines.Add(new("mixed: highest rate with P99 < 100 ms", "—", max == "none" ? "none of the rates tried" : $"{max}/s", null,
                maxRun is null ? "" : $"P50 {Ms(maxRun.Latency.P50Ms)}, P95 {Ms(maxRun.Latency.P95Ms)}, P99 {Ms(maxRun.Latency.P99Ms)}; {Cost(maxRun)}"));
        }
        if (connections is not null)
        {
            lines.Add(new($"connections ({connections.Connections:N0}) at {connections.RequestedRate:0}/s: P99", $"<= {ConnectionsP99Ms} ms",
                Ms(connections.Latency.P99Ms), connections.Latency.P99Ms <= ConnectionsP99Ms && Kept(connections), Served(connections)));
        }
        return lines;
    }

    /// <summary>A latency figure counts only if the rate was served: dropped or failed requests would flatter it.</summary>
    private static bool Kept(LoadSummary run) =>
        run.AchievedRate >= 0.99 * run.RequestedRate && run.Errors + run.Dropped <= 0.001 * Math.Max(1, run.Sent + run.Dropped);

    private static string Served(LoadSummary run) => string.Create(CultureInfo.InvariantCulture,
        $"achieved {run.AchievedRate:0.0}/s of {run.RequestedRate:0}/s, errors {run.Errors}, dropped {run.Dropped}, late {run.Late}");

    private static string Cost(LoadSummary run) => $"CPU per request {Format(RequestCost.Of(run))}";

    private static string Format(RequestCost? cost) => cost is null
        ? "not measured"
        : string.Create(CultureInfo.InvariantCulture,
            $"{cost.TotalMs:0.00} ms (API {cost.ApiMs:0.00}, DynamoDB Local {cost.DynamoDbMs:0.00}, client {cost.ClientMs:0.00})");

    private static string Ms(double ms) => string.Create(CultureInfo.InvariantCulture, $"{ms:0.0#} ms");
}
