using System.Globalization;
using System.Text;

namespace BudgetBuddy.Load.Operator;

/// <summary>The operator benchmark's figures as plain text, the form quoted in docs/performance.md.</summary>
internal static class OperatorSummary
{
    public static string Render(OperatorReport r)
    {
        var s = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        s.AppendLine(c, $"operator benchmark: {r.Tenants} tenants, operator --concurrency {r.OperatorConcurrency}, DynamoDB {r.DynamoDbUrl}");
        s.AppendLine(c, $"  machine: {r.Machine.Cores} cores, {r.Machine.CpuModel ?? "unknown CPU"}, {r.Machine.Runtime}");
        s.AppendLine(c, $"  applied all in {r.ApplySeconds:F2} s; first Ready after {r.FirstReadySeconds:F2} s");
        s.AppendLine(c, $"  all {r.Tenants} Ready after {r.AllReadySeconds:F1} s ({r.TenantsPerMinute:F0} tenants/min)");
        s.AppendLine(c, $"  apply -> Ready per tenant: p50 {r.ApplyToReady.P50Ms / 1000:F1} s, p90 {r.ApplyToReady.P90Ms / 1000:F1} s, max {r.ApplyToReady.MaxMs / 1000:F1} s");
        s.AppendLine(c, $"  reconciles: {string.Join(", ", r.Reconciles.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))}");
        s.AppendLine(c, $"  operator peak memory (VmHWM): {Mib(r.PeakResidentBytes)} MiB; resident at end {Mib(r.ResidentBytesAtEnd)} MiB; CPU {r.OperatorCpuSeconds:F1} s");
        s.AppendLine(c, $"  machine busy {Percent(r.Cpu.MachineBusyPercent)} of all cores while waiting (this tool and the fake API {r.Cpu.ClientPercent:F0}%, everything else {Percent(r.Cpu.OtherPercent)}: the operator and DynamoDB Local)");
        s.AppendLine(r.Clean ? "  checks: every tenant has ACTIVE tables, a Secret and a registry item" : $"  PROBLEMS: {string.Join("; ", r.Problems)}");
        return s.ToString();
    }

    private static string Percent(double? value) => value is { } v ? v.ToString("F0", CultureInfo.InvariantCulture) + "%" : "unknown";

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture);
}
