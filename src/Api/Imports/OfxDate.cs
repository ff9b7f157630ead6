using System.Globalization;

namespace BudgetBuddy.Api.Imports;

/// <summary>
/// OFX date-times: <c>yyyyMMdd</c>, optionally followed by <c>HHmmss</c>, <c>.fff</c> and a zone such as
/// <c>[-5:EST]</c>. Only the date is kept, as written: converting through the zone would move late-evening
/// transactions to another day than the one the bank's statement shows.
/// </summary>
internal static class OfxDate
{
    public static bool TryParse(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        text = text.Trim();
        if (text.Length < 8 || !DateOnly.TryParseExact(text[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        var rest = text[8..];
        var zone = rest.IndexOf('[');
        if (zone >= 0)
        {
            if (rest[^1] != ']')
            {
                return false;
            }
            rest = rest[..zone].TrimEnd();
        }
        var fraction = rest.IndexOf('.');
        var time = fraction >= 0 ? rest[..fraction] : rest;
        if (time.Length > 6 || time.ContainsAnyExceptInRange('0', '9') ||
            (fraction >= 0 && rest[(fraction + 1)..].ContainsAnyExceptInRange('0', '9')))
        {
            return false;
        }
        date = parsed;
        return true;
    }
}
