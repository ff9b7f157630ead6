namespace BudgetBuddy.Api.Http;

/// <summary>Rules for the short free-text fields (names, groups): present, trimmed, bounded, printable.</summary>
internal static class TextRules
{
    public const int MaxNameLength = 100;

    public static void RequireName(string field, string? value, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"{field} is required.");
            return;
        }
        CheckName(field, value, errors);
    }

    public static void CheckName(string field, string value, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"{field} must not be empty.");
        }
        else if (value.Trim().Length > MaxNameLength)
        {
            errors.Add(field, $"{field} must be at most {MaxNameLength} characters.");
        }
        else if (value.Any(char.IsControl))
        {
            errors.Add(field, $"{field} must not contain control characters.");
        }
    }
}
