using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Audit;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Audit;

namespace BudgetBuddy.Api.Imports.Jobs;

/// <summary>
/// The audit record each batch of an import job carries in its own transaction, as a request's commit does: the
/// pseudonym of the user the job imports for, the scope the import needs (the starting request held it), the action <c>JOB
/// /v1/imports/{id}</c>, the entities the batch changed, and the job's id as the request id, so the trail ties every
/// batch to the job and the job to the request that started it.
/// </summary>
internal sealed class ImportJobAudit(string jobId, AuditChainer chainer) : ICommitAudit
{
    public const string Action = "JOB /v1/imports/{id}";

    public TransactWriteItem RecordFor(Caller caller, string actor, IReadOnlyList<ChangedEntity> changes, DateTimeOffset now) => CommitRecord.Put(caller, new AuditRecord(
        ResourceId.New(now), now, caller.TenantId, actor, Scopes.BudgetWrite, Action,
        CommitRecord.Resources(changes), AuditRecord.CommittedOutcome, jobId, Committed: true));

    // No request ends to nudge the chainer: the job does, for each batch.
    public void Committed(TenantRecord tenant) => chainer.Schedule(tenant.AuditTable);
}
