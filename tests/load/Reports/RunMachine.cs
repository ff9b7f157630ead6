namespace BudgetBuddy.Load.Reports;

/// <summary>What the load generator ran on.</summary>
internal sealed record RunMachine
{
    public int Cores { get; init; }

    public string? CpuModel { get; init; }

    public string? Os { get; init; }

    public string? Runtime { get; init; }
}
