namespace BudgetBuddy.Load.Reports.Charts;

/// <summary>A horizontal line at a value to compare the series with (the requested rate).</summary>
internal sealed record ChartReference(double Y, string Label, string Color);
