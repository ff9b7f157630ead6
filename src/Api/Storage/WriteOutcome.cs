using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.Api.Storage;

internal enum WriteStatus
{
    Done,
    NotFound,
    PreconditionFailed,

    /// <summary>Concurrent writers kept winning; the client may retry.</summary>
    Contended,

    /// <summary>The item is as the client last saw it, but its state forbids the write (e.g. an account with transactions).</summary>
    Blocked,
}

/// <summary>The result of a conditional write and, for updates, the item as it now stands.</summary>
internal sealed record WriteOutcome(WriteStatus Status, Dictionary<string, AttributeValue>? Item = null);
