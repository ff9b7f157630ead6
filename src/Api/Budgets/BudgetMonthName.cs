using System.Globalization;

namespace BudgetBuddy.Api.Budgets;

/// <summary>Months on the wire and in keys: <c>yyyy-MM</c>.</summary>
internal static class BudgetMonthName
{
    public static bool TryParse(string? text, out DateOnly firstDay)
    {
        firstDay = default;
        return text is { Length: 7 }
            && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out firstDay)
            && firstDay.Year is >= 1900 and <= 2200;
    }

    public static string Of(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
