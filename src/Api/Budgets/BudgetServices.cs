using BudgetBuddy.Api.Categories;
using BudgetBuddy.Api.Settings;
using BudgetBuddy.Api.Storage;

namespace BudgetBuddy.Api.Budgets;

/// <summary>What the budget handlers need, bound as one parameter.</summary>
internal sealed record BudgetServices(BudgetInputsReader Inputs, CategoryStore Categories, SettingsStore Settings, LedgerCommitter Committer);
