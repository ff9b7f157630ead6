namespace BudgetBuddy.Api.Transactions;

/// <summary>How a request's fields are stored: free text trimmed (blank is none), split lines only when there are some.</summary>
internal static class TransactionInput
{
    public static string? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static List<SplitLine>? Splits(IReadOnlyList<SplitLineRequest>? splits) =>
        splits is { Count: > 0 } ? splits.Select(s => new SplitLine(s.CategoryId, s.Amount!.Value, Text(s.Memo))).ToList() : null;
}
