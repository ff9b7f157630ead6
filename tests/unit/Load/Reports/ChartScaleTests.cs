using BudgetBuddy.Load.Reports.Charts;

namespace BudgetBuddy.UnitTests.Load.Reports;

public sealed class ChartScaleTests
{
    [Fact]
    public void A_linear_axis_ends_on_round_numbers_and_steps_by_1_2_or_5_times_a_power_of_ten()
    {
        var scale = LinearScale.Covering(0, 1_037);

        Assert.Equal([0.0, 200, 400, 600, 800, 1_000, 1_200], scale.Ticks.Select(t => t.Value));
        Assert.Equal("1,200", scale.Ticks[^1].Label);
        Assert.Equal(0.5, scale.Fraction(600), precision: 9);
    }

    [Fact]
    public void A_count_axis_never_steps_by_less_than_one()
    {
        var scale = LinearScale.Covering(0, 1, ticks: 3, minStep: 1);

        Assert.Equal(["0", "1"], scale.Ticks.Select(t => t.Label));
    }

    [Fact]
    public void A_log_axis_spans_whole_decades_and_puts_zero_at_the_bottom()
    {
        var scale = LogScale.Covering(0.4, 2_500);

        Assert.Equal(["0.1", "1", "10", "100", "1,000", "10,000"], scale.Ticks.Select(t => t.Label));
        Assert.Equal(0.6, scale.Fraction(100), precision: 9);
        Assert.Equal(0, scale.Fraction(0));
    }

    [Fact]
    public void A_nines_axis_gives_each_nine_the_same_width_and_puts_the_maximum_at_its_end()
    {
        var scale = NinesScale.Covering([0, 50, 90, 99, 99.9, 99.95, 100]);

        Assert.Equal(["0%", "90%", "99%", "99.9%", "max"], scale.Ticks.Select(t => t.Label));
        Assert.Equal(0.25, scale.Fraction(90), precision: 9);
        Assert.Equal(0.5, scale.Fraction(99), precision: 9);
        Assert.Equal(0.75, scale.Fraction(99.9), precision: 9);
        Assert.Equal(1, scale.Fraction(100));
    }

    [Fact]
    public void A_nines_axis_without_a_maximum_ends_on_a_nine_and_shows_at_least_99_percent()
    {
        Assert.Equal(["0%", "90%", "99%"], NinesScale.Covering([0, 50, 75]).Ticks.Select(t => t.Label));
        Assert.Equal(["0%", "90%", "99%", "99.9%", "99.99%"], NinesScale.Covering([50, 99.9]).Ticks.Select(t => t.Label));
    }
}
