using System.Globalization;

namespace BudgetBuddy.Load.Reports.Charts;

/// <summary>An evenly divided axis whose ends and ticks are round numbers (steps of 1, 2 or 5 times a power of ten).</summary>
internal sealed class LinearScale : ChartScale
{
    private readonly double _min;
    private readonly double _max;

    private LinearScale(double min, double max, IReadOnlyList<ChartTick> ticks)
    {
        _min = min;
        _max = max;
        Ticks = ticks;
    }

    public override IReadOnlyList<ChartTick> Ticks { get; }

    public override string Description => $"linear, {Label(_min)} to {Label(_max)}";

    /// <summary>The round-numbered axis that covers <paramref name="min"/> to <paramref name="max"/> in about <paramref name="ticks"/> steps.</summary>
    /// <param name="min">The smallest value to show.</param>
    /// <param name="max">The largest value to show.</param>
    /// <param name="ticks">About how many steps the axis should have.</param>
    /// <param name="minStep">The smallest step (1 for counts, which have no halves).</param>
    public static LinearScale Covering(double min, double max, int ticks = 6, double minStep = 0)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            (min, max) = (0, 1);
        }
        if (max <= min)
        {
            max = min + Math.Max(1, minStep);
        }
        var step = Math.Max(NiceStep((max - min) / ticks), minStep);
        var start = Math.Floor(min / step) * step;
        var end = Math.Ceiling(max / step) * step;
        var count = (int)Math.Round((end - start) / step);
        var values = Enumerable.Range(0, count + 1).Select(i => Math.Round(start + (i * step), 10));
        return new LinearScale(start, end, [.. values.Select(v => new ChartTick(v, Label(v)))]);
    }

    protected override double Unclamped(double value) => (value - _min) / (_max - _min);

    private static string Label(double value) => value.ToString("#,0.###", CultureInfo.InvariantCulture);

    private static double NiceStep(double rough)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / power;
        return power * (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10);
    }
}
