namespace BudgetBuddy.Load.Reports.Charts;

/// <summary>Maps values of one axis onto the plot, and says where its labelled ticks go.</summary>
internal abstract class ChartScale
{
    /// <summary>Where <paramref name="value"/> falls between the axis's start (0) and end (1); values outside are clamped.</summary>
    public double Fraction(double value) => Math.Clamp(Unclamped(value), 0, 1);

    public abstract IReadOnlyList<ChartTick> Ticks { get; }

    /// <summary>A few words for screen readers: "logarithmic, 1 to 1,000".</summary>
    public abstract string Description { get; }

    protected abstract double Unclamped(double value);
}
