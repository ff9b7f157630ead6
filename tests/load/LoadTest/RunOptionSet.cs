using System.CommandLine;
using BudgetBuddy.Load.Harness;
using BudgetBuddy.Load.Scenarios;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>
/// The options every load-test command shares, whatever it loads: the scenario, the schedule (rate, duration,
/// warm-up), the seed, the thresholds, the open model's limits, the run seed, where results go and whose CPU to watch.
/// The API's command (the root) and <c>storage</c> add what names their target.
/// </summary>
internal sealed class RunOptionSet
{
    private readonly Option<string> scenario;
    private readonly Option<double> rate = new("--rate") { Description = "Requests a second, in total.", DefaultValueFactory = _ => 100 };
    private readonly Option<int> duration = CommandOptions.Positive("--duration", "Measured seconds.", 60);
    private readonly Option<int> warmup = new("--warmup") { Description = "Seconds of load before the measured window, sent but not recorded.", DefaultValueFactory = _ => 15 };
    private readonly Option<string> seedFile = new("--seed-file")
    {
        Description = "The manifest `seed` wrote: the users, tokens and ids to load with (default: seed.json in tests/load/results).",
        DefaultValueFactory = _ => Path.Combine(CommandOptions.DefaultResultsDir(), "seed.json"),
    };
    private readonly Option<string[]> thresholds = new("--threshold")
    {
        Description = "METRIC OP VALUE[UNIT], repeatable: p50|p90|p95|p99|p999|max|mean (ms, s, us), errors|late|dropped (%), achieved (% of the rate, or /s). "
            + "Without any: p50<=100ms p95<=500ms p99<=1000ms errors<0.1% achieved>=99%.",
    };
    // 2,000 unanswered requests at 1,000/s means answers take 2 s on average: every latency threshold has failed
    // already. Letting more pile up proves nothing more and runs the API (which opens a DynamoDB connection for
    // each stuck request) and the shared machine out of file descriptors.
    private readonly Option<int> maxInFlight = CommandOptions.Positive("--max-in-flight", "Open model: unanswered requests at most; a request due beyond that is dropped (and counted).", 2_000);
    private readonly Option<int> lateAfter = CommandOptions.Positive("--late-after-ms", "A request sent more than this many ms after it was due counts as late.", 10);
    private readonly Option<int> timeout = CommandOptions.Positive("--timeout-seconds", "Request timeout; a dropped request counts as this long in the latencies.", 30);
    private readonly Option<int> runSeed = new("--run-seed") { Description = "Seed of the run's random choices (steps, users, amounts).", DefaultValueFactory = _ => 7 };
    private readonly Option<string> resultsDir = CommandOptions.ResultsDir();
    private readonly Option<string[]> cpuOf = CommandOptions.CpuOf();
    private readonly Option<string?> note = new("--note") { Description = "What the run stands for, shown in its reports (e.g. one pod's share of the target rate)." };
    private readonly Option<DateTimeOffset?> startAt = new("--start-at")
    {
        Description = "When the schedule starts (ISO 8601, e.g. 2026-12-07T10:00:00Z): the same for every harness process of one run, each offering its share of the rate.",
    };

    /// <param name="scenarios">The scenarios this command can run.</param>
    /// <param name="scenarioDescription">What <c>--scenario</c> offers, in words.</param>
    public RunOptionSet(IEnumerable<Scenario> scenarios, string scenarioDescription)
    {
        scenario = new Option<string>("--scenario") { Description = scenarioDescription, DefaultValueFactory = _ => "mixed" };
        scenario.AcceptOnlyFromAmong([.. scenarios.Select(s => s.Name)]);
        rate.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is not (> 0 and <= 1_000_000))
            {
                r.AddError("--rate must be above 0 (and at most 1,000,000).");
            }
        });
        warmup.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
            {
                r.AddError("--warmup must not be negative.");
            }
        });
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
    }

    public IEnumerable<Option> All => [scenario, rate, duration, warmup, seedFile, thresholds, maxInFlight, lateAfter, timeout, runSeed, resultsDir, cpuOf, startAt, note];

    public Scenario Scenario(ParseResult result) => ScenarioCatalog.Find(result.GetValue(scenario)!)!;

    /// <param name="connections">The closed model's connections (commands without one pass the scenario's default).</param>
    public LoadTestOptions Read(ParseResult result, int connections)
    {
        var given = result.GetValue(thresholds) ?? [];
        return new LoadTestOptions(
            Scenario(result),
            result.GetValue(rate),
            result.GetValue(duration),
            result.GetValue(warmup),
            result.GetValue(seedFile)!,
            given.Length == 0 ? Threshold.GateDefaults : [.. given.Select(Threshold.Parse)],
            connections,
            result.GetValue(maxInFlight),
            TimeSpan.FromMilliseconds(result.GetValue(lateAfter)),
            TimeSpan.FromSeconds(result.GetValue(timeout)),
            result.GetValue(runSeed),
            result.GetValue(resultsDir)!,
            CommandOptions.WatchedGroups(result.GetValue(cpuOf)),
            result.GetValue(startAt),
            result.GetValue(note));
    }
}
