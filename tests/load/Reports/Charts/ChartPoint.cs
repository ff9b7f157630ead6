namespace BudgetBuddy.Load.Reports.Charts;

/// <summary>A point of a series, in the units of the chart's scales (seconds, ms, percentile).</summary>
internal readonly record struct ChartPoint(double X, double Y);
