using System.Text.RegularExpressions;

namespace BudgetBuddy.LogScan;

/// <summary>
/// What must never appear in a log line, found independently of the redactor in src/TenantContracts: a card number
/// (13–19 digits in whole groups split by single spaces, dashes, + or %20, starting with 1–9, not glued to a letter,
/// passing the Luhn check), a JWT, a bearer credential, a PEM private key, a webhook signing secret (whsec_…).
/// </summary>
/// <remarks>
/// The W3C trace context ids (TraceId, SpanId, ParentId) that the logging framework adds to every line are random hex,
/// not data, and never pass through the redactor; an all-digit one passes the Luhn check one time in ten. They are
/// taken out before the search.
/// </remarks>
internal static partial class SecretShapes
{
    [GeneratedRegex(@"\d(?:(?:[ +-]|%20)?\d){12,}")]
    private static partial Regex DigitRun();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"\bbearer\s+[A-Za-z0-9\-._~+/]{16,}", RegexOptions.IgnoreCase)]
    private static partial Regex BearerCredential();

    [GeneratedRegex(@"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"whsec_[A-Za-z0-9+/]{20,}")]
    private static partial Regex WebhookSecret();

    [GeneratedRegex(@"(?:Trace|Span|Parent)Id""?\s*[:=]\s*""?[0-9a-f]{16,32}\b")]
    private static partial Regex TraceContextId();

    /// <summary>What the line holds that it must not, by kind; empty for a clean line.</summary>
    public static IEnumerable<string> FoundIn(string line)
    {
        var data = TraceContextId().Replace(line, "");
        if (DigitRun().Matches(data).Any(m => HoldsCardNumber(
            m.Value,
            letterBefore: m.Index > 0 && char.IsAsciiLetter(data[m.Index - 1]),
            letterAfter: m.Index + m.Length < data.Length && char.IsAsciiLetter(data[m.Index + m.Length]))))
        {
            yield return "card number";
        }
        if (Jwt().IsMatch(data))
        {
            yield return "JWT";
        }
        if (BearerCredential().IsMatch(data))
        {
            yield return "bearer credential";
        }
        if (PrivateKey().IsMatch(data))
        {
            yield return "private key";
        }
        if (WebhookSecret().IsMatch(data))
        {
            yield return "webhook secret";
        }
    }

    /// <summary>
    /// True when whole consecutive groups of the run, 13–19 digits together and starting with 1–9, pass the Luhn check;
    /// a span touching a letter (at the run's start or end) belongs to a word or a hex id.
    /// </summary>
    public static bool HoldsCardNumber(string run, bool letterBefore = false, bool letterAfter = false)
    {
        var groups = Regex.Split(run.Replace("%20", " ", StringComparison.Ordinal), "[ +-]");
        for (var first = letterBefore ? 1 : 0; first < groups.Length; first++)
        {
            if (groups[first].StartsWith('0'))
            {
                continue;
            }
            var digits = "";
            for (var last = first; last < groups.Length - (letterAfter ? 1 : 0) && digits.Length + groups[last].Length <= 19; last++)
            {
                digits += groups[last];
                if (digits.Length >= 13 && Luhn(digits))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
        }
        return sum % 10 == 0;
    }
}
