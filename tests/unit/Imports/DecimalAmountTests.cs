using BudgetBuddy.Api.Imports;

namespace BudgetBuddy.UnitTests.Imports;

public sealed class DecimalAmountTests
{
    [Theory]
    [InlineData("12.34", 2, '.', 1234)]
    [InlineData("-12.34", 2, '.', -1234)]
    [InlineData("+12.34", 2, '.', 1234)]
    [InlineData("12", 2, '.', 1200)]
    [InlineData("12.3", 2, '.', 1230)]
    [InlineData(".5", 2, '.', 50)]
    [InlineData("-0.00", 2, '.', 0)]
    [InlineData("  7.00  ", 2, '.', 700)]
    [InlineData("1500", 0, '.', 1500)]
    [InlineData("1,500", 0, '.', 1500)]
    [InlineData("1.5", 3, '.', 1500)]
    [InlineData("1.234", 3, '.', 1234)]
    [InlineData("-0.001", 3, '.', -1)]
    public void Plain_decimals_become_minor_units_of_the_exponent(string text, int exponent, char separator, long expected)
    {
        AssertParses(text, exponent, separator, expected);
    }

    [Theory]
    [InlineData("1,234,567.89", '.', 123456789)]
    [InlineData("1,23,456.78", '.', 12345678)]
    [InlineData("1.234.567,89", ',', 123456789)]
    [InlineData("1 234 567,89", ',', 123456789)]
    [InlineData("1\u00A0234,56", ',', 123456)]
    [InlineData("1\u202F234,56", ',', 123456)]
    [InlineData("12,5", ',', 1250)]
    public void Thousands_separators_of_the_decimal_convention_are_skipped(string text, char separator, long expected)
    {
        AssertParses(text, 2, separator, expected);
    }

    [Theory]
    [InlineData("(12.34)", -1234)]
    [InlineData("($1,234.50)", -123450)]
    [InlineData("$12.34", 1234)]
    [InlineData("-$12.34", -1234)]
    [InlineData("$-12.34", -1234)]
    [InlineData("12.34 USD", 1234)]
    [InlineData("USD -12.34", -1234)]
    [InlineData("US$12.34", 1234)]
    [InlineData("£12.34", 1234)]
    [InlineData("12.34-", -1234)]
    [InlineData("12.34 DR", -1234)]
    [InlineData("12.34 CR", 1234)]
    [InlineData("\u221212.34", -1234)]
    public void Signs_parentheses_and_currency_markers_around_the_number_are_understood(string text, long expected)
    {
        AssertParses(text, 2, '.', expected);
    }

    [Fact]
    public void A_euro_amount_with_decimal_comma_and_symbol_is_read()
    {
        AssertParses("-1.234,56 €", 2, ',', -123456);
    }

    [Fact]
    public void Zeros_beyond_the_exponent_lose_nothing_and_are_accepted()
    {
        AssertParses("1500.00", 0, '.', 1500);
        AssertParses("12.3400", 2, '.', 1234);
    }

    [Theory]
    [InlineData("1.234", 2)]
    [InlineData("0.001", 2)]
    [InlineData("1.5", 0)]
    [InlineData("0.0001", 3)]
    public void More_decimal_places_than_the_exponent_is_refused_not_rounded(string text, int exponent)
    {
        Assert.False(DecimalAmount.TryParseMinorUnits(text, exponent, '.', out _, out var error));
        Assert.Equal($"has more decimal places than the currency allows ({exponent})", error);
    }

    [Theory]
    [InlineData("10000000000000.00", 1_000_000_000_000_000)]
    [InlineData("-10000000000000.00", -1_000_000_000_000_000)]
    public void Amounts_up_to_ten_to_the_fifteen_minor_units_are_accepted(string text, long expected)
    {
        AssertParses(text, 2, '.', expected);
    }

    [Theory]
    [InlineData("10000000000000.01", 2)]
    [InlineData("-10000000000000.01", 2)]
    [InlineData("1000000000000000000000000", 2)]
    [InlineData("1000000000000001", 0)]
    [InlineData("1000000000000.001", 3)]
    public void Amounts_beyond_ten_to_the_fifteen_minor_units_are_out_of_range(string text, int exponent)
    {
        Assert.False(DecimalAmount.TryParseMinorUnits(text, exponent, '.', out _, out var error));
        Assert.StartsWith("is out of range", error);
    }

    [Theory]
    [InlineData("12,34")]
    [InlineData("1,2345.00")]
    [InlineData("1.234,56")]
    public void A_separator_of_the_other_convention_is_refused_with_a_hint(string text)
    {
        Assert.False(DecimalAmount.TryParseMinorUnits(text, 2, '.', out _, out var error));
        Assert.Equal("is not an amount with '.' as the decimal separator", error);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("--12")]
    [InlineData("(-12)")]
    [InlineData("(12")]
    [InlineData("12.34.56")]
    [InlineData("1e5")]
    [InlineData("12 34")]
    [InlineData("-12.34 DR")]
    [InlineData("NaN")]
    public void Text_that_is_not_a_number_is_refused(string text)
    {
        Assert.False(DecimalAmount.TryParseMinorUnits(text, 2, '.', out var value, out var error));
        Assert.Equal(0, value);
        Assert.Equal("is not an amount", error);
    }

    [Fact]
    public void Empty_text_is_reported_as_empty()
    {
        Assert.False(DecimalAmount.TryParseMinorUnits("  ", 2, '.', out _, out var error));
        Assert.Equal("is empty", error);
    }

    [Fact]
    public void Unsupported_decimal_separators_and_exponents_are_programming_errors()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DecimalAmount.TryParseMinorUnits("1", 2, ';', out _, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => DecimalAmount.TryParseMinorUnits("1", -1, '.', out _, out _));
    }

    private static void AssertParses(string text, int exponent, char separator, long expected)
    {
        Assert.True(DecimalAmount.TryParseMinorUnits(text, exponent, separator, out var value, out var error), error);
        Assert.Equal(expected, value);
        Assert.Null(error);
    }
}
