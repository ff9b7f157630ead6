namespace BudgetBuddy.Api.Reports;

/// <summary>The net worth in a currency other than the home currency, at the end of the report's last month.</summary>
public sealed record CurrencyNetWorth(string Currency, long NetWorth);
