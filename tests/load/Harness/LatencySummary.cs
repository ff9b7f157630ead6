using HdrHistogram;

namespace BudgetBuddy.Load.Harness;

/// <summary>Percentiles of a latency histogram recorded in microseconds, reported in milliseconds.</summary>
internal sealed record LatencySummary(
    long Count, double MeanMs, double P50Ms, double P90Ms, double P95Ms, double P99Ms, double P999Ms, double MaxMs)
{
    public static LatencySummary Of(HistogramBase microseconds)
    {
        if (microseconds.TotalCount == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0);
        }
        double At(double percentile) => Ms(microseconds.GetValueAtPercentile(percentile));
        return new LatencySummary(
            microseconds.TotalCount,
            Math.Round(microseconds.GetMean() / 1000.0, 3),
            At(50),
            At(90),
            At(95),
            At(99),
            At(99.9),
            Ms(microseconds.GetMaxValue()));
    }

    private static double Ms(long microseconds) => Math.Round(microseconds / 1000.0, 3);
}
