using BudgetBuddy.Api.Budgets;

namespace BudgetBuddy.Api.Reports;

/// <summary>What the report handlers need, bound as one parameter: the budget's inputs, and the clock for the default range.</summary>
internal sealed record ReportServices(BudgetInputsReader Inputs, TimeProvider Time);
