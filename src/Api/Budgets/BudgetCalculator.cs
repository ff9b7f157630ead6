using BudgetBuddy.Api.Categories;

namespace BudgetBuddy.Api.Budgets;

/// <summary>
/// Envelope arithmetic over stored buckets, with no storage of its own: the month's lines with rollover, income,
/// what is left to budget, and other currencies apart.
/// </summary>
internal static class BudgetCalculator
{
    /// <param name="buckets">Every bucket of the user up to and including <paramref name="month"/>, any currency.</param>
    public static BudgetMonth Month(string month, string? homeCurrency, IReadOnlyList<BudgetEntry> buckets, IReadOnlyList<Category> categories)
    {
        var home = buckets.Where(b => b.Currency == homeCurrency && string.CompareOrdinal(b.Month, month) <= 0).ToList();
        var thisMonth = home.Where(b => b.Month == month).ToList();

        var income = thisMonth.Where(b => b.CategoryId == BucketKey.Income).Sum(b => b.Activity);
        var uncategorized = thisMonth.Where(b => b.CategoryId == BucketKey.Uncategorized).Sum(b => b.Activity);
        var envelopes = home.Where(b => IsCategory(b.CategoryId)).ToList();
        var toBeBudgeted = home.Where(b => b.CategoryId is BucketKey.Income or BucketKey.Uncategorized).Sum(b => b.Activity)
            - envelopes.Sum(b => b.Assigned);

        var known = categories.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var ids = categories.Select(c => c.Id).Concat(envelopes.Select(b => b.CategoryId)).Distinct(StringComparer.Ordinal);
        var lines = ids.Select(id =>
        {
            var own = envelopes.Where(b => b.CategoryId == id).ToList();
            var current = own.Where(b => b.Month == month).ToList();
            var category = known.GetValueOrDefault(id);
            return new BudgetCategoryLine(
                id,
                category?.Name,
                category?.Group,
                category?.Hidden ?? false,
                current.Sum(b => b.Assigned),
                current.Sum(b => b.Activity),
                own.Sum(b => b.Assigned + b.Activity));
        }).ToList();

        var others = buckets
            .Where(b => b.Month == month && b.Currency != homeCurrency && b.CategoryId != BucketKey.Transfer)
            .GroupBy(b => b.Currency, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CurrencyActivity(
                g.Key,
                g.Where(b => b.CategoryId == BucketKey.Income).Sum(b => b.Activity),
                g.Where(b => b.CategoryId != BucketKey.Income).Sum(b => b.Activity)))
            .ToList();

        return new BudgetMonth(
            month,
            homeCurrency,
            income,
            toBeBudgeted,
            uncategorized,
            lines,
            new BudgetTotals(lines.Sum(l => l.Assigned), lines.Sum(l => l.Activity), lines.Sum(l => l.Available)),
            others);
    }

    public static bool IsCategory(string bucket) => bucket is not (BucketKey.Income or BucketKey.Uncategorized or BucketKey.Transfer);
}
