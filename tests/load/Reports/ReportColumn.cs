namespace BudgetBuddy.Load.Reports;

/// <summary>A column of a <see cref="ReportTable"/>; numeric columns are right-aligned.</summary>
internal sealed record ReportColumn(string Header, bool Numeric = false);
