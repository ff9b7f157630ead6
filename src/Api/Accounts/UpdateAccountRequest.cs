namespace BudgetBuddy.Api.Accounts;

/// <summary>
/// Body of <c>PATCH /v1/accounts/{id}</c> (merge patch): only the fields present change. Currency and balance
/// cannot be patched; changing the opening balance moves the balance by the same amount.
/// </summary>
public sealed record UpdateAccountRequest(string? Name, AccountType? Type, bool? Closed, long? OpeningBalance);
