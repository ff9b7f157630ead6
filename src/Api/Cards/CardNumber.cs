using BudgetBuddy.TenantContracts.LogRedaction;

namespace BudgetBuddy.Api.Cards;

/// <summary>
/// What can be known of a card number without storing it: whether it is well-formed (12–19 digits, Luhn check),
/// its brand from the issuer prefix, its last four digits and a masked form (PCI DSS 3.4.1: at most the last four).
/// </summary>
internal static class CardNumber
{
    public const int MinLength = 12;
    public const int MaxLength = 19;

    /// <summary>The digits of <paramref name="pan"/> with single spaces or dashes between groups removed; null if anything else is in it.</summary>
    public static string? Normalize(string pan)
    {
        var digits = new char[pan.Length];
        var count = 0;
        for (var i = 0; i < pan.Length; i++)
        {
            var c = pan[i];
            if (char.IsAsciiDigit(c))
            {
                digits[count++] = c;
            }
            else if ((c is ' ' or '-') && i > 0 && i < pan.Length - 1 && char.IsAsciiDigit(pan[i - 1]) && char.IsAsciiDigit(pan[i + 1]))
            {
                continue;
            }
            else
            {
                return null;
            }
        }
        return new string(digits, 0, count);
    }

    /// <summary>The Luhn check, as the log redactor applies it: one definition of a card number for the whole product.</summary>
    public static bool PassesLuhn(string digits)
    {
        Span<byte> values = digits.Length <= 64 ? stackalloc byte[digits.Length] : new byte[digits.Length];
        for (var i = 0; i < digits.Length; i++)
        {
            values[i] = (byte)(digits[i] - '0');
        }
        return CardNumberShape.PassesLuhn(values);
    }

    public static string Last4(string digits) => digits[^4..];

    public static string Mask(string digits) => new string('*', digits.Length - 4) + Last4(digits);

    /// <summary>The brand by issuer identification number ranges, checked against the lengths that brand issues.</summary>
    public static string Brand(string digits)
    {
        int Prefix(int length) => int.Parse(digits.AsSpan(0, length), System.Globalization.CultureInfo.InvariantCulture);
        var n = digits.Length;
        if (digits[0] == '4' && n is 13 or 16 or 19)
        {
            return "visa";
        }
        if (n == 16 && (Prefix(2) is >= 51 and <= 55 || Prefix(4) is >= 2221 and <= 2720))
        {
            return "mastercard";
        }
        if (n == 15 && Prefix(2) is 34 or 37)
        {
            return "amex";
        }
        if (n is >= 16 and <= 19 && (Prefix(4) == 6011 || Prefix(2) == 65 || Prefix(3) is >= 644 and <= 649 || Prefix(6) is >= 622126 and <= 622925))
        {
            return "discover";
        }
        if (n is >= 16 and <= 19 && Prefix(4) is >= 3528 and <= 3589)
        {
            return "jcb";
        }
        if (n is >= 14 and <= 19 && (Prefix(3) is >= 300 and <= 305 || Prefix(2) is 36 or 38 or 39))
        {
            return "diners";
        }
        if (n is >= 16 and <= 19 && Prefix(2) == 62)
        {
            return "unionpay";
        }
        if (Prefix(2) is 50 or >= 56 and <= 58 || digits[0] == '6')
        {
            return "maestro";
        }
        return "unknown";
    }
}
