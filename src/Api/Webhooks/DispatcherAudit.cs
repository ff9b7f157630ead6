using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Audit;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Audit;

namespace BudgetBuddy.Api.Webhooks;

/// <summary>
/// The audit record of a change the delivery loop makes on its own (disabling an endpoint that kept failing): no
/// user asked for it, so the actor is the dispatcher (not the pseudonym of the caller the commit runs as) and the action <c>DISPATCH /v1/webhooks/{id}</c>.
/// </summary>
internal sealed class DispatcherAudit(AuditChainer chainer) : ICommitAudit
{
    public const string Actor = "webhook-dispatcher";
    public const string Action = "DISPATCH /v1/webhooks/{id}";

    public TransactWriteItem RecordFor(Caller caller, string actor, IReadOnlyList<ChangedEntity> changes, DateTimeOffset now) => CommitRecord.Put(caller, new AuditRecord(
        ResourceId.New(now), now, caller.TenantId, Actor, "", Action, CommitRecord.Resources(changes), AuditRecord.CommittedOutcome,
        ResourceId.New(now), Committed: true));

    // No request ends to nudge the chainer.
    public void Committed(TenantRecord tenant) => chainer.Schedule(tenant.AuditTable);
}
