using System.Globalization;
using BudgetBuddy.Load.LoadTest;

namespace BudgetBuddy.Load.Bench;

/// <summary>
/// Issue 7's targets for this 2-core machine (API, DynamoDB Local and the harness together), each set against what
/// the bench measured: mixed at the target rate with P99 &lt;= 50 ms and P95 &lt;= 20 ms; 10,000 connections with
/// P99 &lt;= 100 ms; the API's resident memory &lt;= 200 MB at the target rate; efficiency &gt;= 0.7 of the raw storage
/// path. The highest rate under P99 100 ms, startup and the wrk cross-check are figures without a target.
/// </summary>
internal static class BenchTargets
{
    public const double MixedP99Ms = 50;
    public const double MixedP95Ms = 20;
    public const double ConnectionsP99Ms = 100;
    public const double RssMegabytes = 200;
    public const double Efficiency = 0.7;

    public static IReadOnlyList<BenchLine> Evaluate(BenchFigures figures, Func<string, LoadSummary> load)
    {
        LoadSummary? Run(string name) => figures.Text(name) is { } path ? load(path) : null;
        var lines = new List<BenchLine>();
        var target = Run("target");
        var maxRun = Run("max_rate_run");
        var storage = Run("storage");
        var connections = Run("connections");

        if (figures.Number("startup_ms") is { } startup)
        {
            lines.Add(new("startup to ready", "—", $"{startup:0} ms", null,
                figures.Number("idle_rss_mib") is { } idle ? $"resident memory once ready {idle:0.0} MiB" : ""));
        }
        if (target is not null)
        {
            var rate = $"{target.RequestedRate:0}/s";
            var served = Served(target);
            lines.Add(new($"mixed at {rate}: P99", $"<= {MixedP99Ms} ms", Ms(target.Latency.P99Ms), target.Latency.P99Ms <= MixedP99Ms && Kept(target), served));
            lines.Add(new($"mixed at {rate}: P95", $"<= {MixedP95Ms} ms", Ms(target.Latency.P95Ms), target.Latency.P95Ms <= MixedP95Ms && Kept(target), Cost(target)));
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
        if (storage is not null)
        {
            var api = maxRun ?? target;
            var apiCost = api is null ? null : RequestCost.Of(api);
            var rawCost = RequestCost.Of(storage);
            var ratio = apiCost is null || rawCost is null || apiCost.TotalMs <= 0 ? (double?)null : rawCost.TotalMs / apiCost.TotalMs;
            lines.Add(new($"efficiency: raw storage path ÷ API at {storage.RequestedRate:0}/s", $">= {Efficiency}",
                ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "not measured",
                ratio >= Efficiency,
                $"CPU per request: raw {Format(rawCost)}; API {Format(apiCost)}; raw path P99 {Ms(storage.Latency.P99Ms)}"));
        }
        if (Run("storage_at_target") is { } rawAtTarget)
        {
            lines.Add(new($"raw storage path alone at {rawAtTarget.RequestedRate:0}/s: P99", "—", Ms(rawAtTarget.Latency.P99Ms), null,
                $"{Served(rawAtTarget)}; whether the storage by itself holds the rate"));
        }
        if (connections is not null)
        {
            lines.Add(new($"connections ({connections.Connections:N0}) at {connections.RequestedRate:0}/s: P99", $"<= {ConnectionsP99Ms} ms",
                Ms(connections.Latency.P99Ms), connections.Latency.P99Ms <= ConnectionsP99Ms && Kept(connections), Served(connections)));
        }
        if (figures.Text("wrk_verdict") is { } wrk)
        {
            lines.Add(new("harness cross-check with wrk", "harness not the bottleneck", wrk, null, ""));
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
