namespace BudgetBuddy.Load.Reports.Charts;

/// <summary>One line of a chart. <see cref="Key"/> names it in the SVG (<c>data-series</c>), <see cref="Label"/> in the legend.</summary>
internal sealed record ChartSeries(string Key, string Label, string Color, IReadOnlyList<ChartPoint> Points)
{
    /// <summary>An SVG <c>stroke-dasharray</c>, so that lines differ by more than their colour.</summary>
    public string? Dash { get; init; }

    public double Width { get; init; } = 2;
}
