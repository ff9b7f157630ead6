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
        var run = new RunOptionSet(ScenarioCatalog.All,
            "The load: mixed (a client app's mix), write-heavy (mostly posts and edits), connections (the mix over 10,000 keep-alive connections, closed model), accounts (GET /v1/accounts of one user: the wrk cross-check's request).");
        var connections = new Option<int?>("--connections") { Description = $"Closed model (connections scenario): keep-alive connections (default {ScenarioCatalog.DefaultConnections})." };

        foreach (var option in new Option[] { target, connections }.Concat(run.All))
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
            var chosen = run.Scenario(result);
            var options = run.Read(result, result.GetValue(connections) ?? chosen.DefaultConnections ?? ScenarioCatalog.DefaultConnections);
            using var api = new ApiTarget(new Uri(result.GetValue(target)!), options.MaxInFlight, options.RequestTimeout);
            return await RunAsync(options, api, ct);
        });
    }

    /// <summary>Reads the seed and runs; what cannot be run is said on stderr with exit status 2.</summary>
    public static async Task<int> RunAsync(LoadTestOptions options, ILoadTarget target, CancellationToken ct)
    {
        try
        {
            var seed = await SeedCommand.ReadAsync(options.SeedFile, ct);
            return await LoadTestRun.RunAsync(options, seed, target, ct);
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
    }

    /// <summary>The rate as a person would write it: 1000, 333.3.</summary>
    public static string Rate(double rate) => rate.ToString("0.###", CultureInfo.InvariantCulture);
}
