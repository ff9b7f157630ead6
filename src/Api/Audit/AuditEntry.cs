namespace BudgetBuddy.Api.Audit;

/// <summary>One chained audit record as <c>GET /v1/audit</c> answers it, with its place and links in the chain.</summary>
/// <param name="Sequence">Position in the tenant's chain, from 1, without gaps.</param>
/// <param name="Actor">
/// Who acted: <c>psn_</c> and 32 hex digits, a keyed hash of the user id from the request's token (the same user always
/// has the same pseudonym; erasing the user leaves nothing in the trail that names them). Records written before
/// pseudonyms were introduced carry the user id itself.
/// </param>
/// <param name="Scopes">The scopes the token granted: why the actor was allowed.</param>
/// <param name="Action">Method and route template, e.g. <c>POST /v1/transactions</c>.</param>
/// <param name="Resources">What the action touched, as <c>type/id</c>.</param>
/// <param name="Outcome"><c>committed</c>, <c>disclosed</c> (a sensitive read), or the HTTP status of a request that changed nothing.</param>
/// <param name="Committed">True when the record was written in the same transaction as the change.</param>
public sealed record AuditEntry(
    long Sequence,
    string Id,
    DateTimeOffset Time,
    string Actor,
    string Scopes,
    string Action,
    IReadOnlyList<string> Resources,
    string Outcome,
    string RequestId,
    bool Committed,
    string PreviousHash,
    string Hash);
