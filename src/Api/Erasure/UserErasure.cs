namespace BudgetBuddy.Api.Erasure;

/// <summary>An erasure of a user's personal data, as <c>GET /v1/erasures/{id}</c> answers it.</summary>
/// <param name="Id">Derived from the erased user's pseudonym: asking again for the same user answers the same erasure.</param>
/// <param name="Status"><c>running</c> until every item of the user is gone, then <c>completed</c>.</param>
/// <param name="RequestedAt">When the erasure was last asked for.</param>
/// <param name="CompletedAt">When it completed; absent while it runs.</param>
public sealed record UserErasure(string Id, string Status, DateTimeOffset RequestedAt, DateTimeOffset? CompletedAt)
{
    public const string Running = "running";
    public const string Completed = "completed";
}
