using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Budgets;
using BudgetBuddy.Api.Categories;
using BudgetBuddy.Api.Settings;

namespace BudgetBuddy.Api.Reports;

/// <summary>What the report handlers need, bound as one parameter: read-only stores, and the clock for the default range.</summary>
internal sealed record ReportServices(BudgetInputsReader Inputs, SettingsStore Settings, TimeProvider Time);
