using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Keys;

namespace BudgetBuddy.Operator.Provisioning;

/// <summary>
/// Makes a tenant real: its ledger and audit tables, its data keys (wrapped by the KEK, kept in its ledger table),
/// its signing keys (sealed in its ledger table, copied to its Secret), and its registry item. Level-based
/// and idempotent: each pass compares what exists with what should, changes only the difference, and a second pass
/// over a provisioned tenant changes nothing. The registry item is written last, so the API never serves a tenant
/// whose tables are not ready.
/// </summary>
public sealed class TenantProvisioner(IAmazonDynamoDB dynamo, TenantTables tables, ITenantSecretStore secrets, IKeyEncryptionKey kek, TimeProvider time)
{
    private static readonly TableSettings RegistrySettings = new() { DeletionProtection = true };
    private readonly TableProvisioner tableProvisioner = new(dynamo);
    private readonly DataKeyProvisioner dataKeys = new(dynamo, kek, time);
    private readonly SigningKeyProvisioner signingKeys = new(dynamo, tables, secrets, kek, time);

    public async Task<ProvisioningReport> ProvisionAsync(TenantRequest request, CancellationToken ct)
    {
        var tenantId = TenantId.Require(request.TenantId);
        var report = new ProvisioningReport();

        var storage = request.Storage ?? TableSettings.Default;
        // The registry is shared by all tenants: it keeps the defaults, whatever one tenant's spec says.
        var registryReady = await tableProvisioner.EnsureAsync(tables.Registry, RegistryTable.Definition, RegistrySettings, report, ct);
        var ledgerReady = await tableProvisioner.EnsureAsync(tables.Ledger(tenantId), LedgerTable.Definition, storage, report, ct, request.CreateMissingTables);
        var auditReady = await tableProvisioner.EnsureAsync(tables.Audit(tenantId), AuditTable.Definition, storage, report, ct, request.CreateMissingTables);
        if (!(registryReady && ledgerReady && auditReady))
        {
            return report;
        }

        report.DataKeyId = await dataKeys.EnsureAsync(tenantId, tables.Ledger(tenantId), request.DataKeyRotationDays, report, ct);
        using var keys = await signingKeys.EnsureAsync(tenantId, request.SigningKeyRotationDays, report, ct);
        report.SigningKeyId = keys.Active.KeyId;
        await EnsureRegistryItemAsync(request, tenantId, keys, report, ct);
        return report;
    }

    /// <summary>
    /// Takes a tenant out of service: its registry item goes first, so the API stops serving it at once; its tables
    /// go only when <paramref name="deleteTables"/> says so (deletionPolicy Delete). The Secret is its owner's to remove.
    /// </summary>
    public async Task<ProvisioningReport> DeprovisionAsync(string tenantId, bool deleteTables, CancellationToken ct)
    {
        TenantId.Require(tenantId);
        var report = new ProvisioningReport();
        try
        {
            var deleted = await dynamo.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = tables.Registry,
                Key = TenantRecordItem.Key(tenantId),
                ReturnValues = ReturnValue.ALL_OLD,
            }, ct);
            if (deleted.Attributes is { Count: > 0 })
            {
                report.Changed(tables.Registry, $"tenant {tenantId} unregistered");
            }
        }
        catch (ResourceNotFoundException)
        {
            // No registry table: nothing was ever registered here.
        }
        if (deleteTables)
        {
            foreach (var table in new[] { tables.Ledger(tenantId), tables.Audit(tenantId) })
            {
                if (await tableProvisioner.DescribeAsync(table, ct) is { DeletionProtectionEnabled: true })
                {
                    throw new InvalidOperationException($"Table {table} has deletion protection on: set storage.deletionProtection to false first, or use deletionPolicy Retain.");
                }
                if (await tableProvisioner.DeleteAsync(table, ct))
                {
                    report.Changed(table, "deleted");
                }
            }
        }
        return report;
    }

    /// <summary>Provisions, polling while tables are still being created, until ready or <paramref name="timeout"/>.</summary>
    public async Task<ProvisioningReport> ProvisionUntilReadyAsync(TenantRequest request, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + timeout;
        var delay = TimeSpan.FromMilliseconds(200);
        var changes = new List<ProvisioningChange>();
        var warnings = new List<ProvisioningWarning>();
        while (true)
        {
            var report = await ProvisionAsync(request, ct);
            changes.AddRange(report.Changes);
            warnings.AddRange(report.Warnings);
            if (report.Ready || time.GetUtcNow() >= deadline)
            {
                var merged = new ProvisioningReport { SigningKeyId = report.SigningKeyId, DataKeyId = report.DataKeyId };
                changes.ForEach(c => merged.Changed(c.Resource, c.Action));
                warnings.ForEach(merged.Warn);
                report.WaitingFor.ToList().ForEach(merged.Wait);
                report.MissingTables.ToList().ForEach(merged.Missing);
                foreach (var (name, state) in report.Capabilities)
                {
                    merged.Capability(name, state);
                }
                return merged;
            }
            await Task.Delay(delay, time, ct);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5_000));
        }
    }

    /// <summary>
    /// How long a rotated-out key keeps verifying tokens. Longer than any token a tenant's auth service should
    /// issue, so no valid token is cut off by a rotation.
    /// </summary>
    public static readonly TimeSpan KeyOverlap = TimeSpan.FromDays(1);

    private async Task EnsureRegistryItemAsync(TenantRequest request, string tenantId, SigningKeyRing keys, ProvisioningReport report, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = tables.Registry,
            Key = TenantRecordItem.Key(tenantId),
            ConsistentRead = true,
        }, ct);
        var current = response.IsItemSet ? TenantRecordItem.FromItem(response.Item) : null;

        var now = time.GetUtcNow();
        var desired = new TenantRecord(
            tenantId,
            request.Suspended ? TenantStatus.Suspended : TenantStatus.Active,
            request.DisplayName ?? current?.DisplayName ?? tenantId,
            tables.Ledger(tenantId),
            tables.Audit(tenantId),
            SigningKey.JwkSet(keys.Published(now)),
            request.Plan ?? current?.Plan ?? TenantPlan.Default,
            CreatedAt: current?.CreatedAt ?? now,
            UpdatedAt: now,
            Version: (current?.Version ?? 0) + 1);
        if (current is not null && current.SameStateAs(desired))
        {
            return;
        }

        var put = new PutItemRequest { TableName = tables.Registry, Item = TenantRecordItem.ToItem(desired) };
        if (current is null)
        {
            put.ConditionExpression = "attribute_not_exists(#id)";
            put.ExpressionAttributeNames = new() { ["#id"] = RegistryTable.PartitionKey };
        }
        else
        {
            // Two provisioners racing must not overwrite each other's newer state unseen.
            put.ConditionExpression = "#v = :v";
            put.ExpressionAttributeNames = new() { ["#v"] = TenantRecordItem.Version };
            put.ExpressionAttributeValues = new() { [":v"] = new AttributeValue { N = current.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
        }
        await dynamo.PutItemAsync(put, ct);
        report.Changed(tables.Registry, current is null ? $"tenant {tenantId} registered" : $"tenant {tenantId} updated");
    }
}
