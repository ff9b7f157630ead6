using BudgetBuddy.Load.Harness;

namespace BudgetBuddy.Load.Money;

/// <summary>One measured posting phase: <see cref="Workers"/> closed-loop workers spread over <see cref="Users"/> users.</summary>
internal sealed record PostingResult(
    string Name,
    int Users,
    int Workers,
    double MeasuredSeconds,
    long Transactions,
    long Errors,
    double TransactionsPerSecond,
    LatencySummary Latency,
    CpuUsage Cpu,
    IReadOnlyList<StorageCall> StorageCallsPerRequest,
    BalanceCheck Balances);
