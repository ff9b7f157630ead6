namespace BudgetBuddy.Load.Reports.Charts;

/// <summary>A shaded range of the x axis (seconds in which nothing was answered).</summary>
internal readonly record struct ChartBand(double FromX, double ToX);
