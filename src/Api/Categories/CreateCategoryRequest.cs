namespace BudgetBuddy.Api.Categories;

/// <summary>Body of <c>POST /v1/categories</c>.</summary>
/// <param name="Sensitive">Health spending: its transactions' payees and memos are encrypted and their reads audited (default false).</param>
public sealed record CreateCategoryRequest(string? Name, string? Group, bool? Hidden, bool? Sensitive);
