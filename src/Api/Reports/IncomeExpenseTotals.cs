namespace BudgetBuddy.Api.Reports;

/// <summary>The income and expense report's months added up.</summary>
public sealed record IncomeExpenseTotals(long Income, long Expense, long Net);
