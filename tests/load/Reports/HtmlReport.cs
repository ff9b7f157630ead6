using System.Text;

namespace BudgetBuddy.Load.Reports;

/// <summary>
/// The HTML report of a run: one file that opens offline in any browser. Inline CSS, charts as SVG images embedded in
/// the page (drawn by ScottPlot), no script, nothing fetched; every text from the summary HTML-encoded. The page is
/// also well-formed XML.
/// </summary>
internal static class HtmlReport
{
    /// <param name="summary">The run's summary.</param>
    /// <param name="sourceFileName">The JSON file it was rendered from, named in the footer.</param>
    public static string Render(RunSummary summary, string sourceFileName)
    {
        var html = new StringBuilder();
        void Line(string line = "") => html.Append(line).Append('\n');
        string E(string value) => HtmlText.Encode(value);

        var verdict = ReportFormat.Verdict(summary.RunPassed);
        var scenario = summary.Scenario.Length == 0 ? "(unnamed scenario)" : summary.Scenario;
        var heading = $"Load test {scenario}, {ReportFormat.Model(summary)}";

        Line("<!DOCTYPE html>");
        Line("<html lang=\"en\">");
        Line("<head>");
        Line("<meta charset=\"utf-8\"/>");
        Line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>");
        Line($"<title>{E($"{heading}: {verdict}{(summary.StartedAt is { } at ? $", {ReportFormat.Time(at)}" : "")}")}</title>");
        Line($"<style>\n{HtmlReportStyle.Css}</style>");
        Line("</head>");
        Line("<body>");
        Line("<main>");

        Line("<header>");
        Line($"<div class=\"heading\"><h1>{E(heading)}</h1><p class=\"verdict {(summary.RunPassed ? "passed" : "failed")}\">{ReportFormat.Mark(summary.RunPassed)} {verdict}</p><p class=\"verdict-detail\">{ReportText.ThresholdSummary(summary)}</p></div>");
        Line("<dl class=\"run\">");
        Line($"<dt>Target</dt><dd>{E(summary.Target.Length == 0 ? "not recorded" : summary.Target)}</dd>");
        if (summary.Note is { Length: > 0 } note)
        {
            Line($"<dt>Note</dt><dd>{E(note)}</dd>");
        }
        Line($"<dt>When</dt><dd>{E(ReportFormat.When(summary))}</dd>");
        Line($"<dt>Load</dt><dd>{E(ReportFormat.Load(summary))}</dd>");
        Line($"<dt>Machine</dt><dd>{E(ReportFormat.Machine(summary.Machine))}</dd>");
        Line("</dl>");
        Line("</header>");

        AppendCards(html, summary);

        Line("<section id=\"thresholds\">");
        Line("<h2>Thresholds</h2>");
        Line(summary.Thresholds.Count == 0 ? "<p>No thresholds were set for this run.</p>" : Table(ReportTables.Thresholds(summary)));
        Line("</section>");

        Chart(html, "Latency over time", ReportCharts.LatencyOverTime(summary),
            "Percentiles of the requests answered in each second. Log scale: each grid step is a factor, not an amount.");
        Chart(html, "Throughput", ReportCharts.Throughput(summary),
            "Requests answered per second against the requested rate, with failed requests and requests sent behind schedule.");
        Chart(html, "Latency distribution", ReportCharts.Distribution(summary),
            "Latency at each percentile of the whole measured run. Each nine (90 %, 99 %, 99.9 %) is as wide as the last.");

        Line("<section id=\"totals\">");
        Line("<h2>Totals</h2>");
        Line(Table(ReportTables.Totals(summary), compact: true));
        Line("</section>");

        Line("<section id=\"latency\">");
        Line("<h2>Latency, all steps</h2>");
        Line(Table(ReportTables.Latency(summary)));
        Line("<h2>Latency by step</h2>");
        Line(summary.Steps.Count == 0 ? "<p>The summary has no per-step figures.</p>" : Table(ReportTables.Steps(summary)));
        Line("</section>");

        AppendErrorSamples(html, summary);

        Line("<section id=\"machine\">");
        Line("<h2>Machine</h2>");
        Line($"<p>{E(ReportFormat.Machine(summary.Machine))}</p>");
        if (ReportTables.Cpu(summary) is { } cpu)
        {
            Line("<p>CPU during the run, as the harness measured it:</p>");
            Line(Table(cpu, compact: true));
        }
        Line("</section>");

        Line($"<footer>Rendered from {E(sourceFileName)} by the BudgetBuddy load test (tests/load/Reports).</footer>");
        Line("</main>");
        Line("</body>");
        Line("</html>");
        return html.ToString();
    }

    private static void AppendCards(StringBuilder html, RunSummary summary)
    {
        void Card(string label, string value, string detail, bool bad = false) =>
            html.Append($"<div class=\"card{(bad ? " bad" : "")}\"><div class=\"label\">{label}</div><div class=\"value\">{value}</div><div class=\"detail\">{detail}</div></div>\n");

        html.Append("<div class=\"cards\" role=\"group\" aria-label=\"Key figures\">\n");
        Card("Achieved rate", $"{ReportFormat.Rate(summary.AchievedRate)}/s",
            summary.RequestedRate is { } requested ? $"of {ReportFormat.Rate(requested)}/s requested" : "closed model: as fast as answered");
        Card("p99 latency", summary.Latency.Count == 0 ? ReportTables.None : $"{ReportFormat.Ms(summary.Latency.P99Ms)} ms",
            summary.Latency.Count == 0 ? "nothing answered" : $"p50 {ReportFormat.Ms(summary.Latency.P50Ms)} ms, max {ReportFormat.Ms(summary.Latency.MaxMs)} ms");
        Card("Errors", ReportFormat.Count(summary.Errors),
            ReportFormat.Share(summary.Errors, summary.Sent) is { Length: > 0 } share ? $"{share} of {ReportFormat.Count(summary.Sent)} sent" : "nothing sent",
            bad: summary.Errors > 0);
        Card("Late / dropped", $"{ReportFormat.Count(summary.Late)} / {ReportFormat.Count(summary.Dropped)}",
            "sent behind schedule / never sent", bad: summary.Dropped > 0);
        html.Append("</div>\n");
    }

    private static void AppendErrorSamples(StringBuilder html, RunSummary summary)
    {
        html.Append("<section id=\"errors\">\n<h2>Error samples</h2>\n");
        if (summary.ErrorSamples.Count == 0)
        {
            html.Append(summary.Errors == 0 ? "<p>No request failed.</p>\n" : "<p>The summary kept no error bodies.</p>\n");
        }
        else
        {
            html.Append($"<p>The first failed requests the harness kept, bodies cut at {ReportText.MaxBodyChars} characters:</p>\n");
            foreach (var sample in summary.ErrorSamples.Take(ReportText.MaxErrorSamples))
            {
                var step = sample.Step.Length == 0 ? "(no step)" : sample.Step;
                html.Append($"<div class=\"sample\"><p><strong>{HtmlText.Encode(step)}</strong>, {ReportText.Status(sample.Status)}:</p>")
                    .Append($"<pre>{HtmlText.Encode(ReportText.Body(sample.Body))}</pre></div>\n");
            }
            if (summary.ErrorSamples.Count > ReportText.MaxErrorSamples)
            {
                html.Append($"<p>And {summary.ErrorSamples.Count - ReportText.MaxErrorSamples} more in the JSON summary.</p>\n");
            }
        }
        html.Append("</section>\n");
    }

    private static void Chart(StringBuilder html, string heading, ReportCharts.Chart chart, string caption)
    {
        var id = heading.ToLowerInvariant().Replace(' ', '-');
        var source = "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(chart.Svg));
        html.Append($"<section id=\"{id}-chart\">\n<h2>{heading}</h2>\n<figure>\n")
            .Append($"<img id=\"{chart.Id}\" src=\"{source}\" width=\"{ReportCharts.Width}\" alt=\"{HtmlText.Encode($"{chart.Title}: {chart.Description}")}\"/>\n")
            .Append($"<figcaption>{caption}</figcaption>\n</figure>\n</section>\n");
    }

    /// <param name="table">The table.</param>
    /// <param name="compact">As wide as its content rather than the page (a short table of two or three columns).</param>
    private static string Table(ReportTable table, bool compact = false)
    {
        var html = new StringBuilder(compact ? "<div class=\"table\"><table class=\"compact\">\n<thead><tr>" : "<div class=\"table\"><table>\n<thead><tr>");
        foreach (var column in table.Columns)
        {
            html.Append(column.Numeric ? "<th class=\"num\">" : "<th>").Append(HtmlText.Encode(column.Header)).Append("</th>");
        }
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append(row.Passed switch { true => "<tr class=\"pass\">", false => "<tr class=\"fail\">", null => "<tr>" });
            for (var i = 0; i < row.Cells.Count; i++)
            {
                var numeric = i < table.Columns.Count && table.Columns[i].Numeric;
                html.Append(numeric ? "<td class=\"num\">" : "<td>").Append(HtmlText.Encode(row.Cells[i])).Append("</td>");
            }
            html.Append("</tr>\n");
        }
        return html.Append("</tbody>\n</table></div>\n").ToString();
    }
}
