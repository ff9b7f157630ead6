using BudgetBuddy.Load.Harness;

namespace BudgetBuddy.Load.Money;

/// <summary>
/// Filling the budget reader's ledger: its transactions (all one user's, so they show that user's write ceiling) and
/// the budget assignments of each month and category.
/// </summary>
internal sealed record SeedResult(
    int Months,
    int Categories,
    int Concurrency,
    long Transactions,
    long TransactionErrors,
    double TransactionsPerSecond,
    LatencySummary TransactionLatency,
    long Assignments,
    long AssignmentErrors);
