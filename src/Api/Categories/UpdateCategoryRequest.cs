namespace BudgetBuddy.Api.Categories;

/// <summary>Body of <c>PATCH /v1/categories/{id}</c> (merge patch): only the fields present change.</summary>
/// <param name="Sensitive">
/// true seals the category's existing transactions and every one written later; false stops sealing new ones, while
/// transactions already sealed stay sealed until each is patched with <c>sensitive: false</c>.
/// </param>
public sealed record UpdateCategoryRequest(string? Name, string? Group, bool? Hidden, bool? Sensitive);
