namespace BudgetBuddy.Api.Reports;

/// <summary>A month's spending (<c>yyyy-MM</c>), net of refunds; zero for a month without any.</summary>
public sealed record MonthSpending(string Month, long Amount);
