using BudgetBuddy.TenantContracts.Audit;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Audit;

/// <summary>
/// The audit state of one request, kept in its features by <see cref="AuditMiddleware"/>. Handlers hand it to the
/// writes they commit (<see cref="ICommitAudit"/>), which put its record into their own transaction; a mutating request
/// that committed nothing is recorded by the middleware when it ends.
/// </summary>
internal sealed class RequestAudit(HttpContext context) : ICommitAudit
{
    private int recorded;

    /// <summary>Whether a record of this request has been durably written (so the middleware adds none).</summary>
    public bool Recorded => Volatile.Read(ref recorded) > 0;

    /// <summary>The tenant whose audit table received this request's records, once one was written.</summary>
    public TenantRecord? Tenant { get; private set; }

    private string? action;

    /// <summary>Method and route template, e.g. <c>POST /v1/transactions</c>: the action, without ids or query.</summary>
    public string Action => action ?? Route();

    /// <summary>Remembers the action while routing's endpoint is set (an exception handler clears it later).</summary>
    public void CaptureAction() => action = Route();

    // A group's root route is "/v1/accounts/" in its raw text; clients call it without the slash.
    private string Route()
    {
        var path = ((context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "").TrimEnd('/');
        return $"{context.Request.Method} {(path.Length > 0 ? path : "/")}";
    }

    /// <param name="actor">The pseudonym of the user the token names, never the user id.</param>
    public AuditRecord Describe(string tenantId, string actor, IReadOnlyList<string> resources, string outcome, bool committed, DateTimeOffset now) => new(
        ResourceId.New(now),
        now,
        tenantId,
        actor,
        context.User.FindFirst(TokenContract.ScopeClaim)?.Value ?? "",
        Action,
        resources,
        outcome,
        System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier,
        committed);

    /// <summary>The put of this request's record of a commit that changes <paramref name="changes"/>, into the caller's audit table.</summary>
    public TransactWriteItem RecordFor(Caller caller, string actor, IReadOnlyList<ChangedEntity> changes, DateTimeOffset now) => CommitRecord.Put(
        caller, Describe(caller.TenantId, actor, CommitRecord.Resources(changes), AuditRecord.CommittedOutcome, committed: true, now));

    public void Committed(TenantRecord tenant) => MarkRecorded(tenant);

    public void MarkRecorded(TenantRecord tenant)
    {
        Tenant = tenant;
        Interlocked.Increment(ref recorded);
    }

    /// <summary>
    /// A record that is not this request's own outcome (a disclosure of sensitive data) went to
    /// <paramref name="tenant"/>'s table: the middleware nudges that tenant's chainer when the request ends, and still
    /// records a mutating request's own outcome unless its commit did.
    /// </summary>
    public void NoteRecordWritten(TenantRecord tenant) => Tenant = tenant;

    public static RequestAudit? Of(HttpContext? context) => context?.Features.Get<RequestAudit>();
}
