using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Audit;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// The pending audit records the API writes into a tenant's audit table for every mutating request: inside the
/// write's own transaction when it commits, or as a lone put when it commits nothing (refused, not found, or a patch
/// that changes nothing). Either way the tenant's chainer is nudged afterwards.
/// </summary>
internal sealed class AuditRecords(IAmazonDynamoDB dynamo, AuditChainer chainer, TimeProvider time)
{
    /// <summary>The record of a commit: the changed entities as resources, outcome <c>committed</c>; rides in the commit's transaction.</summary>
    public TransactWriteItem CommittedPut(LedgerUser user, string action, IEnumerable<ChangedEntity> changes) => new()
    {
        Put = new Put
        {
            TableName = user.AuditTable,
            Item = AuditItems.Pending(Record(user, action, [.. changes.Select(c => c.Resource)], AuditRecord.CommittedOutcome, committed: true)),
            ConditionExpression = "attribute_not_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = AuditTable.PartitionKey },
        },
    };

    /// <summary>The record of a mutating request that committed nothing, with the status it was answered; then the chainer's nudge.</summary>
    public async Task RecordUncommittedAsync(LedgerUser user, string action, int status, CancellationToken ct)
    {
        var record = Record(user, action, [], status.ToString(System.Globalization.CultureInfo.InvariantCulture), committed: false);
        await dynamo.PutItemAsync(new PutItemRequest { TableName = user.AuditTable, Item = AuditItems.Pending(record) }, ct);
        chainer.Schedule(user.AuditTable);
    }

    /// <summary>After a commit that carried a record: the chainer moves it into the tenant's hash chain soon.</summary>
    public void Committed(LedgerUser user) => chainer.Schedule(user.AuditTable);

    // The request id is a trace id's 32 hex digits, as the API records it.
    private AuditRecord Record(LedgerUser user, string action, IReadOnlyList<string> resources, string outcome, bool committed)
    {
        var now = time.GetUtcNow();
        return new AuditRecord(LedgerItems.NewId(now), now, user.Tenant, user.Id, LedgerUser.Scopes, action, resources, outcome,
            Guid.NewGuid().ToString("N"), committed);
    }
}
