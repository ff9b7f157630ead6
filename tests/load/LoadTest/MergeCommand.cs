using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BudgetBuddy.Load.Harness;
using BudgetBuddy.Load.Reports;
using BudgetBuddy.Load.Scenarios;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>
/// <c>merge SUMMARY.json... [--threshold ...] [--results-dir DIR]</c>: the runs of several harness processes (each
/// with its <c>.hlog</c> beside it) as one run, with its thresholds checked and its reports written. Exits 0 when every
/// threshold held, 1 when one did not, 2 when the parts cannot be merged.
/// </summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var summaries = new Argument<FileInfo[]>("summaries") { Description = "The JSON summaries of the parts, each with its .hlog beside it.", Arity = ArgumentArity.OneOrMore };
        var thresholds = new Option<string[]>("--threshold") { Description = "A threshold of the merged run (default: the gate's five).", AllowMultipleArgumentsPerToken = false };
        var resultsDir = CommandOptions.ResultsDir();
        var command = new Command("merge", "Merge the runs of several harness processes into one report, thresholds checked.") { summaries, thresholds, resultsDir };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var parts = new List<LoadMerge.Part>();
                foreach (var file in parse.GetValue(summaries)!)
                {
                    parts.Add(await ReadPartAsync(file.FullName, ct));
                }
                var given = parse.GetValue(thresholds) ?? [];
                return await MergeAsync(parts, given.Length == 0 ? Threshold.GateDefaults : [.. given.Select(Threshold.Parse)], parse.GetValue(resultsDir)!, ct);
            }
            catch (Exception e) when (e is InvalidDataException or FileNotFoundException or JsonException or FormatException)
            {
                await Console.Error.WriteLineAsync($"error: cannot merge: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    public static async Task<LoadMerge.Part> ReadPartAsync(string summaryPath, CancellationToken ct)
    {
        LoadSummary summary;
        await using (var json = File.OpenRead(summaryPath))
        {
            summary = await JsonSerializer.DeserializeAsync(json, LoadSummaryJson.Default.LoadSummary, ct)
                ?? throw new InvalidDataException($"{summaryPath} holds no load summary");
        }
        await using var log = File.OpenRead(LatencyLog.PathFor(summaryPath));
        var (steps, seconds) = LatencyLog.Read(log);
        return new LoadMerge.Part(summary, steps, seconds);
    }

    private static async Task<int> MergeAsync(List<LoadMerge.Part> parts, IReadOnlyList<Threshold> thresholds, string resultsDir, CancellationToken ct)
    {
        var run = LoadMerge.Merge(parts);
        var first = parts[0].Summary;
        var scenario = ScenarioCatalog.Find(first.Scenario) ?? throw new InvalidDataException($"unknown scenario {first.Scenario}");
        var options = new LoadTestOptions(
            scenario, parts.Sum(p => p.Summary.RequestedRate), first.DurationSeconds, first.WarmupSeconds, "", thresholds,
            parts.Sum(p => p.Summary.Connections ?? 0), 0, TimeSpan.Zero, TimeSpan.Zero, 0, resultsDir, new Dictionary<string, int>());
        var summary = LoadSummaryBuilder.Build(
            options, first.Target, $"merged from {parts.Count} harness processes, each offering its share from one start time",
            run, parts.Min(p => p.Summary.StartedAt), parts.Max(p => p.Summary.FinishedAt), cpu: null);

        Directory.CreateDirectory(resultsDir);
        var file = Path.Combine(resultsDir, $"{summary.Scenario}-merged-{summary.StartedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.json");
        await using (var stream = File.Create(file))
        {
            await JsonSerializer.SerializeAsync(stream, summary, LoadSummaryJson.Default.LoadSummary, ct);
        }
        await using (var log = File.Create(LatencyLog.PathFor(file)))
        {
            LatencyLog.Write(log, run, summary.StartedAt);
        }
        Console.WriteLine($"merged {parts.Count} runs: {summary.Sent} sent, {summary.Completed} completed, {summary.AchievedRate:0.0}/s of {LoadTestCommand.Rate(summary.RequestedRate)}/s");
        Console.WriteLine($"latency   p50 {summary.Latency.P50Ms:0.00}   p95 {summary.Latency.P95Ms:0.00}   p99 {summary.Latency.P99Ms:0.00}   max {summary.Latency.MaxMs:0.00} ms");
        foreach (var threshold in summary.Thresholds)
        {
            Console.WriteLine($"{(threshold.Passed ? "pass" : "FAIL")}  {threshold.Name} {threshold.Limit}: {threshold.Actual}");
        }
        Console.WriteLine($"verdict: {(summary.Passed ? "PASSED" : "FAILED")}");
        Console.WriteLine($"results: {Path.GetRelativePath(Environment.CurrentDirectory, file)}");
        foreach (var report in await LoadReports.WriteAsync(file, resultsDir, ct))
        {
            Console.WriteLine($"report:  {Path.GetRelativePath(Environment.CurrentDirectory, report)}");
        }
        return summary.Passed ? 0 : 1;
    }
}
