namespace BudgetBuddy.Api.Categories;

/// <summary>Body of <c>POST /v1/categories</c>.</summary>
public sealed record CreateCategoryRequest(string? Name, string? Group, bool? Hidden);
