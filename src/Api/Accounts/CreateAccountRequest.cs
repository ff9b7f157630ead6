namespace BudgetBuddy.Api.Accounts;

/// <summary>Body of <c>POST /v1/accounts</c>. Amounts are integer minor units of <see cref="Currency"/>.</summary>
public sealed record CreateAccountRequest(string? Name, AccountType? Type, string? Currency, long? OpeningBalance);
