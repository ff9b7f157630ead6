using System.Globalization;
using System.Text;
using BudgetBuddy.Load.Harness;

namespace BudgetBuddy.Load.Money;

/// <summary>The plain-text summary block printed at the end of a run.</summary>
internal static class MoneySummary
{
    public static string Render(MoneyReport report)
    {
        var o = report.Options;
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        string F(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

        Line("==================== BudgetBuddy money benchmark ====================");
        var m = report.Machine;
        Line(F($"machine   {m.Cores} cores{(m.CpuModel is null ? "" : $" ({m.CpuModel})")}, {m.Os}, {m.Runtime}"));
        Line(F($"target    {report.Target}  tenant {report.Tenant}  {report.StartedAt:yyyy-MM-dd HH:mm:ss}Z, {(report.FinishedAt - report.StartedAt).TotalMinutes:F1} min"));
        Line();
        Line(F($"POST /v1/transactions  (closed loop, {o.WarmupSeconds} s warm-up, {o.PostSeconds} s measured, Idempotency-Key on each)"));
        Line(F($"  {"phase",-26} {"tx/s",8} {"errors",7} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8}  balances"));
        foreach (var p in new[] { report.PostManyUsers, report.PostOneUser })
        {
            Line(F($"  {p.Name,-26} {p.TransactionsPerSecond,8:F1} {p.Errors,7} {p.Latency.P50Ms,8:F2} {p.Latency.P95Ms,8:F2} {p.Latency.P99Ms,8:F2} {p.Latency.MaxMs,8:F2}  {p.Balances.Matching}/{p.Balances.Accounts} match"));
        }
        foreach (var p in new[] { report.PostManyUsers, report.PostOneUser })
        {
            Line($"  {p.Name}:");
            Line($"    CPU           {Cpu(p.Cpu)}");
            Line($"    DynamoDB/POST {Calls(p.StorageCallsPerRequest)}");
            if (p.Balances.FirstMismatch is { } mismatch)
            {
                Line($"    balance MISMATCH: {mismatch}");
            }
        }
        Line();
        var s = report.Seed;
        Line(F($"Seeding one user: {s.Transactions} transactions over {s.Months} months, {s.Categories} categories, {s.Concurrency} in flight: {s.TransactionsPerSecond:F1} tx/s, p50 {s.TransactionLatency.P50Ms:F2} ms, p99 {s.TransactionLatency.P99Ms:F2} ms, {s.TransactionErrors} errors"));
        Line(F($"          then {s.Assignments} budget assignments, {s.AssignmentErrors} errors"));
        Line();
        var r = report.BudgetReads;
        Line(F($"GET /v1/budgets/{r.Month}  (user with {r.UserTransactions} transactions; {r.Concurrency} in flight, {r.WarmupRequests} warm-up, {r.Requests + r.Errors} measured)"));
        Line(F($"  p50 {r.Latency.P50Ms:F2} ms   p95 {r.Latency.P95Ms:F2} ms   p99 {r.Latency.P99Ms:F2} ms   max {r.Latency.MaxMs:F2} ms   mean {r.Latency.MeanMs:F2} ms"));
        Line(F($"  {r.RequestsPerSecond:F1} requests/s, {r.Errors} errors, response {r.ResponseBytes} bytes"));
        Line($"  CPU           {Cpu(r.Cpu)}");
        Line($"  DynamoDB/GET  {Calls(r.StorageCallsPerRequest)}");
        Line($"  check: {r.Check.Detail}");
        Line();
        if (report.ErrorCounts.Count == 0)
        {
            Line("errors: none");
        }
        else
        {
            Line("errors:");
            foreach (var (what, count) in report.ErrorCounts)
            {
                Line(F($"  {count,7}  {what}"));
            }
            Line("first error bodies:");
            foreach (var sample in report.ErrorSamples)
            {
                Line($"  {sample}");
            }
        }
        Line(report.NoisyPhases.Count == 0
            ? "machine: quiet (other processes under 10% of the cores in every measured phase)"
            : $"machine: NOT QUIET during {string.Join(", ", report.NoisyPhases)}: run again on a quiet machine for figures to compare");
        Line(report.Clean
            ? "verdict: clean run (no failed request, balances and budget agree with what was sent)"
            : "verdict: NOT CLEAN: see the errors and checks above before trusting these figures");
        Line("=====================================================================");
        return text.ToString();
    }

    // "98% busy: dynamodb 61, api 30, client 5, other 2" (percent of all cores).
    private static string Cpu(CpuUsage cpu)
    {
        if (cpu.MachineBusyPercent is not { } busy)
        {
            return string.Create(CultureInfo.InvariantCulture, $"machine unknown; client {cpu.ClientPercent:F0}%");
        }
        var shares = cpu.ProcessGroupPercent.OrderByDescending(g => g.Value).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Value:F0}"))
            .Append(string.Create(CultureInfo.InvariantCulture, $"client {cpu.ClientPercent:F0}"))
            .Append(string.Create(CultureInfo.InvariantCulture, $"other {cpu.OtherPercent:F0}"));
        return string.Create(CultureInfo.InvariantCulture, $"{busy:F0}% of all cores busy: {string.Join(", ", shares)}");
    }

    private static string Calls(IReadOnlyList<StorageCall> calls) =>
        calls.Count == 0
            ? "(no /metrics)"
            : string.Join(", ", calls.Select(c => string.Create(CultureInfo.InvariantCulture,
                $"{c.Operation}{(c.Outcome == "ok" ? "" : $" [{c.Outcome}]")} {c.CallsPerRequest:F2} x {c.MeanMs:F2} ms")));
}
