using System.Globalization;
using System.Text.RegularExpressions;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>
/// One pass/fail condition on a run, as written on the command line: <c>p99&lt;=1000ms</c>, <c>p95&lt;=0.5s</c>,
/// <c>errors&lt;0.1%</c>, <c>achieved&gt;=99%</c> (of the requested rate) or <c>achieved&gt;=950/s</c>,
/// <c>late&lt;=1%</c>, <c>dropped&lt;=0%</c>. Latency metrics: p50, p90, p95, p99, p999, max, mean.
/// </summary>
internal sealed partial record Threshold(string Metric, string Operator, double Limit, ThresholdUnit Unit)
{
    // Declared before GateDefaults, which parses with them: static fields initialise in order.
    private static readonly string[] LatencyMetrics = ["p50", "p90", "p95", "p99", "p999", "max", "mean"];
    private static readonly string[] ShareMetrics = ["errors", "late", "dropped"];

    /// <summary>The gate's thresholds (the seed's targets) when none are given: P50 100 ms, P95 500 ms, P99 1 s, errors under 0.1 %, at least 99 % of the requested rate achieved.</summary>
    public static IReadOnlyList<Threshold> GateDefaults { get; } =
        new[] { "p50<=100ms", "p95<=500ms", "p99<=1000ms", "errors<0.1%", "achieved>=99%" }.Select(Parse).ToList();

    /// <exception cref="FormatException">The text is not a threshold; the message says what would be.</exception>
    public static Threshold Parse(string text)
    {
        var match = Syntax().Match(text.Trim());
        if (!match.Success)
        {
            throw new FormatException($"'{text}' is not a threshold: write METRIC OP VALUE[UNIT], e.g. p99<=1000ms, errors<0.1%, achieved>=99%.");
        }
        var metric = match.Groups["metric"].Value.ToLowerInvariant();
        var op = match.Groups["op"].Value;
        var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        var unit = match.Groups["unit"].Value.ToLowerInvariant();
        if (LatencyMetrics.Contains(metric))
        {
            var ms = unit switch
            {
                "" or "ms" => value,
                "s" => value * 1000,
                "us" or "µs" => value / 1000,
                _ => throw new FormatException($"'{text}': {metric} is a latency; give it in ms, s or us."),
            };
            return new Threshold(metric, op, ms, ThresholdUnit.Milliseconds);
        }
        if (ShareMetrics.Contains(metric))
        {
            return unit == "%"
                ? new Threshold(metric, op, value, ThresholdUnit.Percent)
                : throw new FormatException($"'{text}': {metric} is a share of the requests; give it in %, e.g. {metric}<0.1%.");
        }
        if (metric == "achieved")
        {
            return unit switch
            {
                "%" => new Threshold(metric, op, value, ThresholdUnit.Percent),
                "/s" or "rps" => new Threshold(metric, op, value, ThresholdUnit.PerSecond),
                _ => throw new FormatException($"'{text}': achieved is a rate; give it in % of the requested rate or in /s, e.g. achieved>=99%."),
            };
        }
        throw new FormatException(
            $"'{text}': unknown metric '{metric}'; use one of {string.Join(", ", LatencyMetrics.Concat(ShareMetrics).Append("achieved"))}.");
    }

    /// <summary>The limit as the report shows it, e.g. <c>&lt;= 1000 ms</c>.</summary>
    public string LimitText => $"{Operator} {Format(Limit, "0.###")}";

    public ThresholdResult Evaluate(RunFigures run)
    {
        var actual = Actual(run);
        var passed = Operator switch
        {
            "<=" => actual <= Limit,
            "<" => actual < Limit,
            ">=" => actual >= Limit,
            ">" => actual > Limit,
            _ => false,
        };
        return new ThresholdResult(Metric, LimitText, Format(actual, Unit switch
        {
            ThresholdUnit.Milliseconds => "0.00",
            ThresholdUnit.Percent => "0.000",
            _ => "0.0",
        }), passed);
    }

    private double Actual(RunFigures run) => Metric switch
    {
        "p50" => run.Latency.P50Ms,
        "p90" => run.Latency.P90Ms,
        "p95" => run.Latency.P95Ms,
        "p99" => run.Latency.P99Ms,
        "p999" => run.Latency.P999Ms,
        "max" => run.Latency.MaxMs,
        "mean" => run.Latency.MeanMs,
        // Dropped requests were due and never sent: they fail the error budget as much as a 503 does.
        "errors" => Percent(run.Errors + run.Dropped, run.Sent + run.Dropped),
        "late" => Percent(run.Late, run.Sent),
        "dropped" => Percent(run.Dropped, run.Sent + run.Dropped),
        "achieved" when Unit == ThresholdUnit.Percent => run.RequestedRate > 0 ? 100 * run.AchievedRate / run.RequestedRate : 0,
        "achieved" => run.AchievedRate,
        _ => double.NaN,
    };

    private static double Percent(long part, long whole) => whole > 0 ? 100.0 * part / whole : 0;

    private string Format(double value, string number) => value.ToString(number, CultureInfo.InvariantCulture) + Unit switch
    {
        ThresholdUnit.Milliseconds => " ms",
        ThresholdUnit.Percent => " %",
        _ => "/s",
    };

    [GeneratedRegex(@"^(?<metric>[A-Za-z][A-Za-z0-9]*)\s*(?<op><=|>=|<|>)\s*(?<value>[0-9]+(\.[0-9]+)?)\s*(?<unit>ms|s|us|µs|%|/s|rps)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();
}
