using System.Buffers;
using System.Text.RegularExpressions;

namespace BudgetBuddy.TenantContracts.LogRedaction;

/// <summary>
/// Rewrites text so that nothing shaped like a secret survives it: card numbers (13–19 digits, in groups separated by
/// a single space, dash, or a space as URLs encode it, passing the Luhn check: see <see cref="CardNumberShape"/>), bearer credentials, JWTs, PEM private keys and the private
/// member of a JWK. Both the API and the operator run every log line through it, whatever code wrote the line.
/// </summary>
/// <remarks>
/// Most log text holds none of these, so <see cref="MightHoldSecret"/> answers first with one cheap pass (a search
/// for a few markers and a count of digits in a row); only text it flags goes through the regular expressions.
/// </remarks>
public static partial class SecretRedactor
{
    public const string CardNumberMark = "[PAN REDACTED]";
    public const string TokenMark = "[TOKEN REDACTED]";
    public const string PrivateKeyMark = "[PRIVATE KEY REDACTED]";

    // "bearer" and "eyJ" (how the base64url of a JSON object starts) mark tokens; "-----BEGIN" PEM blocks; "\"d\"" the
    // private member of a JWK. Ignoring case makes the check a little wider than the patterns below, never narrower.
    private static readonly SearchValues<string> Markers =
        SearchValues.Create(["bearer", "eyJ", "-----BEGIN", "\"d\""], StringComparison.OrdinalIgnoreCase);

    /// <summary>The text with every secret-shaped part replaced by a mark; the same instance when there is none.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!MightHoldSecret(text))
        {
            return text;
        }
        var result = PrivateKeyBlock().Replace(text, PrivateKeyMark);
        result = JwkPrivateMember().Replace(result, "\"d\":\"" + TokenMark + "\"");
        result = BearerCredential().Replace(result, "Bearer " + TokenMark);
        result = JwtShaped().Replace(result, TokenMark);
        var withDigits = result;
        result = DigitRun().Replace(withDigits, run => IsCardNumber(withDigits, run) ? CardNumberMark : run.Value);
        return string.Equals(result, text, StringComparison.Ordinal) ? text : result;
    }

    /// <summary>Whether the text holds a card number as <see cref="Redact"/> finds them (the compliance scan of stored items uses it too).</summary>
    public static bool ContainsCardNumber(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return CardNumberShape.HasLongDigitRun(text) && DigitRun().Matches(text).Any(run => IsCardNumber(text, run));
    }

    private static bool IsCardNumber(string text, Match run) =>
        CardNumberShape.IsWithin(
            run.ValueSpan,
            letterBefore: run.Index > 0 && char.IsAsciiLetter(text[run.Index - 1]),
            letterAfter: run.Index + run.Length < text.Length && char.IsAsciiLetter(text[run.Index + run.Length]));

    /// <summary>False when the text certainly holds nothing <see cref="Redact"/> would change.</summary>
    public static bool MightHoldSecret(ReadOnlySpan<char> text) =>
        text.IndexOfAny(Markers) >= 0 || CardNumberShape.HasLongDigitRun(text);

    /// <summary>A PEM private key (PKCS#1, PKCS#8, EC, encrypted), to its END line, or to the end of the text when cut off.</summary>
    [GeneratedRegex(@"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:.*?-----END [A-Z0-9 ]*PRIVATE KEY-----|.*)", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex PrivateKeyBlock();

    /// <summary>The private key of an EC or RSA JWK: <c>"d":"&lt;base64url&gt;"</c>.</summary>
    [GeneratedRegex(@"""d""\s*:\s*""[A-Za-z0-9_-]{20,}""", RegexOptions.CultureInvariant)]
    private static partial Regex JwkPrivateMember();

    /// <summary>
    /// An RFC 6750 credential after the scheme name. At least 16 characters, so that prose such as "Bearer was not
    /// authenticated" (ASP.NET Core's own log line) stays readable; real tokens are far longer.
    /// </summary>
    [GeneratedRegex(@"\bbearer\s+[A-Za-z0-9\-._~+/]{16,}=*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BearerCredential();

    /// <summary>
    /// A JWT: a base64url JSON header (<c>eyJ…</c>), a dot, a payload, then any further segments (signature, or the
    /// three more of a JWE). Header and payload alone are enough: a token missing its signature still says who it is.
    /// </summary>
    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}(?:\.[A-Za-z0-9_-]*)*", RegexOptions.CultureInvariant)]
    private static partial Regex JwtShaped();

    /// <summary>
    /// Thirteen or more digits, each optionally preceded by one separator (space, dash, or a space URL-encoded as
    /// <c>%20</c> or <c>+</c>): a run that may hold a card number, checked by <see cref="CardNumberShape.IsWithin"/> and
    /// replaced whole when it does. Greedy and unambiguous (every repetition ends with exactly one digit), so linear.
    /// </summary>
    [GeneratedRegex(@"[0-9](?:(?:[ +-]|%20)?[0-9]){12,}", RegexOptions.CultureInvariant)]
    private static partial Regex DigitRun();
}
