using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.Api.Storage;

/// <summary>
/// A ledger write whose own condition failed (not the change-feed sequence): the item of the write named
/// <see cref="FailedWrite"/> was not in the state the write assumed. <see cref="Item"/> is that item as stored, when it
/// exists and the write asked for it back.
/// </summary>
internal sealed class LedgerWriteConflict(string failedWrite, Dictionary<string, AttributeValue>? item, Exception inner)
    : Exception($"Ledger write '{failedWrite}' failed its condition.", inner)
{
    /// <summary>The <see cref="LedgerWrite.Name"/> of the write whose condition failed.</summary>
    public string FailedWrite { get; } = failedWrite;

    public Dictionary<string, AttributeValue>? Item { get; } = item;
}
