namespace BudgetBuddy.Load.Scenarios;

/// <summary>A transaction list a client is paging through: its query (without cursor) and the next page's cursor, null on the last page.</summary>
internal sealed record ListPosition(string Query, string? NextCursor);
