using BudgetBuddy.Load.Harness;
using BudgetBuddy.Load.LoadTest;

namespace BudgetBuddy.UnitTests.Load;

public sealed class ThresholdTests
{
    [Theory]
    [InlineData("p99<=1000ms", "p99", "<=", 1000)]
    [InlineData("p95<=0.5s", "p95", "<=", 500)]
    [InlineData("p50 <= 100 ms", "p50", "<=", 100)]
    [InlineData("max<2000", "max", "<", 2000)]          // a latency without a unit is in ms
    [InlineData("p999<=1500us", "p999", "<=", 1.5)]
    [InlineData("P99<=1s", "p99", "<=", 1000)]
    public void Latency_thresholds_read_in_milliseconds(string text, string metric, string op, double ms)
    {
        Assert.Equal(new Threshold(metric, op, ms, ThresholdUnit.Milliseconds), Threshold.Parse(text));
    }

    [Theory]
    [InlineData("errors<0.1%", "errors", "<", 0.1, "Percent")]
    [InlineData("late<=1%", "late", "<=", 1, "Percent")]
    [InlineData("dropped<=0%", "dropped", "<=", 0, "Percent")]
    [InlineData("achieved>=99%", "achieved", ">=", 99, "Percent")]
    [InlineData("achieved>=950/s", "achieved", ">=", 950, "PerSecond")]
    [InlineData("achieved>950rps", "achieved", ">", 950, "PerSecond")]
    public void Shares_and_rates_read_in_their_units(string text, string metric, string op, double limit, string unit)
    {
        Assert.Equal(new Threshold(metric, op, limit, Enum.Parse<ThresholdUnit>(unit)), Threshold.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("p99")]
    [InlineData("p99=100ms")]        // no such operator
    [InlineData("p99<=100%")]        // a latency is not a share
    [InlineData("errors<1ms")]       // a share needs %
    [InlineData("errors<1")]
    [InlineData("achieved>=99")]     // % of the rate or /s must be said
    [InlineData("speed>=1%")]        // unknown metric
    [InlineData("p99<=-5ms")]
    public void Anything_else_is_refused_with_a_message_showing_the_syntax(string text)
    {
        var refused = Assert.Throws<FormatException>(() => Threshold.Parse(text));
        Assert.Contains(text.Length == 0 ? "''" : text, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_thresholds_the_gate_checks_the_issues_five()
    {
        Assert.Equal(
            ["p50 <= 100", "p95 <= 500", "p99 <= 1000", "errors < 0.1", "achieved >= 99"],
            Threshold.GateDefaults.Select(t => $"{t.Metric} {t.Operator} {t.Limit}"));
    }

    [Theory]
    [InlineData("p99<=1000ms", 1000.0, true)]     // at the limit holds
    [InlineData("p99<1000ms", 1000.0, false)]
    [InlineData("p99<=1000ms", 1000.001, false)]
    [InlineData("p99<=1s", 42.1, true)]
    public void A_latency_threshold_compares_the_percentile(string text, double p99, bool passed)
    {
        var result = Threshold.Parse(text).Evaluate(Figures(p99Ms: p99));
        Assert.Equal(passed, result.Passed);
        Assert.Equal("p99", result.Name);
    }

    [Fact]
    public void The_result_says_limit_and_actual_in_the_thresholds_unit()
    {
        var result = Threshold.Parse("p99<=1s").Evaluate(Figures(p99Ms: 42.1));
        Assert.Equal(new ThresholdResult("p99", "<= 1000 ms", "42.10 ms", true), result);
    }

    [Fact]
    public void Dropped_requests_count_as_errors_against_the_error_budget()
    {
        // 1 failed answer and 1 dropped of 1,000 due: 0.2 %.
        var figures = Figures(sent: 999, errors: 1, dropped: 1);
        var result = Threshold.Parse("errors<0.1%").Evaluate(figures);
        Assert.False(result.Passed);
        Assert.Equal("0.200 %", result.Actual);
        Assert.True(Threshold.Parse("errors<0.1%").Evaluate(Figures(sent: 1000, errors: 0, dropped: 0)).Passed);
    }

    [Theory]
    [InlineData(990.0, true)]    // 99 % of 1,000/s
    [InlineData(989.9, false)]
    public void Achieved_is_checked_against_the_requested_rate(double achieved, bool passed)
    {
        Assert.Equal(passed, Threshold.Parse("achieved>=99%").Evaluate(Figures(achieved: achieved)).Passed);
        Assert.Equal(passed, Threshold.Parse("achieved>=990/s").Evaluate(Figures(achieved: achieved)).Passed);
    }

    [Fact]
    public void Late_is_a_share_of_the_requests_sent()
    {
        var result = Threshold.Parse("late<=1%").Evaluate(Figures(sent: 200, late: 3));
        Assert.False(result.Passed);
        Assert.Equal("1.500 %", result.Actual);
    }

    private static RunFigures Figures(
        double p99Ms = 10, long sent = 1000, long errors = 0, long late = 0, long dropped = 0, double achieved = 1000) =>
        new(1000, sent, errors, late, dropped, achieved, new LatencySummary(sent, 5, 4, 8, 9, p99Ms, p99Ms, p99Ms));
}
