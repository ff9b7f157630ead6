namespace BudgetBuddy.Load.Reports;

/// <summary>A table of figures, decided once and written by both the Markdown and the HTML report.</summary>
internal sealed record ReportTable(IReadOnlyList<ReportColumn> Columns, IReadOnlyList<ReportRow> Rows);
