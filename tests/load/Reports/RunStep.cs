namespace BudgetBuddy.Load.Reports;

/// <summary>One request type of the scenario, with its share of the mix.</summary>
internal sealed record RunStep
{
    public string Name { get; init => field = value ?? ""; } = "";

    public double Weight { get; init; }

    public long Count { get; init; }

    public long Errors { get; init; }

    public RunLatency Latency { get; init => field = value ?? new(); } = new();
}
