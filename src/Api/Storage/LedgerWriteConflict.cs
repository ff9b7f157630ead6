using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.Api.Storage;

/// <summary>
/// A ledger write whose own condition failed (not the change-feed sequence): the item at <see cref="Index"/> of the
/// writes was not in the state the write assumed. <see cref="Item"/> is that item as stored, when it exists.
/// </summary>
internal sealed class LedgerWriteConflict(int index, Dictionary<string, AttributeValue>? item, Exception inner)
    : Exception($"Ledger write {index} failed its condition.", inner)
{
    public int Index { get; } = index;

    public Dictionary<string, AttributeValue>? Item { get; } = item;
}
