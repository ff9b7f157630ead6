namespace BudgetBuddy.Load.Storage;

/// <summary>
/// A ledger write that could not commit: write <see cref="Index"/> failed its own condition (the item was not as the
/// write assumed), or, with index -1, racing writes kept taking the user's next sequence until patience ran out.
/// The API answers these 409 (or retries a re-planned edit); so does the storage path.
/// </summary>
internal sealed class LedgerConflict(int index, Exception inner) : Exception($"Ledger write {index} could not commit.", inner)
{
    public int Index { get; } = index;
}
