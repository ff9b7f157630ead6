using System.Collections.Concurrent;
using System.Globalization;

namespace BudgetBuddy.IntegrationTests.Infrastructure.Contract;

/// <summary>
/// What the contract checks saw: per API fixture (so its disposal can fail a class whose tests swallowed a
/// violation), and for the whole run (<see cref="Run"/>), whose totals are written when the test process ends, so
/// the count of exchanges judged is on record and a run that judged none is visible.
/// </summary>
public sealed class ContractLedger
{
    private readonly ConcurrentQueue<string> violations = new();
    private readonly ConcurrentDictionary<string, int> operationsSeen = new(StringComparer.Ordinal);
    private int judged;
    private int outside;

    static ContractLedger() => AppDomain.CurrentDomain.ProcessExit += (_, _) => Run.WriteSummary();

    /// <summary>Everything every fixture of this test process saw.</summary>
    public static ContractLedger Run { get; } = new();

    public int Judged => Volatile.Read(ref judged);

    public int Outside => Volatile.Read(ref outside);

    public IReadOnlyCollection<string> Violations => violations.ToArray();

    public IReadOnlyDictionary<string, int> OperationsSeen => operationsSeen;

    public void Record(ContractJudge.Verdict verdict, string? operation, IReadOnlyList<string> found)
    {
        if (this != Run)
        {
            Run.Record(verdict, operation, found);
        }
        if (verdict == ContractJudge.Verdict.Outside)
        {
            Interlocked.Increment(ref outside);
            return;
        }
        Interlocked.Increment(ref judged);
        operationsSeen.AddOrUpdate(operation ?? "", 1, (_, n) => n + 1);
        foreach (var violation in found)
        {
            violations.Enqueue(violation);
        }
    }

    private void WriteSummary()
    {
        if (Judged + Outside == 0)
        {
            return;
        }
        var line = string.Create(CultureInfo.InvariantCulture,
            $"contract: {Judged} exchanges judged against the served OpenAPI document, {OperationsSeen.Count} operations covered, {Violations.Count} violations, {Outside} outside the API's operations");
        TestLogArchive.Append("contract-summary", line);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "budgetbuddy-contract-summary.txt"), $"{DateTimeOffset.UtcNow:O} {line}{Environment.NewLine}");
    }
}
