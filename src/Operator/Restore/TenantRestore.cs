using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Audit;

namespace BudgetBuddy.Operator.Restore;

/// <summary>
/// Restores a tenant's ledger and audit tables to a point in time with DynamoDB's point-in-time recovery, into new
/// tables named after the time (<see cref="TenantTables.RestoredLedger"/>), verifies the restored audit chain, and only
/// then switches the registry to the restored tables, conditionally on the tables it still served. The operator's next
/// reconcile gives the restored tables the spec's settings (point-in-time recovery, TTL, encryption, deletion
/// protection), which a restore does not carry over. The old tables stay until an engineer removes them.
/// </summary>
public sealed class TenantRestore(IAmazonDynamoDB dynamo, TenantTables tables, TimeProvider time)
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    private readonly TableProvisioner tableProvisioner = new(dynamo);

    /// <exception cref="InvalidOperationException">The tenant is not served, or a target table exists already.</exception>
    public async Task<RestoreOutcome> RunAsync(string tenantId, DateTimeOffset to, Action<string> progress, CancellationToken ct)
    {
        var record = await TenantRecordItem.ReadAsync(dynamo, tables.Registry, tenantId, ct)
            ?? throw new InvalidOperationException($"Tenant {tenantId} is not served from {tables.Registry}: nothing to restore.");
        var ledger = tables.RestoredLedger(tenantId, to);
        var audit = tables.RestoredAudit(tenantId, to);

        foreach (var (source, target) in new[] { (record.LedgerTable, ledger), (record.AuditTable, audit) })
        {
            if (await tableProvisioner.DescribeAsync(target, ct) is not null)
            {
                throw new InvalidOperationException($"Table {target} exists already: the tenant was restored to this time before. Remove it, or restore to another time.");
            }
            progress($"restoring {source} as of {to.UtcDateTime:O} into {target}");
            await dynamo.RestoreTableToPointInTimeAsync(new RestoreTableToPointInTimeRequest
            {
                SourceTableName = source,
                TargetTableName = target,
                RestoreDateTime = to.UtcDateTime,
            }, ct);
        }
        foreach (var target in new[] { ledger, audit })
        {
            await WaitUntilActiveAsync(target, progress, ct);
        }

        var verification = await new AuditChainVerifier(dynamo, time).VerifyAsync(audit, ct);
        if (!verification.Intact)
        {
            progress($"the restored audit chain does not verify (first broken record: {verification.FirstBroken?.Sequence}); the registry still serves {record.LedgerTable} and {record.AuditTable}");
            return new RestoreOutcome(ledger, audit, verification, Switched: false);
        }
        progress($"the restored audit chain verifies: {verification.Records} records");

        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = tables.Registry,
                Key = TenantRecordItem.Key(tenantId),
                UpdateExpression = "SET #ledger = :ledger, #audit = :audit, #updated = :now ADD #version :one",
                ConditionExpression = "#ledger = :servedLedger AND #audit = :servedAudit",
                ExpressionAttributeNames = new()
                {
                    ["#ledger"] = "ledgerTable",
                    ["#audit"] = "auditTable",
                    ["#updated"] = "updatedAt",
                    ["#version"] = TenantRecordItem.Version,
                },
                ExpressionAttributeValues = new()
                {
                    [":ledger"] = new AttributeValue(ledger),
                    [":audit"] = new AttributeValue(audit),
                    [":now"] = new AttributeValue(time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)),
                    [":one"] = new AttributeValue { N = "1" },
                    [":servedLedger"] = new AttributeValue(record.LedgerTable),
                    [":servedAudit"] = new AttributeValue(record.AuditTable),
                },
            }, ct);
        }
        catch (ConditionalCheckFailedException e)
        {
            throw new InvalidOperationException($"The registry of tenant {tenantId} changed during the restore; it was not switched. The restored tables {ledger} and {audit} stay.", e);
        }
        progress($"the registry now serves tenant {tenantId} from {ledger} and {audit}; {record.LedgerTable} and {record.AuditTable} stay until you remove them");
        return new RestoreOutcome(ledger, audit, verification, Switched: true);
    }

    private async Task WaitUntilActiveAsync(string table, Action<string> progress, CancellationToken ct)
    {
        while (true)
        {
            var status = (await dynamo.DescribeTableAsync(new DescribeTableRequest { TableName = table }, ct)).Table.TableStatus;
            if (status == TableStatus.ACTIVE)
            {
                return;
            }
            progress($"{table} is {status}");
            await Task.Delay(Poll, time, ct);
        }
    }
}
