namespace BudgetBuddy.Api.Storage;

/// <summary>Which entity a ledger write changed, for the change feed: its wire type and id, and where it is stored.</summary>
/// <param name="Delta">
/// What the write added to the entity's running amount (an account's balance, a budget entry's activity), when it did:
/// events judge each commit's alerts on the amounts as that commit left them.
/// </param>
internal sealed record ChangedEntity(string Type, string Id, ChangeOp Op, string SortKey, long? Delta = null);

internal enum ChangeOp
{
    Upsert,
    Delete,

    /// <summary>An upsert that brought the entity into being: the feed shows an upsert, events say <c>created</c>.</summary>
    Create,
}
