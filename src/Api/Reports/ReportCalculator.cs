using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Budgets;
using BudgetBuddy.Api.Categories;

namespace BudgetBuddy.Api.Reports;

/// <summary>
/// The reports' arithmetic over stored budget buckets, with no storage of its own: every figure is a sum of bucket
/// activity (and, for net worth, opening balances), so no report reads a transaction. Currencies are never added
/// together; a report is in the home currency and shows other currencies apart or not at all.
/// </summary>
internal static class ReportCalculator
{
    /// <param name="buckets">The user's buckets over at least the range, any currency.</param>
    public static SpendingReport<CategorySpending> SpendingByCategory(
        ReportRange range, string? currency, IReadOnlyList<BudgetEntry> buckets, IReadOnlyList<Category> categories)
    {
        var known = categories.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var rows = SpendingBuckets(range, currency, buckets)
            .GroupBy(b => b.CategoryId, StringComparer.Ordinal)
            // A bucket also exists once money was only assigned to it, or posted and taken back; only activity makes a row.
            .Where(g => g.Any(b => b.Activity != 0))
            .Select(g =>
            {
                var category = known.GetValueOrDefault(g.Key);
                return new CategorySpending(g.Key, category?.Name, category?.Group, -g.Sum(b => b.Activity));
            })
            .OrderByDescending(r => r.Amount)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .ThenBy(r => r.CategoryId, StringComparer.Ordinal)
            .ToList();
        return new SpendingReport<CategorySpending>(
            range.FromMonth, range.ToMonth, currency, SpendingGrouping.Category, rows.Sum(r => r.Amount), rows);
    }

    /// <param name="buckets">The user's buckets over at least the range, any currency.</param>
    public static SpendingReport<MonthSpending> SpendingByMonth(ReportRange range, string? currency, IReadOnlyList<BudgetEntry> buckets)
    {
        var spent = SpendingBuckets(range, currency, buckets).ToLookup(b => b.Month, StringComparer.Ordinal);
        var rows = range.Months().Select(month => new MonthSpending(month, -spent[month].Sum(b => b.Activity))).ToList();
        return new SpendingReport<MonthSpending>(
            range.FromMonth, range.ToMonth, currency, SpendingGrouping.Month, rows.Sum(r => r.Amount), rows);
    }

    /// <param name="buckets">The user's buckets over at least the range, any currency.</param>
    public static IncomeExpenseReport IncomeExpense(ReportRange range, string? currency, IReadOnlyList<BudgetEntry> buckets)
    {
        var home = InRange(range, currency, buckets).ToLookup(b => b.Month, StringComparer.Ordinal);
        var months = range.Months().Select(month =>
        {
            var income = home[month].Where(b => b.CategoryId == BucketKey.Income).Sum(b => b.Activity);
            var expense = -home[month].Where(b => IsSpending(b.CategoryId)).Sum(b => b.Activity);
            return new IncomeExpenseMonth(month, income, expense, income - expense);
        }).ToList();
        var totalIncome = months.Sum(m => m.Income);
        var totalExpense = months.Sum(m => m.Expense);
        return new IncomeExpenseReport(
            range.FromMonth, range.ToMonth, currency, months, new IncomeExpenseTotals(totalIncome, totalExpense, totalIncome - totalExpense));
    }

    /// <summary>
    /// Net worth in a currency at a month's end: the opening balances of all its accounts, closed ones included,
    /// plus the activity of all its buckets (categories, income, uncategorised and transfers alike: each is money
    /// that moved in or out of one of its accounts) from the beginning through that month. Accounts carry no opening
    /// date, so opening balances count from the beginning, in every month. With no transaction dated after the
    /// range's end, the last month equals the sum of the accounts' current balances.
    /// </summary>
    /// <param name="buckets">The user's buckets from the beginning through at least the range's end, any currency.</param>
    /// <param name="accounts">All of the user's accounts, any currency, closed ones included.</param>
    public static NetWorthReport NetWorth(ReportRange range, string? currency, IReadOnlyList<BudgetEntry> buckets, IReadOnlyList<Account> accounts)
    {
        var upToEnd = buckets.Where(b => string.CompareOrdinal(b.Month, range.ToMonth) <= 0).ToList();
        var home = upToEnd.Where(b => b.Currency == currency).ToList();
        var inRange = home.ToLookup(b => b.Month, StringComparer.Ordinal);

        var worth = OpeningBalances(accounts, currency)
            + home.Where(b => string.CompareOrdinal(b.Month, range.FromMonth) < 0).Sum(b => b.Activity);
        var months = new List<NetWorthMonth>(range.MonthCount);
        foreach (var month in range.Months())
        {
            worth += inRange[month].Sum(b => b.Activity);
            months.Add(new NetWorthMonth(month, worth));
        }

        // Without a home currency the user has no account, so there is nothing to show apart either. A currency is
        // listed while it has an account, or money left in buckets of an account deleted since.
        var others = currency is null
            ? []
            : accounts.Select(a => a.Currency)
                .Concat(upToEnd.Where(b => b.Activity != 0).Select(b => b.Currency))
                .Where(c => c != currency)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .Select(c => new CurrencyNetWorth(c, OpeningBalances(accounts, c) + upToEnd.Where(b => b.Currency == c).Sum(b => b.Activity)))
                .ToList();
        return new NetWorthReport(range.FromMonth, range.ToMonth, currency, months, others);
    }

    private static IEnumerable<BudgetEntry> InRange(ReportRange range, string? currency, IEnumerable<BudgetEntry> buckets) =>
        buckets.Where(b => b.Currency == currency
            && string.CompareOrdinal(b.Month, range.FromMonth) >= 0
            && string.CompareOrdinal(b.Month, range.ToMonth) <= 0);

    private static IEnumerable<BudgetEntry> SpendingBuckets(ReportRange range, string? currency, IEnumerable<BudgetEntry> buckets) =>
        InRange(range, currency, buckets).Where(b => IsSpending(b.CategoryId));

    // Spending is what left through categories or uncategorised (a refund into a category is negative spending);
    // INCOME is money coming in, and TRANSFER only moves money between the user's own accounts.
    private static bool IsSpending(string bucket) => bucket == BucketKey.Uncategorized || BudgetCalculator.IsCategory(bucket);

    private static long OpeningBalances(IReadOnlyList<Account> accounts, string? currency) =>
        accounts.Where(a => a.Currency == currency).Sum(a => a.OpeningBalance);
}
