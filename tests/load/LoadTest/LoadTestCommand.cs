using System.CommandLine;
using System.Globalization;
using BudgetBuddy.Load.Harness;
using BudgetBuddy.Load.Scenarios;
using BudgetBuddy.Load.Seeding;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>
/// The load test, as the root command:
/// <c>--target URL --scenario NAME --rate N --duration S --warmup S [--threshold p99&lt;=1000ms ...]</c> against users
/// from a seed manifest (<c>seed</c>). Exits 0 when every threshold held, 1 when one did not, 2 when the run could
/// not be made.
/// </summary>
internal static class LoadTestCommand
{
    public static void AddTo(RootCommand root)
    {
        var target = new Option<string>("--target") { Description = "Base URL of the running API, e.g. http://127.0.0.1:8280." };
        var scenario = new Option<string>("--scenario")
        {
            Description = "The load: mixed (a client app's mix), write-heavy (mostly posts and edits), connections (the mix over 10,000 keep-alive connections, closed model).",
            DefaultValueFactory = _ => "mixed",
        };
        scenario.AcceptOnlyFromAmong([.. ScenarioCatalog.Names]);
        var rate = new Option<double>("--rate") { Description = "Requests a second, in total.", DefaultValueFactory = _ => 100 };
        rate.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is not (> 0 and <= 1_000_000))
            {
                r.AddError("--rate must be above 0 (and at most 1,000,000).");
            }
        });
        var duration = CommandOptions.Positive("--duration", "Measured seconds.", 60);
        var warmup = new Option<int>("--warmup") { Description = "Seconds of load before the measured window, sent but not recorded.", DefaultValueFactory = _ => 15 };
        warmup.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
            {
                r.AddError("--warmup must not be negative.");
            }
        });
        var seedFile = new Option<string>("--seed-file")
        {
            Description = "The manifest `seed` wrote: the users, tokens and ids to load with (default: seed.json in tests/load/results).",
            DefaultValueFactory = _ => Path.Combine(CommandOptions.DefaultResultsDir(), "seed.json"),
        };
        var thresholds = new Option<string[]>("--threshold")
        {
            Description = "METRIC OP VALUE[UNIT], repeatable: p50|p90|p95|p99|p999|max|mean (ms, s, us), errors|late|dropped (%), achieved (% of the rate, or /s). "
                + "Without any: p50<=100ms p95<=500ms p99<=1000ms errors<0.1% achieved>=99%.",
        };
        thresholds.Validators.Add(r =>
        {
            foreach (var text in r.GetValueOrDefault<string[]>() ?? [])
            {
                try
                {
                    Threshold.Parse(text);
                }
                catch (FormatException e)
                {
                    r.AddError(e.Message);
                }
            }
        });
        var connections = new Option<int?>("--connections") { Description = $"Closed model (connections scenario): keep-alive connections (default {ScenarioCatalog.DefaultConnections})." };
        // 2,000 unanswered requests at 1,000/s means answers take 2 s on average: every latency threshold has failed
        // already. Letting more pile up proves nothing more and runs the API (which opens a DynamoDB connection for
        // each stuck request) and the shared machine out of file descriptors.
        var maxInFlight = CommandOptions.Positive("--max-in-flight", "Open model: unanswered requests at most; a request due beyond that is dropped (and counted).", 2_000);
        var lateAfter = CommandOptions.Positive("--late-after-ms", "A request sent more than this many ms after it was due counts as late.", 10);
        var timeout = CommandOptions.Positive("--timeout-seconds", "Request timeout; a dropped request counts as this long in the latencies.", 30);
        var runSeed = new Option<int>("--run-seed") { Description = "Seed of the run's random choices (steps, users, amounts).", DefaultValueFactory = _ => 7 };
        var resultsDir = CommandOptions.ResultsDir();
        var cpuOf = CommandOptions.CpuOf();

        foreach (var option in new Option[] { target, scenario, rate, duration, warmup, seedFile, thresholds, connections, maxInFlight, lateAfter, timeout, runSeed, resultsDir, cpuOf })
        {
            root.Options.Add(option);
        }
        root.Validators.Add(r =>
        {
            if (r.GetValue(target) is not { } url)
            {
                r.AddError("--target is required: the base URL of the API to load, e.g. --target http://127.0.0.1:8280.");
            }
            else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                r.AddError($"--target must be an http(s) URL, got '{url}'.");
            }
        });
        root.SetAction(async (result, ct) =>
        {
            var chosen = ScenarioCatalog.Find(result.GetValue(scenario)!)!;
            var given = result.GetValue(thresholds) ?? [];
            var options = new LoadTestOptions(
                new Uri(result.GetValue(target)!),
                chosen,
                result.GetValue(rate),
                result.GetValue(duration),
                result.GetValue(warmup),
                result.GetValue(seedFile)!,
                given.Length == 0 ? Threshold.GateDefaults : [.. given.Select(Threshold.Parse)],
                result.GetValue(connections) ?? chosen.DefaultConnections ?? ScenarioCatalog.DefaultConnections,
                result.GetValue(maxInFlight),
                TimeSpan.FromMilliseconds(result.GetValue(lateAfter)),
                TimeSpan.FromSeconds(result.GetValue(timeout)),
                result.GetValue(runSeed),
                result.GetValue(resultsDir)!,
                CommandOptions.WatchedGroups(result.GetValue(cpuOf)));
            try
            {
                var seed = await SeedCommand.ReadAsync(options.SeedFile, ct);
                return await LoadTestRun.RunAsync(options, seed, ct);
            }
            catch (FileNotFoundException)
            {
                await Console.Error.WriteLineAsync($"error: no seed manifest at {options.SeedFile}: run `seed` first (see docs/performance.md, Load test).");
                return 2;
            }
            catch (BenchmarkFailedException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 2;
            }
        });
    }

    /// <summary>The rate as a person would write it: 1000, 333.3.</summary>
    public static string Rate(double rate) => rate.ToString("0.###", CultureInfo.InvariantCulture);
}
