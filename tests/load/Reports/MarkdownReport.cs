using System.Text;

namespace BudgetBuddy.Load.Reports;

/// <summary>The Markdown report of a run: the verdict and every table, for a pull request or a terminal.</summary>
internal static class MarkdownReport
{
    /// <param name="summary">The run's summary.</param>
    /// <param name="htmlFileName">The HTML report written next to this one, which has the charts.</param>
    public static string Render(RunSummary summary, string htmlFileName)
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        string T(string value) => MarkdownText.Inline(value);

        var scenario = summary.Scenario.Length == 0 ? "(unnamed scenario)" : summary.Scenario;
        Line($"# Load test {T(scenario)}, {T(ReportFormat.Model(summary))}: {ReportFormat.Mark(summary.RunPassed)} {ReportFormat.Verdict(summary.RunPassed)}");
        Line();
        Line($"- **Verdict:** {ReportFormat.Verdict(summary.RunPassed)}, {ReportText.ThresholdSummary(summary)}");
        Line($"- **Target:** {T(summary.Target.Length == 0 ? "not recorded" : summary.Target)}");
        if (summary.Note is { Length: > 0 } note)
        {
            Line($"- **Note:** {T(note)}");
        }
        Line($"- **When:** {ReportFormat.When(summary)}");
        Line($"- **Load:** {ReportFormat.Load(summary)}");
        Line($"- **Charts:** latency over time, throughput and the latency distribution are in {T(htmlFileName)}");
        Line();

        Line("## Thresholds");
        Line();
        Line(summary.Thresholds.Count == 0 ? "No thresholds were set for this run.\n" : MarkdownText.Table(ReportTables.Thresholds(summary)));

        Line("## Totals");
        Line();
        Line(MarkdownText.Table(ReportTables.Totals(summary)));

        Line("## Latency, all steps");
        Line();
        Line(MarkdownText.Table(ReportTables.Latency(summary)));

        Line("## Latency by step");
        Line();
        Line(summary.Steps.Count == 0 ? "The summary has no per-step figures.\n" : MarkdownText.Table(ReportTables.Steps(summary)));

        Line("## Error samples");
        Line();
        if (summary.ErrorSamples.Count == 0)
        {
            Line(summary.Errors == 0 ? "No request failed." : "The summary kept no error bodies.");
            Line();
        }
        else
        {
            Line($"The first failed requests the harness kept, bodies cut at {ReportText.MaxBodyChars} characters:");
            Line();
            foreach (var sample in summary.ErrorSamples.Take(ReportText.MaxErrorSamples))
            {
                Line($"**{T(sample.Step.Length == 0 ? "(no step)" : sample.Step)}**, {ReportText.Status(sample.Status)}:");
                Line();
                Line(MarkdownText.CodeBlock(ReportText.Body(sample.Body)));
            }
            if (summary.ErrorSamples.Count > ReportText.MaxErrorSamples)
            {
                Line($"And {summary.ErrorSamples.Count - ReportText.MaxErrorSamples} more in the JSON summary.");
                Line();
            }
        }

        Line("## Machine");
        Line();
        Line(T(ReportFormat.Machine(summary.Machine)));
        if (ReportTables.Cpu(summary) is { } cpu)
        {
            Line();
            Line("CPU during the run, as the harness measured it:");
            Line();
            Line(MarkdownText.Table(cpu));
        }
        return text.ToString().TrimEnd('\n') + "\n";
    }
}
