namespace BudgetBuddy.Api.Reports;

/// <summary>
/// Answer of <c>GET /v1/reports/spending</c>: what was spent in the home currency from <see cref="From"/> through
/// <see cref="To"/>, net of refunds, broken down by <see cref="GroupBy"/> into <see cref="Rows"/>
/// (<see cref="CategorySpending"/> or <see cref="MonthSpending"/>). Income and transfers are not spending.
/// </summary>
public sealed record SpendingReport<TRow>(string From, string To, string? Currency, string GroupBy, long Total, IReadOnlyList<TRow> Rows);
