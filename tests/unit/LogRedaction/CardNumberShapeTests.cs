using BudgetBuddy.TenantContracts.LogRedaction;

namespace BudgetBuddy.UnitTests.LogRedaction;

public sealed class CardNumberShapeTests
{
    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("5555555555554444", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("1234567890128", true)]
    [InlineData("1234567890123", false)]
    public void The_luhn_check_accepts_card_numbers_and_rejects_a_changed_digit(string number, bool valid)
    {
        var digits = number.Select(c => (byte)(c - '0')).ToArray();

        Assert.Equal(valid, CardNumberShape.PassesLuhn(digits));
    }

    [Theory]
    [InlineData("12 4111111111111111", true)]        // the card is the second group of the run
    [InlineData("4111111111111111 99", true)]        // or the first
    [InlineData("4111-1111-1111-1111", true)]        // or all of its groups together
    [InlineData("4111%201111%201111%201111", true)]  // the digits of %20 belong to the separator
    [InlineData("9 4111 1111 1111 1111 7", true)]    // or the middle ones
    [InlineData("124111111111111111", false)]        // glued digits make another number, not a card
    [InlineData("4111111111111112", false)]          // one group, failing the Luhn check
    public void Every_span_of_whole_groups_with_13_to_19_digits_is_tried(string run, bool holdsCard)
    {
        Assert.Equal(holdsCard, CardNumberShape.IsWithin(run));
    }

    [Theory]
    [InlineData("4111111111111111", true, false, false)]    // glued to a letter before: part of a word or hex id
    [InlineData("4111111111111111", false, true, false)]    // or after
    [InlineData("12 4111111111111111", true, false, true)]  // the letter touches 12; the card stands apart
    [InlineData("4111111111111111 12", false, true, true)]
    [InlineData("0000000000000000", false, false, false)]   // passes Luhn, but no card number starts with 0
    [InlineData("0 4111111111111111", false, false, true)]
    public void Spans_glued_to_letters_or_starting_with_zero_are_not_cards(string run, bool letterBefore, bool letterAfter, bool holdsCard)
    {
        Assert.Equal(holdsCard, CardNumberShape.IsWithin(run, letterBefore, letterAfter));
    }

    [Theory]
    [InlineData("1234567890123", true)]
    [InlineData("1234 5678 9012 3", true)]
    [InlineData("123456789012", false)]
    [InlineData("1234  5678 9012 3", false)]
    [InlineData("1234--5678901234", false)]
    [InlineData("1234%205678%209012%203", true)]
    [InlineData("1234%2567890123", false)]
    [InlineData("abc 1234567890 def 12345", false)]
    public void The_cheap_pre_check_finds_thirteen_digits_in_a_row(string text, bool found)
    {
        Assert.Equal(found, CardNumberShape.HasLongDigitRun(text));
    }
}
