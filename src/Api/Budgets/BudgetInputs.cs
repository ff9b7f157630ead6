using BudgetBuddy.Api.Categories;

namespace BudgetBuddy.Api.Budgets;

/// <summary>
/// What a budget month is computed from, besides the stored home currency: the currency of the user's first account
/// (the home currency until one is set), every bucket up to the month, and the categories.
/// </summary>
internal sealed record BudgetMonthInputs(string? FirstAccountCurrency, List<BudgetEntry> Buckets, List<Category> Categories);
