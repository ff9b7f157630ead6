namespace BudgetBuddy.Api.Reports;

/// <summary>
/// Answer of <c>GET /v1/reports/income-expense</c>: for every month from <see cref="From"/> through <see cref="To"/>
/// (months without money included), what came in and what went out in the home currency, and the sums over all.
/// </summary>
public sealed record IncomeExpenseReport(string From, string To, string? Currency, IReadOnlyList<IncomeExpenseMonth> Months, IncomeExpenseTotals Totals);
