namespace BudgetBuddy.Api.Storage;

/// <summary>Which entity a ledger write changed, for the change feed: its wire type and id, and where it is stored.</summary>
internal sealed record ChangedEntity(string Type, string Id, ChangeOp Op, string SortKey);

internal enum ChangeOp
{
    Upsert,
    Delete,
}
