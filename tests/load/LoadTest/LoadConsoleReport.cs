using System.Globalization;
using System.Text;
using BudgetBuddy.Load.Harness;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>The run's summary as printed at the end: the same figures as the JSON, plus what explains them.</summary>
internal static class LoadConsoleReport
{
    public static string Render(LoadSummary s, RunNotes notes)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');
        var requested = s.Sent + s.Dropped;

        Line($"==================== BudgetBuddy load test ====================");
        Line($"scenario  {s.Scenario}: {s.Model} model{(s.Connections is { } c ? $", {c} connections" : "")}, {LoadTestCommand.Rate(s.RequestedRate)} requests/s, {s.WarmupSeconds} s warm-up, {s.DurationSeconds} s measured");
        Line($"target    {s.Target}  {s.StartedAt:yyyy-MM-dd HH:mm:ss}Z, {(s.FinishedAt - s.StartedAt).TotalMinutes:F1} min");
        if (s.Note is { } note)
        {
            Line($"          {note}");
        }
        Line($"seed      {notes.Seed.Users.Count} users in {notes.Seed.Tenants.Count} tenants, {notes.Seed.Transactions} transactions over {notes.Seed.Months.Count} months (seeded in {notes.Seed.SeedSeconds:F1} s)");
        Line($"machine   {s.Machine.Cores} cores ({s.Machine.CpuModel ?? "?"}), {s.Machine.Os}, {s.Machine.Runtime}");
        Line($"");
        Line($"requests  due {requested}, sent {s.Sent}, completed {s.Completed} ({s.AchievedRate:F1}/s = {Percent(s.AchievedRate, s.RequestedRate)} of the rate)");
        Line($"          errors {s.Errors} ({Percent(s.Errors, s.Sent)}), late {s.Late} ({Percent(s.Late, s.Sent)}), dropped {s.Dropped} ({Percent(s.Dropped, requested)})");
        if (notes.PeakInFlight is { } peak)
        {
            Line($"          at most {peak} in flight at once");
        }
        if (notes.ConnectionsAtStart is not null || notes.ConnectionsAtEnd is not null)
        {
            Line($"          established connections to the API: {notes.ConnectionsAtStart?.ToString(CultureInfo.InvariantCulture) ?? "?"} when the measured window began, {notes.ConnectionsAtEnd?.ToString(CultureInfo.InvariantCulture) ?? "?"} when it ended");
        }
        Line($"latency   from each request's due time (ms):");
        Line($"          p50 {s.Latency.P50Ms:F2}   p90 {s.Latency.P90Ms:F2}   p95 {s.Latency.P95Ms:F2}   p99 {s.Latency.P99Ms:F2}   p99.9 {s.Latency.P999Ms:F2}   max {s.Latency.MaxMs:F2}   mean {s.Latency.MeanMs:F2}");
        Line($"");
        Line($"  {"step",-20} {"weight",6} {"count",8} {"errors",7} {"p50 ms",9} {"p95 ms",9} {"p99 ms",9} {"max ms",9}");
        foreach (var step in s.Steps)
        {
            Line($"  {step.Name,-20} {step.Weight,6} {step.Count,8} {step.Errors,7} {step.Latency.P50Ms,9:F2} {step.Latency.P95Ms,9:F2} {step.Latency.P99Ms,9:F2} {step.Latency.MaxMs,9:F2}");
        }
        Line($"");
        if (s.Intervals.Count > 0)
        {
            var worst = s.Intervals.MaxBy(i => i.P99Ms)!;
            var slowest = s.Intervals.MinBy(i => i.RatePerSecond)!;
            Line($"over time worst second {worst.Second}: p99 {worst.P99Ms:F2} ms; lowest throughput in second {slowest.Second}: {slowest.RatePerSecond:F0}/s");
        }
        if (s.Cpu is { } cpu)
        {
            Line($"CPU       {Cpu(cpu)}");
        }
        if (notes.StorageCalls.Count > 0)
        {
            Line($"DynamoDB  per request: {string.Join(", ", notes.StorageCalls.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Operation}{(c.Outcome == "ok" ? "" : $" ({c.Outcome})")} {c.CallsPerRequest:F2} x {c.MeanMs:F2} ms")))}");
        }
        if (s.ErrorSamples.Count > 0)
        {
            Line($"errors    first of each kind:");
            foreach (var sample in s.ErrorSamples)
            {
                Line($"          {sample.Step} -> {sample.Status}: {sample.Body.ReplaceLineEndings(" ")}");
            }
        }
        Line($"");
        Line($"thresholds");
        foreach (var t in s.Thresholds)
        {
            Line($"  {t.Name,-9} {t.Limit,-12} actual {t.Actual,-14} {(t.Passed ? "pass" : "FAIL")}");
        }
        var failed = s.Thresholds.Where(t => !t.Passed).Select(t => t.Name).ToList();
        Line($"verdict: {(s.Passed ? "PASSED" : $"FAILED ({string.Join(", ", failed)})")}");
        Line($"===============================================================");
        return text.ToString();
    }

    private static string Percent(double part, double whole) =>
        whole > 0 ? string.Create(CultureInfo.InvariantCulture, $"{100 * part / whole:0.###} %") : "0 %";

    private static string Cpu(CpuUsage cpu)
    {
        var groups = string.Join(", ", cpu.ProcessGroupPercent.Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Value:F0}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"{cpu.MachineBusyPercent?.ToString("F0", CultureInfo.InvariantCulture) ?? "?"}% of all cores busy: {(groups.Length > 0 ? groups + ", " : "")}load generator {cpu.ClientPercent:F0}, other {cpu.OtherPercent?.ToString("F0", CultureInfo.InvariantCulture) ?? "?"}");
    }
}
