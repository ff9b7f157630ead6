namespace BudgetBuddy.Load.Money;

/// <summary>
/// After a posting phase: does every account's balance equal the sum of the transactions the API accepted for it?
/// A request that failed may or may not have committed, so with failures a mismatch is possible without a bug.
/// </summary>
internal sealed record BalanceCheck(int Accounts, int Matching, string? FirstMismatch)
{
    public bool Passed => Matching == Accounts;
}
