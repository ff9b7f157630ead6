using System.Collections;
using System.Globalization;

namespace BudgetBuddy.TenantContracts.LogRedaction;

/// <summary>Redacts the structured values of a log entry's state or scope, as the providers would write them.</summary>
internal static class LogValueRedaction
{
    /// <summary>The structured values of a state or scope (what providers enumerate), or null when it has none.</summary>
    public static IReadOnlyList<KeyValuePair<string, object?>>? ValuesOf(object? state) => state switch
    {
        IReadOnlyList<KeyValuePair<string, object?>> list => list,
        IEnumerable<KeyValuePair<string, object?>> pairs => [.. pairs],
        _ => null,
    };

    /// <summary>The values with every secret redacted, or null when none held one (the caller then keeps the original).</summary>
    public static KeyValuePair<string, object?>[]? Redact(IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        KeyValuePair<string, object?>[]? redacted = null;
        for (var i = 0; i < values.Count; i++)
        {
            var (key, value) = values[i];
            var safe = RedactValue(value);
            if (!ReferenceEquals(safe, value))
            {
                redacted ??= [.. values];
                redacted[i] = new(key, safe);
            }
        }
        return redacted;
    }

    /// <summary>
    /// The value itself when its text holds no secret, else its text redacted. Text is what every provider ends up
    /// writing: the JSON console writes numbers as numbers (a 16-digit <c>long</c> is a card number too) and anything
    /// else through <c>ToString</c>; OTLP exports sequences element by element, so they are checked as joined text.
    /// </summary>
    public static object? RedactValue(object? value)
    {
        string text;
        switch (value)
        {
            case null or bool or byte or sbyte or short or ushort or int or uint or char or Guid or DateTime or DateTimeOffset or TimeSpan or Enum:
                return value; // no way to hold 13 digits in a row or a token
            case string s:
                var redacted = SecretRedactor.Redact(s);
                return ReferenceEquals(redacted, s) ? value : redacted;
            case IEnumerable sequence:
                text = string.Join(", ", sequence.Cast<object?>().Select(e => Convert.ToString(e, CultureInfo.InvariantCulture)));
                break;
            default:
                text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                break;
        }
        var safe = SecretRedactor.Redact(text);
        return ReferenceEquals(safe, text) ? value : safe;
    }
}
