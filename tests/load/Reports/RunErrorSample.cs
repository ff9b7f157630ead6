namespace BudgetBuddy.Load.Reports;

/// <summary>One failed request as the harness kept it: its step, its status (null when no answer came) and the start of its body.</summary>
internal sealed record RunErrorSample
{
    public string Step { get; init => field = value ?? ""; } = "";

    public int? Status { get; init; }

    public string Body { get; init => field = value ?? ""; } = "";
}
