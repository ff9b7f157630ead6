namespace BudgetBuddy.Api.Transactions;

internal static class TransactionCategories
{
    /// <summary>The categories a transaction is in: its own and its split lines'.</summary>
    public static IReadOnlyList<string> Of(Transaction t) =>
        [.. new[] { t.CategoryId }.Concat(t.Splits?.Select(s => s.CategoryId) ?? []).OfType<string>().Distinct(StringComparer.Ordinal)];
}
