using BudgetBuddy.Load.Harness;

namespace BudgetBuddy.Load.Money;

/// <summary>The measured budget reads: one month of a user with <see cref="UserTransactions"/> transactions.</summary>
internal sealed record BudgetReadResult(
    string Month,
    long UserTransactions,
    int Concurrency,
    int WarmupRequests,
    long Requests,
    long Errors,
    double RequestsPerSecond,
    double MeasuredSeconds,
    LatencySummary Latency,
    CpuUsage Cpu,
    IReadOnlyList<StorageCall> StorageCallsPerRequest,
    int ResponseBytes,
    BudgetCheck Check);
