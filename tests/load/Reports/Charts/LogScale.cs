using System.Globalization;

namespace BudgetBuddy.Load.Reports.Charts;

/// <summary>
/// A base-10 logarithmic axis from one power of ten to another, so that a 5 ms median and a 2 s maximum are both
/// readable. Ticks at each power of ten, and at 2 and 5 times it when the axis spans three decades or fewer.
/// </summary>
internal sealed class LogScale : ChartScale
{
    private readonly double _logMin;
    private readonly double _logMax;

    private LogScale(int logMin, int logMax)
    {
        _logMin = logMin;
        _logMax = logMax;
        var multiples = logMax - logMin <= 3 ? new[] { 1.0, 2, 5 } : [1.0];
        Ticks =
        [
            .. Enumerable.Range(logMin, logMax - logMin + 1)
                .SelectMany(power => multiples.Select(m => m * Math.Pow(10, power)))
                .Where(v => Math.Log10(v) <= logMax + 1e-9)
                .Select(v => new ChartTick(v, Label(v))),
        ];
    }

    public override IReadOnlyList<ChartTick> Ticks { get; }

    public override string Description => $"logarithmic, {Label(Math.Pow(10, _logMin))} to {Label(Math.Pow(10, _logMax))}";

    /// <summary>The powers of ten around <paramref name="min"/> and <paramref name="max"/> (both above zero).</summary>
    public static LogScale Covering(double min, double max)
    {
        var low = min > 0 && double.IsFinite(min) ? (int)Math.Floor(Math.Log10(min)) : 0;
        var high = max > 0 && double.IsFinite(max) ? (int)Math.Ceiling(Math.Log10(max)) : low + 1;
        return new LogScale(low, Math.Max(high, low + 1));
    }

    /// <summary>Zero and below sit at the bottom of the axis.</summary>
    protected override double Unclamped(double value) =>
        value <= 0 ? 0 : (Math.Log10(value) - _logMin) / (_logMax - _logMin);

    private static string Label(double value) =>
        value.ToString(value < 1 ? "0.###" : "#,0", CultureInfo.InvariantCulture);
}
