using System.Text.RegularExpressions;

namespace BudgetBuddy.LogScan;

/// <summary>
/// What must never appear in a log line, found independently of the redactor in src/TenantContracts: a card number
/// (13–19 digits in whole groups split by single spaces, dashes, + or %20, passing the Luhn check), a JWT, a bearer
/// credential, a PEM private key.
/// </summary>
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

    /// <summary>What the line holds that it must not, by kind; empty for a clean line.</summary>
    public static IEnumerable<string> FoundIn(string line)
    {
        if (DigitRun().Matches(line).Any(m => HoldsCardNumber(m.Value)))
        {
            yield return "card number";
        }
        if (Jwt().IsMatch(line))
        {
            yield return "JWT";
        }
        if (BearerCredential().IsMatch(line))
        {
            yield return "bearer credential";
        }
        if (PrivateKey().IsMatch(line))
        {
            yield return "private key";
        }
    }

    /// <summary>True when whole consecutive groups of the run, 13–19 digits together, pass the Luhn check.</summary>
    public static bool HoldsCardNumber(string run)
    {
        var groups = Regex.Split(run.Replace("%20", " ", StringComparison.Ordinal), "[ +-]");
        for (var first = 0; first < groups.Length; first++)
        {
            var digits = "";
            for (var last = first; last < groups.Length && digits.Length + groups[last].Length <= 19; last++)
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
