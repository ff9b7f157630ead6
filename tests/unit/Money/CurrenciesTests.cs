using BudgetBuddy.Api.Money;

namespace BudgetBuddy.UnitTests.Money;

public sealed class CurrenciesTests
{
    [Theory]
    [InlineData("JPY", 0)]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("KWD", 3)]
    [InlineData("CLF", 4)]
    public void Minor_unit_exponents_follow_iso_4217(string code, int exponent)
    {
        Assert.True(Currencies.IsKnown(code));
        Assert.Equal(exponent, Currencies.Exponent(code));
    }

    [Theory]
    [InlineData("usd")]
    [InlineData("XAU")]
    [InlineData("ABC")]
    [InlineData(null)]
    public void Codes_not_in_circulation_are_unknown(string? code)
    {
        Assert.False(Currencies.IsKnown(code));
    }
}
