namespace BudgetBuddy.Api.Http;

/// <summary>The shape of every list answer: a page of items and the cursor of the next page (null on the last).</summary>
public sealed record ListResponse<T>(IReadOnlyList<T> Items, string? NextCursor);
