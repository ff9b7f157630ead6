using BudgetBuddy.Load.Harness;

namespace BudgetBuddy.Load.Money;

/// <summary>Everything one run measured, as printed and as written to <c>tests/load/results/money-&lt;timestamp&gt;.json</c>.</summary>
internal sealed record MoneyReport(
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    string Target,
    string Tenant,
    MachineInfo Machine,
    MoneyOptions Options,
    PostingResult PostManyUsers,
    PostingResult PostOneUser,
    SeedResult Seed,
    BudgetReadResult BudgetReads,
    IReadOnlyDictionary<string, long> ErrorCounts,
    IReadOnlyList<string> ErrorSamples)
{
    /// <summary>Above this share of all cores used by other processes, a phase's figures say more about them than about the API.</summary>
    public const double NoisyOtherPercent = 10;

    /// <summary>Measured phases during which other processes of the machine took a noticeable share of the cores.</summary>
    public IReadOnlyList<string> NoisyPhases =>
        [
            .. new[] { (Name: PostManyUsers.Name, PostManyUsers.Cpu), (Name: PostOneUser.Name, PostOneUser.Cpu), (Name: "budget reads", BudgetReads.Cpu) }
                .Where(p => p.Cpu.OtherPercent > NoisyOtherPercent)
                .Select(p => $"{p.Name} (other processes {p.Cpu.OtherPercent:F0}%)"),
        ];

    /// <summary>No request failed and every check agreed: the figures can be trusted as figures of a working API.</summary>
    public bool Clean =>
        ErrorCounts.Count == 0 && PostManyUsers.Balances.Passed && PostOneUser.Balances.Passed && BudgetReads.Check.Passed;
}
