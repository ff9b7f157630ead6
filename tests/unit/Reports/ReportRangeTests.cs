using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Reports;

namespace BudgetBuddy.UnitTests.Reports;

public sealed class ReportRangeTests
{
    private static readonly DateOnly Today = new(2026, 5, 17);

    private static (ReportRange? Range, Dictionary<string, string[]> Errors) Parse(string? from, string? to)
    {
        var errors = new ValidationErrors();
        var range = ReportRange.Parse(from, to, Today, errors);
        return (range, errors.ToDictionary());
    }

    [Fact]
    public void Without_parameters_a_report_covers_the_twelve_months_ending_this_month()
    {
        var (range, errors) = Parse(null, null);

        Assert.Empty(errors);
        Assert.Equal(("2025-06", "2026-05", 12), (range!.FromMonth, range.ToMonth, range.MonthCount));
        Assert.Equal("2025-06", range.Months()[0]);
        Assert.Equal("2026-05", range.Months()[^1]);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData(null, "2026-05")]
    public void An_empty_parameter_counts_as_left_out(string? from, string? to)
    {
        var (range, _) = Parse(from, to);
        Assert.Equal(("2025-06", "2026-05"), (range!.FromMonth, range.ToMonth));
    }

    [Fact]
    public void Without_from_the_range_is_the_year_ending_at_to()
    {
        var (range, _) = Parse(null, "2024-02");
        Assert.Equal(("2023-03", "2024-02"), (range!.FromMonth, range.ToMonth));
    }

    [Fact]
    public void A_single_month_is_a_range()
    {
        var (range, _) = Parse("2026-02", "2026-02");
        Assert.Equal(["2026-02"], range!.Months());
    }

    [Fact]
    public void Months_run_across_years_in_order()
    {
        var (range, _) = Parse("2025-11", "2026-02");
        Assert.Equal(["2025-11", "2025-12", "2026-01", "2026-02"], range!.Months());
    }

    [Theory]
    [InlineData("2026-13", null, "from")]
    [InlineData("26-01", null, "from")]
    [InlineData(null, "2026-1", "to")]
    [InlineData(null, "2026-01-01", "to")]
    [InlineData("2026-03", "2026-01", "from")]
    [InlineData("2016-01", "2026-01", "from")]
    public void A_bad_range_names_the_parameter(string? from, string? to, string field)
    {
        var (range, errors) = Parse(from, to);
        Assert.Null(range);
        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void Both_malformed_parameters_are_named_at_once()
    {
        var (range, errors) = Parse("x", "y");
        Assert.Null(range);
        Assert.Equal(["from", "to"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Ten_years_is_the_longest_range()
    {
        Assert.Equal(ReportRange.MaxMonths, Parse("2016-02", "2026-01").Range!.MonthCount);
        Assert.Null(Parse("2016-01", "2026-01").Range);
    }

    [Fact]
    public void The_default_start_never_precedes_the_earliest_month_a_client_can_name()
    {
        var (range, _) = Parse(null, "1900-03");
        Assert.Equal("1900-01", range!.FromMonth);
    }

    [Theory]
    [InlineData(null, "category")]
    [InlineData("", "category")]
    [InlineData("category", "category")]
    [InlineData("month", "month")]
    public void Spending_is_grouped_by_category_unless_month_is_asked_for(string? groupBy, string expected)
    {
        var errors = new ValidationErrors();
        Assert.Equal(expected, SpendingGrouping.Parse(groupBy, errors));
        Assert.False(errors.Any);
    }

    [Theory]
    [InlineData("week")]
    [InlineData("Month")]
    public void Another_grouping_is_refused_by_name(string groupBy)
    {
        var errors = new ValidationErrors();
        Assert.Null(SpendingGrouping.Parse(groupBy, errors));
        Assert.Equal(["groupBy"], errors.ToDictionary().Keys);
    }
}
