namespace BudgetBuddy.Load.Money;

/// <summary>Whether the month's budget the API computed agrees with what the benchmark posted and assigned.</summary>
internal sealed record BudgetCheck(bool Passed, string Detail);
