namespace BudgetBuddy.Api.Categories;

/// <summary>Body of <c>PATCH /v1/categories/{id}</c> (merge patch): only the fields present change.</summary>
public sealed record UpdateCategoryRequest(string? Name, string? Group, bool? Hidden);
