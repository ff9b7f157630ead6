namespace BudgetBuddy.Api.Reports;

/// <summary>
/// Answer of <c>GET /v1/reports/net-worth</c>: the home-currency net worth at the end of every month from
/// <see cref="From"/> through <see cref="To"/>, and each other currency's net worth at the end of <see cref="To"/>,
/// kept apart because the API converts no currency. Net worth is the opening balances of all the currency's
/// accounts, closed ones included, plus every transaction in the currency (transfers too) up to the month's end.
/// Accounts carry no opening date, so opening balances count from the beginning, in every month of the series.
/// With no transaction dated after <see cref="To"/>, the last month equals the sum of the accounts' current balances.
/// </summary>
public sealed record NetWorthReport(string From, string To, string? Currency, IReadOnlyList<NetWorthMonth> Months, IReadOnlyList<CurrencyNetWorth> OtherCurrencies);
