namespace BudgetBuddy.Api.Events;

/// <summary>A page of the tenant's events; pass <see cref="NextCursor"/> as <c>since</c> for the next, even when <see cref="HasMore"/> is false, to wait for new ones.</summary>
public sealed record EventsResponse(IReadOnlyList<Event> Items, string NextCursor, bool HasMore);
