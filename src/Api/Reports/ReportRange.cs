using BudgetBuddy.Api.Budgets;
using BudgetBuddy.Api.Http;

namespace BudgetBuddy.Api.Reports;

/// <summary>
/// The months a report covers, <see cref="From"/> through <see cref="To"/> inclusive, each the first day of its
/// month. Parsed from the optional <c>from</c> and <c>to</c> query parameters (<c>yyyy-MM</c>).
/// </summary>
internal sealed record ReportRange(DateOnly From, DateOnly To)
{
    /// <summary>Ten years: enough for any chart, and it bounds the work and the size of one answer.</summary>
    public const int MaxMonths = 120;

    /// <summary>Without <c>from</c>, a report covers a year: this many months before <c>to</c>, and <c>to</c> itself.</summary>
    public const int DefaultMonthsBefore = 11;

    public string FromMonth => BudgetMonthName.Of(From);

    public string ToMonth => BudgetMonthName.Of(To);

    public int MonthCount => Index(To) - Index(From) + 1;

    /// <summary>Every month of the range, oldest first, as <c>yyyy-MM</c>; a month with no money in it is still listed.</summary>
    public IReadOnlyList<string> Months() =>
        Enumerable.Range(0, MonthCount).Select(i => BudgetMonthName.Of(From.AddMonths(i))).ToList();

    /// <param name="today">The caller's today, whose month is the default <c>to</c>.</param>
    /// <returns>The range, or null with every bad parameter named in <paramref name="errors"/>.</returns>
    public static ReportRange? Parse(string? from, string? to, DateOnly today, ValidationErrors errors)
    {
        // An empty parameter (?from=) means the same as leaving it out, as an empty cursor does in list endpoints.
        var wellFormed = true;
        var last = new DateOnly(today.Year, today.Month, 1);
        if (!string.IsNullOrEmpty(to) && !BudgetMonthName.TryParse(to, out last))
        {
            errors.Add("to", "to must be a month as yyyy-MM, e.g. 2026-03.");
            wellFormed = false;
        }
        var first = default(DateOnly);
        if (!string.IsNullOrEmpty(from) && !BudgetMonthName.TryParse(from, out first))
        {
            errors.Add("from", "from must be a month as yyyy-MM, e.g. 2026-01.");
            wellFormed = false;
        }
        if (!wellFormed)
        {
            return null;
        }
        if (string.IsNullOrEmpty(from))
        {
            // Clamped to the earliest month a client could name, so the answer's from is always a valid month.
            first = Max(last.AddMonths(-DefaultMonthsBefore), new DateOnly(1900, 1, 1));
        }
        if (first > last)
        {
            errors.Add("from", "from must not be after to.");
            return null;
        }
        var range = new ReportRange(first, last);
        if (range.MonthCount > MaxMonths)
        {
            errors.Add("from", $"A report covers at most {MaxMonths} months: from must be at most {MaxMonths - 1} months before to.");
            return null;
        }
        return range;
    }

    private static int Index(DateOnly month) => month.Year * 12 + month.Month - 1;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
