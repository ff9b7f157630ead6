namespace BudgetBuddy.Load.Storage;

/// <summary>An entity a write changed, as its change entry lists it: wire type, id, and the sort key it is stored under.</summary>
internal sealed record ChangedEntity(string Type, string Id, string SortKey, bool Deleted = false)
{
    /// <summary>As the audit record names it: <c>transaction/&lt;id&gt;</c>.</summary>
    public string Resource => $"{Type}/{Id}";
}
