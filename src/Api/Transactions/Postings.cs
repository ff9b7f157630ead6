using BudgetBuddy.Api.Budgets;

namespace BudgetBuddy.Api.Transactions;

/// <summary>Which budget buckets a transaction's amount lands in, line by line for a split.</summary>
internal static class Postings
{
    public static IEnumerable<(BucketKey Bucket, long Amount)> Of(Transaction t)
    {
        var month = BucketKey.MonthOf(t.Date);
        if (t.TransferAccountId is not null)
        {
            yield return (new BucketKey(month, t.Currency, BucketKey.Transfer), t.Amount);
            yield break;
        }
        if (t.Splits is { Count: > 0 } splits)
        {
            foreach (var line in splits)
            {
                yield return (new BucketKey(month, t.Currency, BucketOf(line.CategoryId, line.Amount)), line.Amount);
            }
            yield break;
        }
        yield return (new BucketKey(month, t.Currency, BucketOf(t.CategoryId, t.Amount)), t.Amount);
    }

    // Uncategorised inflow is income, to be budgeted; uncategorised outflow is spending nobody assigned yet.
    private static string BucketOf(string? categoryId, long amount) =>
        categoryId ?? (amount > 0 ? BucketKey.Income : BucketKey.Uncategorized);
}
