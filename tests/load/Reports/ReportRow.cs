namespace BudgetBuddy.Load.Reports;

/// <summary>A row of a <see cref="ReportTable"/>; <see cref="Passed"/> is set on rows that are a verdict (thresholds).</summary>
internal sealed record ReportRow(IReadOnlyList<string> Cells, bool? Passed = null);
