using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Encryption;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Audit;

namespace BudgetBuddy.Api.Erasure;

/// <summary>
/// Erasure records: asking for one (which starts or restarts it), reading one (which resumes it when its worker is
/// gone, since a client polls it until it completes), and completing one together with its audit record.
/// </summary>
internal sealed class Erasures(IAmazonDynamoDB dynamo, TenantCrypto crypto, ErasureRunner runner, TimeProvider time)
{
    /// <summary>How long a worker holds an erasure before any pod that reads it may run it again.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Starts the erasure of <paramref name="userId"/>, or answers the one already running. A completed one starts
    /// again: the user may have come back since, and running it again for a user with no data changes nothing.
    /// </summary>
    /// <param name="requestedBy">The requester's pseudonym (the subject's own when users erase themselves).</param>
    /// <param name="scopes">The scope the request was allowed by, for the audit record.</param>
    public async Task<UserErasure> RequestAsync(TenantRecord tenant, string userId, string requestedBy, string scopes, CancellationToken ct)
    {
        var subject = await crypto.PseudonymAsync(tenant, userId, ct);
        var id = AuditPseudonym.Digits(subject);
        var now = time.GetUtcNow();
        try
        {
            var started = await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = tenant.LedgerTable,
                Key = ErasureItem.Key(id),
                UpdateExpression = "SET #subject = :subject, #by = :by, #scopes = :scopes, #status = :running, #audit = :audit, #sealed = :sealed, "
                    + "#requested = :now, #lease = :lease REMOVE #completed ADD #run :one",
                ConditionExpression = "attribute_not_exists(#status) OR #status = :completed OR #lease < :now",
                ExpressionAttributeNames = new()
                {
                    ["#subject"] = ErasureItem.SubjectAttribute,
                    ["#by"] = ErasureItem.RequestedByAttribute,
                    ["#scopes"] = ErasureItem.ScopesAttribute,
                    ["#status"] = ErasureItem.StatusAttribute,
                    ["#audit"] = ErasureItem.AuditIdAttribute,
                    ["#sealed"] = ErasureItem.SealedUserIdAttribute,
                    ["#requested"] = ErasureItem.RequestedAtAttribute,
                    ["#lease"] = ErasureItem.LeaseUntilAttribute,
                    ["#completed"] = ErasureItem.CompletedAtAttribute,
                    ["#run"] = ErasureItem.RunAttribute,
                },
                ExpressionAttributeValues = new()
                {
                    [":subject"] = AttributeValues.S(subject),
                    [":by"] = AttributeValues.S(requestedBy),
                    [":scopes"] = AttributeValues.S(scopes),
                    [":running"] = AttributeValues.S(UserErasure.Running),
                    [":completed"] = AttributeValues.S(UserErasure.Completed),
                    [":audit"] = AttributeValues.S(ResourceId.New(now)),
                    [":sealed"] = AttributeValues.S(await crypto.EncryptForTenantAsync(tenant, userId, ErasureItem.UserIdContext(tenant.TenantId, id), ct)),
                    [":now"] = AttributeValues.Time(now),
                    [":lease"] = AttributeValues.Time(now + Lease),
                    [":one"] = AttributeValues.N(1),
                },
                ReturnValues = ReturnValue.ALL_NEW,
            }, ct);
            var erasure = ErasureItem.FromItem(started.Attributes);
            runner.Start(tenant, userId, erasure);
            return erasure.ToResponse();
        }
        catch (ConditionalCheckFailedException)
        {
            // Running under a live lease: its worker carries on.
            return (await ReadAsync(tenant, id, ct))!.ToResponse();
        }
    }

    /// <summary>The erasure, resumed here when it runs and its worker's lease has lapsed.</summary>
    public async Task<ErasureItem?> GetAsync(TenantRecord tenant, string id, CancellationToken ct)
    {
        if (await ReadAsync(tenant, id, ct) is not { } erasure)
        {
            return null;
        }
        var now = time.GetUtcNow();
        if (erasure.Status == UserErasure.Running && erasure.LeaseUntil < now && erasure.SealedUserId is { } sealedId && await TakeOverAsync(tenant, erasure, now, ct))
        {
            var userId = await crypto.DecryptAsync(tenant, "", sealedId, ErasureItem.UserIdContext(tenant.TenantId, id), ct);
            runner.Start(tenant, userId, erasure);
        }
        return erasure;
    }

    /// <summary>Marks the run completed and appends its audit record, in one transaction; false when another worker completed it or a new run started.</summary>
    public async Task<bool> CompleteAsync(TenantRecord tenant, ErasureItem erasure, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var record = new AuditRecord(
            erasure.AuditId, now, tenant.TenantId, erasure.RequestedBy, erasure.Scopes, ErasureAudit.Action,
            [ErasureAudit.Resource(erasure.Subject)], ErasureAudit.Outcome, erasure.Id, Committed: true);
        try
        {
            await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest
            {
                TransactItems =
                [
                    new TransactWriteItem
                    {
                        Update = new Update
                        {
                            TableName = tenant.LedgerTable,
                            Key = ErasureItem.Key(erasure.Id),
                            UpdateExpression = "SET #status = :completed, #completed = :now REMOVE #sealed",
                            ConditionExpression = "#status = :running AND #run = :run",
                            ExpressionAttributeNames = new()
                            {
                                ["#status"] = ErasureItem.StatusAttribute,
                                ["#completed"] = ErasureItem.CompletedAtAttribute,
                                ["#sealed"] = ErasureItem.SealedUserIdAttribute,
                                ["#run"] = ErasureItem.RunAttribute,
                            },
                            ExpressionAttributeValues = new()
                            {
                                [":completed"] = AttributeValues.S(UserErasure.Completed),
                                [":running"] = AttributeValues.S(UserErasure.Running),
                                [":now"] = AttributeValues.Time(now),
                                [":run"] = AttributeValues.N(erasure.Run),
                            },
                        },
                    },
                    new TransactWriteItem
                    {
                        Put = new Put
                        {
                            TableName = tenant.AuditTable,
                            Item = AuditItems.Pending(record, tenant.Retention),
                            ConditionExpression = "attribute_not_exists(#pk)",
                            ExpressionAttributeNames = new() { ["#pk"] = AuditTable.PartitionKey },
                        },
                    },
                ],
                ClientRequestToken = $"{erasure.Id}-{erasure.Run}",
            }, ct);
            return true;
        }
        catch (TransactionCanceledException)
        {
            return false;
        }
    }

    private async Task<ErasureItem?> ReadAsync(TenantRecord tenant, string id, CancellationToken ct) =>
        (await dynamo.GetItemAsync(new GetItemRequest { TableName = tenant.LedgerTable, Key = ErasureItem.Key(id), ConsistentRead = true }, ct)).Item is { Count: > 0 } item
            ? ErasureItem.FromItem(item)
            : null;

    private async Task<bool> TakeOverAsync(TenantRecord tenant, ErasureItem erasure, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = tenant.LedgerTable,
                Key = ErasureItem.Key(erasure.Id),
                UpdateExpression = "SET #lease = :lease",
                ConditionExpression = "#status = :running AND #run = :run AND #lease = :seen",
                ExpressionAttributeNames = new()
                {
                    ["#lease"] = ErasureItem.LeaseUntilAttribute,
                    ["#status"] = ErasureItem.StatusAttribute,
                    ["#run"] = ErasureItem.RunAttribute,
                },
                ExpressionAttributeValues = new()
                {
                    [":lease"] = AttributeValues.Time(now + Lease),
                    [":running"] = AttributeValues.S(UserErasure.Running),
                    [":run"] = AttributeValues.N(erasure.Run),
                    [":seen"] = AttributeValues.Time(erasure.LeaseUntil),
                },
            }, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }
}
