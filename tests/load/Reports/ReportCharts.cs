using ScottPlot;

namespace BudgetBuddy.Load.Reports;

/// <summary>
/// The three charts of the HTML report, drawn by ScottPlot as SVG from the summary's per-second intervals and its
/// percentile spectrum. Each comes with the text a reader without the picture needs (the figure's alt text).
/// </summary>
internal static class ReportCharts
{
    public const int Width = 900;

    // Okabe–Ito colours: told apart with the common colour-vision deficiencies, dark enough on white.
    private static readonly Color Blue = Color.FromHex("#0072B2");
    private static readonly Color Green = Color.FromHex("#009E73");
    private static readonly Color Orange = Color.FromHex("#E69F00");
    private static readonly Color Vermillion = Color.FromHex("#D55E00");
    private static readonly Color Purple = Color.FromHex("#AA4499");
    private static readonly Color Grey = Color.FromHex("#555555");

    /// <summary>A rendered chart: its SVG and the sentence that describes it.</summary>
    public sealed record Chart(string Id, string Title, string Description, string Svg);

    /// <summary>
    /// p50, p95, p99 and max of each second on a log axis (a max of seconds must not flatten a median of milliseconds).
    /// Seconds without an answer have no latency: they are shaded, not drawn as zero.
    /// </summary>
    public static Chart LatencyOverTime(RunSummary summary)
    {
        var plot = NewPlot("time (s)", "latency (ms, log scale)");
        var answered = summary.Intervals.Where(i => i.Count > 0).ToList();
        void Series(string label, Color color, Func<RunInterval, double?> value, bool dashed = false)
        {
            var points = answered.Where(i => value(i) is > 0).ToList();
            var line = plot.Add.ScatterLine(points.Select(i => i.Second).ToArray(), points.Select(i => Math.Log10(value(i)!.Value)).ToArray(), color);
            line.LegendText = label;
            line.LineWidth = dashed ? 1.5f : 2;
            line.LinePattern = dashed ? LinePattern.Dotted : LinePattern.Solid;
        }
        Series("p50", Blue, i => i.P50Ms);
        Series("p95", Green, i => i.P95Ms);
        Series("p99", Orange, i => i.P99Ms);
        Series("max", Vermillion, i => i.MaxMs, dashed: true);
        foreach (var silent in summary.Intervals.Where(i => i.Count == 0))
        {
            var band = plot.Add.HorizontalSpan(silent.Second - 0.5, silent.Second + 0.5);
            band.FillStyle.Color = Grey.WithAlpha(0.2);
        }
        // Logarithmic axis: the values are log10(ms), the labels the milliseconds themselves.
        var ticks = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
        };
        plot.Axes.Left.TickGenerator = ticks;
        var silentSeconds = summary.Intervals.Count(i => i.Count == 0);
        return new Chart("latency-over-time", "Latency percentiles per second",
            $"p50, p95, p99 and maximum latency of each of {summary.Intervals.Count} seconds on a log scale"
            + (silentSeconds > 0 ? $"; {silentSeconds} seconds without answers shaded." : "."),
            plot.GetSvgXml(Width, 320));
    }

    /// <summary>Answers per second against the requested rate, and errors and late sends per second.</summary>
    public static Chart Throughput(RunSummary summary)
    {
        var plot = NewPlot("time (s)", "per second");
        var intervals = summary.Intervals;
        var seconds = intervals.Select(i => i.Second).ToArray();
        var achieved = plot.Add.ScatterLine(seconds, intervals.Select(i => i.RatePerSecond).ToArray(), Blue);
        achieved.LegendText = "achieved requests/s";
        achieved.LineWidth = 2;
        if (summary.RequestedRate is { } requested)
        {
            var line = plot.Add.HorizontalLine(requested, 1, Grey, LinePattern.Dashed);
            line.LegendText = $"requested {ReportFormat.Rate(requested)}/s";
        }
        var errors = plot.Add.ScatterLine(seconds, intervals.Select(i => (double)i.Errors).ToArray(), Vermillion);
        errors.LegendText = "errors/s";
        var late = plot.Add.ScatterLine(seconds, intervals.Select(i => (double)i.Late).ToArray(), Purple);
        late.LegendText = "late sends/s";
        plot.Axes.SetLimitsY(0, Math.Max(1, Math.Max(intervals.Select(i => i.RatePerSecond).DefaultIfEmpty(0).Max(), summary.RequestedRate ?? 0)) * 1.08);
        return new Chart("throughput", "Throughput per second",
            $"Requests answered in each of {intervals.Count} seconds"
            + (summary.RequestedRate is { } rate ? $" against the requested {ReportFormat.Rate(rate)}/s" : "")
            + $"; {summary.Errors} errors and {summary.Late} late sends in all.",
            plot.GetSvgXml(Width, 280));
    }

    /// <summary>The percentile spectrum of the whole run, each nine as wide as the last, so the tail is visible.</summary>
    public static Chart Distribution(RunSummary summary)
    {
        var plot = NewPlot("percentile", "latency (ms)");
        var points = summary.Distribution.Where(d => d.Percentile < 100).OrderBy(d => d.Percentile).ToList();
        // x = the number of nines: 90 % is 1, 99 % is 2, 99.9 % is 3.
        static double Nines(double percentile) => -Math.Log10(1 - percentile / 100);
        var line = plot.Add.ScatterLine(points.Select(p => Nines(p.Percentile)).ToArray(), points.Select(p => p.ValueMs).ToArray(), Blue);
        line.LegendText = "latency at percentile";
        line.LineWidth = 2;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var percentile in new[] { 0, 90, 99, 99.9, 99.99, 99.999 }.Where(p => points.Count > 0 && Nines(p) <= Nines(points[^1].Percentile) + 0.5))
        {
            ticks.AddMajor(Nines(percentile), $"{percentile.ToString(System.Globalization.CultureInfo.InvariantCulture)} %");
        }
        plot.Axes.Bottom.TickGenerator = ticks;
        return new Chart("latency-distribution", "Latency by percentile",
            $"Latency in ms at each of {points.Count} percentiles of the whole run; each nine (90 %, 99 %, 99.9 %) as wide as the last.",
            plot.GetSvgXml(Width, 300));
    }

    private static Plot NewPlot(string x, string y)
    {
        var plot = new Plot();
        plot.XLabel(x);
        plot.YLabel(y);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}
