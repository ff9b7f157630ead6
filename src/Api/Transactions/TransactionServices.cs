using BudgetBuddy.Api.Idempotency;
using BudgetBuddy.Api.Sensitive;

namespace BudgetBuddy.Api.Transactions;

/// <summary>What the transaction handlers need, bound as one parameter.</summary>
internal sealed record TransactionServices(
    TransactionCreatePlanner Creation, TransactionEditor Editor, TransactionQueries Queries, IdempotentCreator Creator, SensitiveFields Sensitive);
