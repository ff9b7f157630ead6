namespace BudgetBuddy.Api.Reports;

/// <summary>The home-currency net worth at the end of a month (<c>yyyy-MM</c>).</summary>
public sealed record NetWorthMonth(string Month, long NetWorth);
