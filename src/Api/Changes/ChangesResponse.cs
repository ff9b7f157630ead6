namespace BudgetBuddy.Api.Changes;

/// <summary>
/// A page of the change feed. Pass <see cref="Cursor"/> as <c>since</c> next time; while <see cref="HasMore"/> is
/// true, more changes are already waiting.
/// </summary>
public sealed record ChangesResponse(IReadOnlyList<ChangeEntry> Changes, string Cursor, bool HasMore);
