using System.Text.Json;

namespace BudgetBuddy.Api.Changes;

/// <summary>
/// One entity in the change feed: its current state (<c>op = "upsert"</c>) or a tombstone (<c>op = "delete"</c>,
/// no data). Types: account, category, transaction, budget.
/// </summary>
public sealed record ChangeEntry(string Type, string Id, string Op, JsonElement? Data);
