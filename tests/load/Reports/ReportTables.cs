using System.Text.Json;

namespace BudgetBuddy.Load.Reports;

/// <summary>The tables both reports show, in the order they show them.</summary>
internal static class ReportTables
{
    /// <summary>What a figure of a latency table reads when nothing was answered.</summary>
    public const string None = "—";

    /// <summary>More rows than this of the harness's CPU figures would bury the rest of the report.</summary>
    private const int MaxCpuRows = 40;

    private static readonly ReportColumn[] LatencyColumns =
    [
        new("Mean ms", Numeric: true),
        new("p50 ms", Numeric: true),
        new("p90 ms", Numeric: true),
        new("p95 ms", Numeric: true),
        new("p99 ms", Numeric: true),
        new("p99.9 ms", Numeric: true),
        new("Max ms", Numeric: true),
    ];

    public static ReportTable Thresholds(RunSummary summary) => new(
        [new("Result"), new("Threshold"), new("Limit"), new("Actual", Numeric: true)],
        [
            .. summary.Thresholds.Select(t => new ReportRow(
                [$"{ReportFormat.Mark(t.Passed)} {(t.Passed ? "pass" : "fail")}", t.Name, t.Limit, t.Actual],
                t.Passed)),
        ]);

    public static ReportTable Totals(RunSummary summary)
    {
        var rows = new List<ReportRow>
        {
            Row("Sent", ReportFormat.Count(summary.Sent), ""),
            Row("Completed", ReportFormat.Count(summary.Completed), Of(summary.Completed, summary.Sent, "of sent")),
            Row("Errors", ReportFormat.Count(summary.Errors), Of(summary.Errors, summary.Sent, "of sent")),
            Row("Late (sent behind schedule)", ReportFormat.Count(summary.Late), Of(summary.Late, summary.Sent, "of sent")),
            Row("Dropped (never sent)", ReportFormat.Count(summary.Dropped), Of(summary.Dropped, summary.Sent, "of sent")),
        };
        if (summary.RequestedRate is { } requested)
        {
            rows.Add(Row("Requested rate", $"{ReportFormat.Rate(requested)}/s", ""));
        }
        rows.Add(Row("Achieved rate", $"{ReportFormat.Rate(summary.AchievedRate)}/s",
            summary.RequestedRate is { } aim ? Of(summary.AchievedRate, aim, "of requested") : ""));
        if (summary.Connections is { } connections)
        {
            rows.Add(Row("Connections", ReportFormat.Count(connections), ""));
        }
        return new([new("Measure"), new("Value", Numeric: true), new("Share")], rows);

        static ReportRow Row(string measure, string value, string share) => new([measure, value, share]);

        static string Of(double part, double whole, string what) =>
            ReportFormat.Share(part, whole) is { Length: > 0 } share ? $"{share} {what}" : "";
    }

    public static ReportTable Latency(RunSummary summary) => new(
        [new("Requests", Numeric: true), .. LatencyColumns],
        [new([ReportFormat.Count(summary.Latency.Count), .. LatencyCells(summary.Latency)])]);

    public static ReportTable Steps(RunSummary summary) => new(
        [new("Step"), new("Weight", Numeric: true), new("Requests", Numeric: true), new("Errors", Numeric: true), .. LatencyColumns],
        [
            .. summary.Steps.Select(s => new ReportRow(
            [
                s.Name,
                ReportFormat.Number(s.Weight),
                ReportFormat.Count(s.Count),
                s.Errors == 0 ? "0" : $"{ReportFormat.Count(s.Errors)} ({ReportFormat.Share(s.Errors, s.Count)})",
                .. LatencyCells(s.Latency),
            ])),
        ]);

    /// <summary>The harness's CPU figures, flattened to one row per value (<c>processes.api</c> → 27.5); null when it wrote none.</summary>
    public static ReportTable? Cpu(RunSummary summary)
    {
        if (summary.Cpu is not { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } cpu)
        {
            return null;
        }
        var rows = new List<ReportRow>();
        Flatten(cpu, "", rows);
        return rows.Count == 0 ? null : new([new("Measure"), new("Value", Numeric: true)], rows);
    }

    private static IEnumerable<string> LatencyCells(RunLatency l) =>
        l.Count == 0
            ? LatencyColumns.Select(_ => None)
            : new[] { l.MeanMs, l.P50Ms, l.P90Ms, l.P95Ms, l.P99Ms, l.P999Ms, l.MaxMs }.Select(ReportFormat.Ms);

    private static void Flatten(JsonElement element, string path, List<ReportRow> rows)
    {
        if (rows.Count >= MaxCpuRows)
        {
            return;
        }
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", rows);
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, $"{path}[{index++}]", rows);
                }
                break;
            case JsonValueKind.Number:
                rows.Add(new([Name(path), element.TryGetDouble(out var number) ? ReportFormat.Number(number) : element.GetRawText()]));
                break;
            case JsonValueKind.String:
                rows.Add(new([Name(path), element.GetString() ?? ""]));
                break;
            case JsonValueKind.True or JsonValueKind.False:
                rows.Add(new([Name(path), element.ValueKind == JsonValueKind.True ? "yes" : "no"]));
                break;
            default:
                break;
        }

        static string Name(string path) => path.Length == 0 ? "cpu" : path;
    }
}
