using System.Globalization;

namespace BudgetBuddy.Load.Reports.Charts;

/// <summary>
/// The x axis of a percentile spectrum: each "nine" gets the same width (0 %, 90 %, 99 %, 99.9 %, …), so the tail,
/// where latency problems show, is as wide as the body. Position of a percentile p is −log10(1 − p/100) nines; 100 %
/// (the maximum) sits at the right end, which is labelled "max".
/// </summary>
internal sealed class NinesScale : ChartScale
{
    /// <summary>Beyond 99.99999 % no run of ours has enough requests to say anything.</summary>
    private const int MostNines = 7;

    private readonly int _nines;

    private NinesScale(int nines, bool endIsMax)
    {
        _nines = nines;
        Ticks =
        [
            .. Enumerable.Range(0, nines + 1)
                .Select(n => n == nines && endIsMax ? new ChartTick(100, "max") : new ChartTick(Percentile(n), Label(n))),
        ];
    }

    public override IReadOnlyList<ChartTick> Ticks { get; }

    public override string Description => $"percentiles by nines, from 0% to {Label(_nines)}";

    /// <summary>One nine more than the highest percentile below 100 needs, and at least up to 99 %.</summary>
    public static NinesScale Covering(IEnumerable<double> percentiles)
    {
        var all = percentiles.ToList();
        var highest = all.Where(p => p < 100).Select(Nines).DefaultIfEmpty(0).Max();
        var nines = Math.Clamp((int)Math.Floor(highest) + 1, 2, MostNines);
        return new NinesScale(nines, all.Any(p => p >= 100));
    }

    protected override double Unclamped(double percentile) => (percentile >= 100 ? _nines : Nines(percentile)) / _nines;

    private static double Nines(double percentile) => percentile <= 0 ? 0 : -Math.Log10(1 - (percentile / 100));

    /// <summary>0 → 0, 1 → 90, 2 → 99, 3 → 99.9.</summary>
    private static double Percentile(int nines) => Math.Round(100 - Math.Pow(10, 2 - nines), MostNines);

    /// <summary>0 → "0%", 1 → "90%", 2 → "99%", 3 → "99.9%".</summary>
    private static string Label(int nines) => Percentile(nines).ToString("0.#######", CultureInfo.InvariantCulture) + "%";
}
