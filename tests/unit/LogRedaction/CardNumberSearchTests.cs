using BudgetBuddy.TenantContracts.LogRedaction;

namespace BudgetBuddy.UnitTests.LogRedaction;

/// <summary>The search the compliance report runs over stored items: the same shape the log redactor removes.</summary>
public sealed class CardNumberSearchTests
{
    [Theory]
    [InlineData("4111111111111111")]
    [InlineData("paid with 4111 1111 1111 1111 yesterday")]
    [InlineData("card 3782-822463-10005")]
    [InlineData("5555555555554444")]
    public void Card_numbers_alone_grouped_or_in_text_are_found(string text) => Assert.True(SecretRedactor.ContainsCardNumber(text));

    [Theory]
    [InlineData("4111111111111112")]
    [InlineData("019ab2f0c1d27c3e8f4a5b6c7d8e9f01")]
    [InlineData("amount 123456789012")]
    [InlineData("2026-11-24T08:00:00.0000000Z")]
    [InlineData("************1111")]
    [InlineData("")]
    public void Ids_amounts_times_masked_numbers_and_failed_check_digits_are_not(string text) => Assert.False(SecretRedactor.ContainsCardNumber(text));
}
