namespace BudgetBuddy.Load.Harness;

/// <summary>
/// Shares of all the machine's cores over a phase, in percent (100 = every core busy): in use at all (null where
/// /proc/stat cannot be read), by this load generator, by each watched process group, and by everything else.
/// </summary>
internal sealed record CpuUsage(
    double? MachineBusyPercent, double ClientPercent, IReadOnlyDictionary<string, double> ProcessGroupPercent, double? OtherPercent);
