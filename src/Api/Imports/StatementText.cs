namespace BudgetBuddy.Api.Imports;

/// <summary>The rules both statement formats apply to free text and to the values they quote in error messages.</summary>
internal static class StatementText
{
    /// <summary>Values in messages are clipped: a runaway field must not turn one error into a megabyte.</summary>
    private const int MaxQuotedLength = 40;

    /// <summary>Trimmed, or null when empty.</summary>
    public static string? Clean(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    /// <summary>The value for a message, clipped to 40 characters.</summary>
    public static string Quote(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        return value.Length <= MaxQuotedLength ? $"'{value}'" : $"'{value[..MaxQuotedLength]}…'";
    }

    /// <summary>Cleans <paramref name="value"/>; when it is longer than allowed, reports that and returns null.</summary>
    public static string? Clean(string? value, int maxLength, string field, ref string? problems)
    {
        var cleaned = Clean(value);
        if (cleaned is not null && cleaned.Length > maxLength)
        {
            Report(ref problems, $"{field} is longer than {maxLength} characters.");
            return null;
        }
        return cleaned;
    }

    /// <summary>Adds a sentence to the problems of one row, so a row with two faults reports both at once.</summary>
    public static void Report(ref string? problems, string sentence) =>
        problems = problems is null ? sentence : $"{problems} {sentence}";
}
