namespace BudgetBuddy.Load.Reports.Charts;

/// <summary>A labelled value on an axis, with a grid line across the plot.</summary>
internal readonly record struct ChartTick(double Value, string Label);
