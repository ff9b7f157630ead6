using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Operator.Provisioning;

/// <summary>
/// Makes a tenant real: its ledger and audit tables, its signing key in its Secret, and its registry item. Level-based
/// and idempotent: each pass compares what exists with what should, changes only the difference, and a second pass
/// over a provisioned tenant changes nothing. The registry item is written last, so the API never serves a tenant
/// whose tables are not ready.
/// </summary>
public sealed class TenantProvisioner(IAmazonDynamoDB dynamo, TenantTables tables, ITenantSecretStore secrets, TimeProvider time)
{
    private static readonly TableSettings RegistrySettings = new() { DeletionProtection = true };
    private readonly TableProvisioner tableProvisioner = new(dynamo);

    public async Task<ProvisioningReport> ProvisionAsync(TenantRequest request, CancellationToken ct)
    {
        var tenantId = TenantId.Require(request.TenantId);
        var report = new ProvisioningReport();

        var storage = request.Storage ?? TableSettings.Default;
        // The registry is shared by all tenants: it keeps the defaults, whatever one tenant's spec says.
        var registryReady = await tableProvisioner.EnsureAsync(tables.Registry, RegistryTable.Definition, RegistrySettings, report, ct);
        var ledgerReady = await tableProvisioner.EnsureAsync(tables.Ledger(tenantId), LedgerTable.Definition, storage, report, ct);
        var auditReady = await tableProvisioner.EnsureAsync(tables.Audit(tenantId), AuditTable.Definition, storage, report, ct);
        if (!(registryReady && ledgerReady && auditReady))
        {
            return report;
        }

        using var signingKey = await EnsureSigningKeyAsync(tenantId, report, ct);
        report.SigningKeyId = signingKey.KeyId;
        await EnsureRegistryItemAsync(request, tenantId, signingKey, report, ct);
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
        while (true)
        {
            var report = await ProvisionAsync(request, ct);
            changes.AddRange(report.Changes);
            if (report.Ready || time.GetUtcNow() >= deadline)
            {
                var merged = new ProvisioningReport { SigningKeyId = report.SigningKeyId };
                changes.ForEach(c => merged.Changed(c.Resource, c.Action));
                report.WaitingFor.ToList().ForEach(merged.Wait);
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

    private async Task<SigningKey> EnsureSigningKeyAsync(string tenantId, ProvisioningReport report, CancellationToken ct)
    {
        var secret = await secrets.ReadAsync(tenantId, ct);
        if (secret is not null && secret.TryGetValue(TenantSecretLayout.SigningKeyPem, out var pem))
        {
            var existing = SigningKey.FromPem(Encoding.UTF8.GetString(pem));
            var recordedId = secret.TryGetValue(TenantSecretLayout.SigningKeyId, out var id) ? Encoding.UTF8.GetString(id) : null;
            if (recordedId != existing.KeyId)
            {
                await secrets.WriteAsync(tenantId, SecretData(existing), ct);
                report.Changed(TenantSecretLayout.SecretName(tenantId), "signing key id corrected");
            }
            return existing;
        }

        var generated = SigningKey.Generate();
        await secrets.WriteAsync(tenantId, SecretData(generated), ct);
        report.Changed(TenantSecretLayout.SecretName(tenantId), $"signing key {generated.KeyId} generated");
        return generated;
    }

    private static Dictionary<string, byte[]> SecretData(SigningKey key) => new()
    {
        [TenantSecretLayout.SigningKeyPem] = Encoding.UTF8.GetBytes(key.ExportPrivateKeyPem()),
        [TenantSecretLayout.SigningKeyId] = Encoding.UTF8.GetBytes(key.KeyId),
    };

    private async Task EnsureRegistryItemAsync(TenantRequest request, string tenantId, SigningKey key, ProvisioningReport report, CancellationToken ct)
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
            SigningKey.JwkSet([key]),
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
