using System.Diagnostics.CodeAnalysis;
using BudgetBuddy.Api.Money;

namespace BudgetBuddy.Api.Imports;

/// <summary>
/// Reads an amount as banks write it ("-1,234.56", "(12.34)", "$12.34", "12,34 EUR", "12.34 DR") into integer minor
/// units, exactly: no floating point, and a value with more decimal places than the currency has is refused rather
/// than rounded, because a rounded import silently disagrees with the bank.
/// </summary>
internal static class DecimalAmount
{
    /// <summary>Largest exponent accepted; ISO 4217 goes up to 4, and 10^9 still leaves the bound exact.</summary>
    public const int MaxExponent = 9;

    /// <summary>
    /// Parses <paramref name="text"/>. On failure <paramref name="error"/> is a phrase that follows the quoted value
    /// in a message, such as "has more decimal places than the currency allows (2)".
    /// </summary>
    /// <param name="decimalSeparator"><c>.</c> (thousands grouped by <c>,</c>) or <c>,</c> (grouped by <c>.</c> or a space).</param>
    public static bool TryParseMinorUnits(
        ReadOnlySpan<char> text, int exponent, char decimalSeparator, out long minorUnits, [NotNullWhen(false)] out string? error)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exponent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(exponent, MaxExponent);
        if (decimalSeparator is not ('.' or ','))
        {
            throw new ArgumentOutOfRangeException(nameof(decimalSeparator), decimalSeparator, "The decimal separator must be '.' or ','.");
        }

        minorUnits = 0;
        var body = text.Trim();
        if (body.IsEmpty)
        {
            error = "is empty";
            return false;
        }
        if (!TryStripDecorations(ref body, out var negative) || !TryReadDigits(body, exponent, decimalSeparator, out var magnitude, out error))
        {
            // A separator of the other convention is the usual cause; saying so saves a round of guessing.
            var other = decimalSeparator == '.' ? ',' : '.';
            error = text.Contains(other)
                ? $"is not an amount with '{decimalSeparator}' as the decimal separator"
                : "is not an amount";
            return false;
        }
        if (error is not null)
        {
            return false;
        }
        minorUnits = negative ? -magnitude : magnitude;
        return true;
    }

    /// <summary>
    /// Removes what surrounds the number: one sign (leading or trailing '+'/'-', parentheses, or a DR/CR marker) and
    /// a currency symbol or code before and after it.
    /// </summary>
    private static bool TryStripDecorations(ref ReadOnlySpan<char> body, out bool negative)
    {
        negative = false;
        var signed = false;
        var currencyBefore = false;
        var currencyAfter = false;
        while (true)
        {
            body = body.Trim();
            if (body.IsEmpty)
            {
                return false;
            }
            if (!signed && body.Length >= 2 && body[0] == '(' && body[^1] == ')')
            {
                (signed, negative) = (true, true);
                body = body[1..^1];
            }
            else if (!signed && body[0] is '+' or '-' or '\u2212')
            {
                (signed, negative) = (true, body[0] != '+');
                body = body[1..];
            }
            else if (!signed && body.Length >= 2 && body[^1] is '+' or '-' && char.IsAsciiDigit(body[^2]))
            {
                (signed, negative) = (true, body[^1] == '-');
                body = body[..^1];
            }
            else if (LeadingMarker(body) is var before and > 0 && !currencyBefore)
            {
                if (!TryApplyMarker(body[..before], ref signed, ref negative))
                {
                    return false;
                }
                currencyBefore = true;
                body = body[before..];
            }
            else if (TrailingMarker(body) is var after and > 0 && !currencyAfter)
            {
                if (!TryApplyMarker(body[^after..], ref signed, ref negative))
                {
                    return false;
                }
                currencyAfter = true;
                body = body[..^after];
            }
            else
            {
                return true;
            }
        }
    }

    // A marker is a currency symbol or code ("$", "US$", "EUR", "kr") or a DR/CR debit/credit flag.
    private const int MaxMarkerLength = 3;

    private static bool IsMarkerChar(char c) =>
        char.IsLetter(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.CurrencySymbol;

    private static int LeadingMarker(ReadOnlySpan<char> s)
    {
        var n = 0;
        while (n < s.Length && IsMarkerChar(s[n]))
        {
            n++;
        }
        return n <= MaxMarkerLength ? n : 0;
    }

    private static int TrailingMarker(ReadOnlySpan<char> s)
    {
        var n = 0;
        while (n < s.Length && IsMarkerChar(s[s.Length - 1 - n]))
        {
            n++;
        }
        return n <= MaxMarkerLength ? n : 0;
    }

    // DR/CR decide the sign, so they may not contradict another sign; any other marker is a currency and is dropped.
    private static bool TryApplyMarker(ReadOnlySpan<char> marker, ref bool signed, ref bool negative)
    {
        var debit = marker.Equals("DR", StringComparison.OrdinalIgnoreCase);
        if (!debit && !marker.Equals("CR", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (signed)
        {
            return false;
        }
        (signed, negative) = (true, debit);
        return true;
    }

    /// <summary>
    /// Reads digits with optional thousands groups and a fraction. Returns false when the text is not a number;
    /// true with an error when it is one that cannot be taken as is (too precise, too large).
    /// </summary>
    private static bool TryReadDigits(
        ReadOnlySpan<char> s, int exponent, char decimalSeparator, out long magnitude, out string? error)
    {
        magnitude = 0;
        error = null;
        var max = MinorUnits.Max;
        var overflow = false;
        long whole = 0;
        var wholeDigits = 0;
        var groupDigits = 0;
        var groups = 0;
        var i = 0;

        for (; i < s.Length && s[i] != decimalSeparator; i++)
        {
            var c = s[i];
            if (char.IsAsciiDigit(c))
            {
                whole = overflow ? whole : whole * 10 + (c - '0');
                overflow |= whole > max;
                wholeDigits++;
                groupDigits++;
            }
            else if (IsGroupSeparator(c, decimalSeparator))
            {
                // The first group has 1-3 digits, later ones 3 (or 2, for lakh grouping: 1,23,456); anything else
                // is more likely a decimal separator of the other convention than a thousands separator.
                var valid = groups == 0 ? groupDigits is >= 1 and <= 3 : groupDigits is 2 or 3;
                if (!valid)
                {
                    return false;
                }
                groups++;
                groupDigits = 0;
            }
            else
            {
                return false;
            }
        }
        if (groups > 0 && groupDigits != 3)
        {
            return false;
        }

        long fraction = 0;
        var fractionDigits = 0;
        var excessDigits = false;
        if (i < s.Length)
        {
            for (i++; i < s.Length; i++)
            {
                var c = s[i];
                if (!char.IsAsciiDigit(c))
                {
                    return false;
                }
                fractionDigits++;
                if (fractionDigits <= exponent)
                {
                    fraction = fraction * 10 + (c - '0');
                }
                else if (c != '0')
                {
                    // Trailing zeros beyond the exponent lose nothing ("1500.00" yen); any other digit would be rounded.
                    excessDigits = true;
                }
            }
        }
        if (wholeDigits == 0 && fractionDigits == 0)
        {
            return false;
        }
        if (excessDigits)
        {
            error = $"has more decimal places than the currency allows ({exponent})";
            return true;
        }

        var scale = 1L;
        for (var k = 0; k < exponent; k++)
        {
            scale *= 10;
        }
        for (var k = Math.Min(fractionDigits, exponent); k < exponent; k++)
        {
            fraction *= 10;
        }
        if (overflow || whole > (max - fraction) / scale)
        {
            error = "is out of range (more than 10^15 minor units)";
            return true;
        }
        magnitude = whole * scale + fraction;
        return true;
    }

    private static bool IsGroupSeparator(char c, char decimalSeparator) =>
        decimalSeparator == '.' ? c == ',' : c is '.' or ' ' or '\u00A0' or '\u202F';
}
