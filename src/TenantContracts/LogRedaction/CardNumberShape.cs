namespace BudgetBuddy.TenantContracts.LogRedaction;

/// <summary>
/// Whether a run of digit groups (digits, with one separator between groups: a space, a dash, or a space as a URL
/// encodes it, <c>%20</c> or <c>+</c>) holds a payment card number (PAN): one or more whole consecutive groups,
/// 13 to 19 digits together, starting with 1–9 (no card number starts with 0: ISO/IEC 7812 issues that first digit to
/// no card) and passing the Luhn check. So "4111 1111 1111 1111" and "order 12 4111111111111111" hold one;
/// "4111111111111112" (Luhn fails) does not, nor does "124111111111111111": digits glued to a card number make another
/// number. Nor do digits glued to letters ("…3b1234567890123456a…"): that is a hex id, a hash, a word, not a card.
/// </summary>
public static class CardNumberShape
{
    public const int MinDigits = 13;
    public const int MaxDigits = 19;

    /// <summary>
    /// True when whole consecutive groups of the run, 13–19 digits together and starting with 1–9, pass the Luhn
    /// check. A span that starts the run when a letter comes right before it (<paramref name="letterBefore"/>), or
    /// ends it when a letter comes right after (<paramref name="letterAfter"/>), is part of a word or id, not a card.
    /// </summary>
    public static bool IsWithin(ReadOnlySpan<char> run, bool letterBefore = false, bool letterAfter = false)
    {
        var digits = run.Length <= 256 ? stackalloc byte[run.Length] : new byte[run.Length];
        var groupStarts = run.Length <= 256 ? stackalloc int[run.Length + 1] : new int[run.Length + 1];
        var count = 0;
        var groups = 0;
        var inGroup = false;
        for (var i = 0; i < run.Length; i++)
        {
            var c = run[i];
            if (c == '%')
            {
                i += 2; // "%20": its digits are the separator's, not the number's
                inGroup = false;
            }
            else if (char.IsAsciiDigit(c))
            {
                if (!inGroup)
                {
                    groupStarts[groups++] = count;
                    inGroup = true;
                }
                digits[count++] = (byte)(c - '0');
            }
            else
            {
                inGroup = false;
            }
        }
        groupStarts[groups] = count; // where the group after the last would start: the end of the digits

        for (var first = letterBefore ? 1 : 0; first < groups; first++)
        {
            if (digits[groupStarts[first]] == 0)
            {
                continue;
            }
            for (var last = first; last < (letterAfter ? groups - 1 : groups); last++)
            {
                var length = groupStarts[last + 1] - groupStarts[first];
                if (length > MaxDigits)
                {
                    break;
                }
                if (length >= MinDigits && PassesLuhn(digits.Slice(groupStarts[first], length)))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>The Luhn (mod 10) check every payment card number passes.</summary>
    public static bool PassesLuhn(ReadOnlySpan<byte> digits)
    {
        var sum = 0;
        var doubled = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i];
            if (doubled)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /// <summary>
    /// True when the text has at least 13 digits in a row, single separators between them allowed: the cheap test that
    /// decides whether the pattern search is worth running.
    /// </summary>
    public static bool HasLongDigitRun(ReadOnlySpan<char> text)
    {
        var run = 0;
        var afterSeparator = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                if (++run >= MinDigits)
                {
                    return true;
                }
                afterSeparator = false;
            }
            else if (run > 0 && !afterSeparator && (c is ' ' or '-' or '+' || text[i..].StartsWith("%20", StringComparison.Ordinal)))
            {
                afterSeparator = true;
                if (c == '%')
                {
                    i += 2;
                }
            }
            else
            {
                run = 0;
                afterSeparator = false;
            }
        }
        return false;
    }
}
