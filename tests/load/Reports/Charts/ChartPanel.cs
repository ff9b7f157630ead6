namespace BudgetBuddy.Load.Reports.Charts;

/// <summary>One plot of a <see cref="LineChart"/>, with its own y axis; panels of a chart share its x axis.</summary>
internal sealed record ChartPanel(string YLabel, ChartScale Y, IReadOnlyList<ChartSeries> Series, int Height)
{
    public IReadOnlyList<ChartReference> References { get; init; } = [];

    public IReadOnlyList<ChartBand> Bands { get; init; } = [];

    /// <summary>What the shaded bands mean, for the legend.</summary>
    public string BandLabel { get; init; } = "";
}
