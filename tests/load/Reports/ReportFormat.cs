using System.Globalization;

namespace BudgetBuddy.Load.Reports;

/// <summary>How figures read in both reports: invariant culture, milliseconds with two decimals, counts grouped.</summary>
internal static class ReportFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Count(long value) => value.ToString("N0", Invariant);

    public static string Ms(double value) => value.ToString("N2", Invariant);

    public static string Rate(double value) => value.ToString("N1", Invariant);

    /// <summary>A number with no more decimals than it needs (weights, seconds, CPU figures).</summary>
    public static string Number(double value) => value.ToString("#,0.##", Invariant);

    /// <summary><paramref name="part"/> as a percentage of <paramref name="whole"/>, or an empty string when there is no whole.</summary>
    public static string Share(double part, double whole) =>
        whole <= 0 ? "" : (part / whole * 100).ToString("0.###", Invariant) + " %";

    public static string Time(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", Invariant);

    public static string Verdict(bool passed) => passed ? "PASSED" : "FAILED";

    public static string Mark(bool passed) => passed ? "✓" : "✗";

    public static string Model(RunSummary summary) => summary.Model switch
    {
        "open" => "open model",
        "closed" => "closed model",
        "" => "unknown model",
        var other => $"{other} model",
    };

    /// <summary>"2026-11-25 10:00:00Z to 10:01:15Z (75 s)", or what is known of it.</summary>
    public static string When(RunSummary summary) => (summary.StartedAt, summary.FinishedAt) switch
    {
        ({ } start, { } end) when start.UtcDateTime.Date == end.UtcDateTime.Date =>
            $"{Time(start)} to {end.ToUniversalTime().ToString("HH:mm:ss'Z'", Invariant)} ({Number((end - start).TotalSeconds)} s)",
        ({ } start, { } end) => $"{Time(start)} to {Time(end)} ({Number((end - start).TotalSeconds)} s)",
        ({ } start, null) => $"started {Time(start)}",
        _ => "time not recorded",
    };

    /// <summary>"60 s measured after 15 s warm-up, 1,000 requests/s requested" (or "10,000 connections" in a closed model).</summary>
    public static string Load(RunSummary summary)
    {
        var parts = new List<string> { $"{Number(summary.DurationSeconds)} s measured after {Number(summary.WarmupSeconds)} s warm-up" };
        if (summary.RequestedRate is { } rate)
        {
            parts.Add($"{Rate(rate)} requests/s requested");
        }
        if (summary.Connections is { } connections)
        {
            parts.Add($"{Count(connections)} connections");
        }
        return string.Join(", ", parts);
    }

    /// <summary>"2 cores (AMD EPYC 7B13), Debian GNU/Linux 12 (bookworm), .NET 10.0.12".</summary>
    public static string Machine(RunMachine? machine)
    {
        if (machine is null)
        {
            return "not recorded";
        }
        var parts = new List<string>();
        if (machine.Cores > 0)
        {
            parts.Add(machine.CpuModel is { Length: > 0 } model ? $"{machine.Cores} cores ({model})" : $"{machine.Cores} cores");
        }
        parts.AddRange(new[] { machine.Os, machine.Runtime }.Where(p => !string.IsNullOrWhiteSpace(p))!);
        return parts.Count == 0 ? "not recorded" : string.Join(", ", parts);
    }
}
