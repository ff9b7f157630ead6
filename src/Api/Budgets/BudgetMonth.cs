namespace BudgetBuddy.Api.Budgets;

/// <summary>
/// One month of the envelope budget in the home currency. <see cref="ToBeBudgeted"/> is all income so far, less
/// spending nobody assigned, less everything assigned so far. Accounts in other currencies are reported apart in
/// <see cref="OtherCurrencies"/>.
/// </summary>
public sealed record BudgetMonth(
    string Month,
    string? Currency,
    long Income,
    long ToBeBudgeted,
    long Uncategorized,
    IReadOnlyList<BudgetCategoryLine> Categories,
    BudgetTotals Totals,
    IReadOnlyList<CurrencyActivity> OtherCurrencies);

/// <summary>A category's envelope in a month; <see cref="Available"/> rolls over from earlier months, overspending included.</summary>
public sealed record BudgetCategoryLine(string CategoryId, string? Name, string? Group, bool Hidden, long Assigned, long Activity, long Available);

public sealed record BudgetTotals(long Assigned, long Activity, long Available);

/// <summary>A month's money in a currency other than the home currency: income and categorised or uncategorised activity.</summary>
public sealed record CurrencyActivity(string Currency, long Income, long Activity);
