using BudgetBuddy.Api.Idempotency;

namespace BudgetBuddy.Api.Accounts;

/// <summary>What the account handlers need, bound as one parameter.</summary>
internal sealed record AccountServices(AccountStore Store, IdempotentCreator Creator);
