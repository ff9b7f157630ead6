namespace BudgetBuddy.Load.Reports;

/// <summary>One pass/fail criterion of the run, already judged by the harness; the reports only show it.</summary>
internal sealed record RunThreshold
{
    public string Name { get; init => field = value ?? ""; } = "";

    public string Limit { get; init => field = value ?? ""; } = "";

    public string Actual { get; init => field = value ?? ""; } = "";

    public bool Passed { get; init; }
}
