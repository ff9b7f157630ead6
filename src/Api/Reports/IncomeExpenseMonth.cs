namespace BudgetBuddy.Api.Reports;

/// <summary>
/// One month of the income and expense report. <see cref="Income"/> is uncategorised inflow (money to budget);
/// <see cref="Expense"/> is spending in categories and uncategorised, net of refunds; <see cref="Net"/> is what was
/// saved (negative: what was drawn down). Transfers between the user's own accounts are neither.
/// </summary>
public sealed record IncomeExpenseMonth(string Month, long Income, long Expense, long Net);
