using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Categories;

namespace BudgetBuddy.Api.Budgets;

/// <summary>
/// What budget months and reports are computed from, besides the stored home currency: the currency of the user's
/// first account (the home currency until one is set), every account (closed ones too), the buckets of the months
/// asked for, and the categories.
/// </summary>
internal sealed record BudgetInputs(string? FirstAccountCurrency, List<Account> Accounts, List<BudgetEntry> Buckets, List<Category> Categories);
