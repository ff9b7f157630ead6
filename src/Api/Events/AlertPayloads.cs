using BudgetBuddy.Api.Accounts;

namespace BudgetBuddy.Api.Events;

/// <summary>The payload of <c>account.balance_below</c>: the account as it stood, and the threshold it fell below.</summary>
public sealed record BalanceBelow(Account Account, long Below);

/// <summary>The payload of <c>budget.category_overspent</c>: a category's month, in the home currency, with less than nothing available.</summary>
public sealed record CategoryOverspent(string CategoryId, string? Name, string Month, string? Currency, long Assigned, long Activity, long Available);
