namespace BudgetBuddy.TenantContracts.Compliance;

/// <summary>
/// Finds card-number-shaped text: a run of 13 to 19 digits (single spaces or dashes allowed between them) that passes
/// the Luhn check, so a random id or an amount is rarely mistaken for one.
/// </summary>
public static class PanShapes
{
    public static bool ContainsPan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<int> digits = stackalloc int[19];
        for (var start = 0; start < text.Length; start++)
        {
            if (!char.IsAsciiDigit(text[start]) || (start > 0 && char.IsAsciiDigit(text[start - 1])))
            {
                continue;
            }
            var count = 0;
            for (var i = start; i < text.Length && count < 19; i++)
            {
                var c = text[i];
                if (char.IsAsciiDigit(c))
                {
                    digits[count++] = c - '0';
                    if (count >= 13 && PassesLuhn(digits[..count]) && (i + 1 >= text.Length || !char.IsAsciiDigit(text[i + 1])))
                    {
                        return true;
                    }
                }
                else if (!((c is ' ' or '-') && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && char.IsAsciiDigit(text[i - 1])))
                {
                    break;
                }
            }
        }
        return false;
    }

    private static bool PassesLuhn(ReadOnlySpan<int> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i];
            if (i % 2 == 1)
            {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
