using BudgetBuddy.Load.Reports.Charts;

namespace BudgetBuddy.Load.Reports;

/// <summary>The three charts of the HTML report, drawn from the summary's per-second intervals and its percentile spectrum.</summary>
internal static class ReportCharts
{
    // Okabe–Ito colours (and a darker purple than theirs): told apart with the common colour-vision deficiencies, dark enough on white.
    private const string Blue = "#0072B2";
    private const string Green = "#009E73";
    private const string Orange = "#E69F00";
    private const string Vermillion = "#D55E00";
    private const string Purple = "#AA4499";
    private const string Grey = "#555555";

    private const string TimeLabel = "time (s)";

    /// <summary>
    /// p50, p95, p99 and max of each second on a log axis (a max of seconds must not flatten a median of milliseconds).
    /// Seconds without an answer have no latency: they are shaded, not drawn as zero.
    /// </summary>
    public static LineChart LatencyOverTime(RunSummary summary)
    {
        var answered = summary.Intervals.Where(i => i.Count > 0).ToList();
        ChartSeries Series(string key, string label, string color, Func<RunInterval, double?> value, string? dash = null, double width = 2) =>
            new(key, label, color, [.. answered.Where(i => value(i) is not null).Select(i => new ChartPoint(i.Second, value(i)!.Value))])
            {
                Dash = dash,
                Width = width,
            };

        var series = new[]
        {
            Series("p50", "p50", Blue, i => i.P50Ms),
            Series("p95", "p95", Green, i => i.P95Ms),
            Series("p99", "p99", Orange, i => i.P99Ms),
            Series("max", "max", Vermillion, i => i.MaxMs, dash: "2 3", width: 1.5),
        };
        var values = series.SelectMany(s => s.Points).Select(p => p.Y).Where(v => v > 0).ToList();
        ChartScale y = values.Count == 0 ? LinearScale.Covering(0, 1) : LogScale.Covering(values.Min(), values.Max());
        var silent = summary.Intervals.Where(i => i.Count == 0).Select(i => new ChartBand(i.Second - 0.5, i.Second + 0.5)).ToList();
        var panel = new ChartPanel("latency (ms, log scale)", y, series, Height: 250) { Bands = silent, BandLabel = "no answers" };
        return new LineChart(
            "latency-over-time",
            "Latency percentiles per second",
            $"p50, p95, p99 and maximum latency of each of {summary.Intervals.Count} seconds; y axis {y.Description} ms.",
            TimeAxis(summary),
            TimeLabel,
            [panel]);
    }

    /// <summary>Answers per second against the requested rate; below it, errors and late sends per second on their own scale.</summary>
    public static LineChart Throughput(RunSummary summary)
    {
        var intervals = summary.Intervals;
        var achieved = new ChartSeries("achieved", "achieved requests/s", Blue, [.. intervals.Select(i => new ChartPoint(i.Second, i.RatePerSecond))]);
        var references = summary.RequestedRate is { } requested
            ? new[] { new ChartReference(requested, $"requested {ReportFormat.Rate(requested)}/s", Grey) }
            : [];
        var top = Math.Max(intervals.Select(i => i.RatePerSecond).DefaultIfEmpty(0).Max(), summary.RequestedRate ?? 0);
        var rates = new ChartPanel("requests/s", LinearScale.Covering(0, top * 1.05), [achieved], Height: 180) { References = references };

        // Errors and late sends each get a panel and a scale of their own: a handful of errors must not vanish under
        // hundreds of late sends, nor either of them under the rate.
        ChartPanel Count(string key, string label, string color, Func<RunInterval, long> count)
        {
            var series = new ChartSeries(key, label, color, [.. intervals.Select(i => new ChartPoint(i.Second, count(i)))]);
            var most = intervals.Select(i => (double)count(i)).DefaultIfEmpty(0).Max();
            return new ChartPanel(label, LinearScale.Covering(0, Math.Max(1, most), ticks: 3, minStep: 1), [series], Height: 64);
        }

        return new LineChart(
            "throughput",
            "Throughput per second",
            summary.RequestedRate is { } rate
                ? $"Requests answered in each of {intervals.Count} seconds against the requested {ReportFormat.Rate(rate)}/s, and below, errors and late sends per second, each on its own scale."
                : $"Requests answered in each of {intervals.Count} seconds, and below, errors and late sends per second, each on its own scale.",
            TimeAxis(summary),
            TimeLabel,
            [rates, Count("errors", "errors/s", Vermillion, i => i.Errors), Count("late", "late sends/s", Purple, i => i.Late)]);
    }

    /// <summary>The percentile spectrum of the whole run, each nine as wide as the last, so the tail is visible.</summary>
    public static LineChart Distribution(RunSummary summary)
    {
        var points = summary.Distribution.OrderBy(d => d.Percentile).Select(d => new ChartPoint(d.Percentile, d.ValueMs)).ToList();
        var x = NinesScale.Covering(points.Select(p => p.X));
        var y = LinearScale.Covering(0, points.Select(p => p.Y).DefaultIfEmpty(0).Max() * 1.05);
        var series = new ChartSeries("latency", "latency at percentile", Blue, points);
        return new LineChart(
            "latency-distribution",
            "Latency by percentile",
            $"Latency in ms at each of {points.Count} percentiles of the whole run; x axis {x.Description}.",
            x,
            "percentile",
            [new ChartPanel("latency (ms)", y, [series], Height: 250)]);
    }

    private static LinearScale TimeAxis(RunSummary summary)
    {
        var seconds = summary.Intervals.Select(i => i.Second).ToList();
        return seconds.Count == 0 ? LinearScale.Covering(0, 1) : LinearScale.Covering(seconds.Min(), seconds.Max(), ticks: 10);
    }
}
