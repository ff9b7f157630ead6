using BudgetBuddy.Load.Scenarios;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>A load-test run as the command line asked for it; what it loads is its <see cref="ILoadTarget"/>.</summary>
/// <param name="Connections">The closed model's connections (the scenario's default when not given).</param>
/// <param name="MaxInFlight">Open model: unanswered requests at most; a request due beyond that is dropped.</param>
/// <param name="LateAfter">A request sent more than this after it was due is late.</param>
/// <param name="RunSeed">Seeds every random choice of the run, so two runs with one seed send the same requests.</param>
/// <param name="CpuOf">Process groups whose CPU share is reported (<c>--cpu-of api=PGID</c>).</param>
/// <param name="StartAt">When the schedule starts, shared by every harness process of one run; null: in a moment.</param>
/// <param name="Note">What the run stands for, for the report's reader (e.g. one pod's share of the target rate).</param>
internal sealed record LoadTestOptions(
    Scenario Scenario,
    double Rate,
    int DurationSeconds,
    int WarmupSeconds,
    string SeedFile,
    IReadOnlyList<Threshold> Thresholds,
    int Connections,
    int MaxInFlight,
    TimeSpan LateAfter,
    TimeSpan RequestTimeout,
    int RunSeed,
    string ResultsDir,
    IReadOnlyDictionary<string, int> CpuOf,
    DateTimeOffset? StartAt = null,
    string? Note = null);
