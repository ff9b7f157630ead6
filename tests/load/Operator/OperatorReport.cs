using BudgetBuddy.Load.Harness;

namespace BudgetBuddy.Load.Operator;

/// <summary>One run of the operator benchmark: what was asked, how long it took, what the operator used.</summary>
internal sealed record OperatorReport(
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    MachineInfo Machine,
    int Tenants,
    int OperatorConcurrency,
    string DynamoDbUrl,
    double ApplySeconds,
    double FirstReadySeconds,
    double AllReadySeconds,
    double TenantsPerMinute,
    LatencySummary ApplyToReady,
    IReadOnlyDictionary<string, long> Reconciles,
    long PeakResidentBytes,
    long ResidentBytesAtEnd,
    double OperatorCpuSeconds,
    CpuUsage Cpu,
    IReadOnlyList<string> Problems)
{
    public bool Clean => Problems.Count == 0;
}
