using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Categories;

namespace BudgetBuddy.Api.Budgets;

/// <summary>
/// What budget months and reports are computed from: the home currency (the one the user set, else the first
/// account's; null without either), every account (closed ones too), the buckets of the months asked for, and the
/// categories.
/// </summary>
internal sealed record BudgetInputs(string? HomeCurrency, List<Account> Accounts, List<BudgetEntry> Buckets, List<Category> Categories);
