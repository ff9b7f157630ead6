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
    private readonly TenantClaims claims = new(dynamo, tables);
    private readonly SigningKeyProvisioner signingKeys = new(dynamo, tables, secrets, kek, time);

    public async Task<ProvisioningReport> ProvisionAsync(TenantRequest request, CancellationToken ct)
    {
        var tenantId = TenantId.Require(request.TenantId);
        var report = new ProvisioningReport();

        var storage = request.Storage ?? TableSettings.Default;
        // The registry is shared by all tenants: it keeps the defaults, whatever one tenant's spec says.
        var registryReady = await tableProvisioner.EnsureAsync(tables.Registry, RegistryTable.Definition, RegistrySettings, report, ct);
        if (!registryReady)
        {
            return report;
        }
        // The claim comes before anything of the tenant's is written: a resource whose id is owned elsewhere changes nothing.
        report.Claim = await claims.ClaimAsync(tenantId, request.Claimant, request.AdoptUid, ct);
        if (!report.Claim.Owned)
        {
            return report;
        }
        if (report.Claim.Previous is { } previous)
        {
            report.Changed(tables.Registry, $"tenant id {tenantId} taken over from {previous}");
        }

        // A restore switches the registry to restored tables; from then on they are the tenant's, kept to the spec.
        var (ledger, audit) = await ServedTablesAsync(tenantId, ct);
        report.LedgerTable = ledger;
        report.AuditTable = audit;
        var ledgerReady = await tableProvisioner.EnsureAsync(ledger, LedgerTable.Definition, storage, report, ct, request.CreateMissingTables);
        var auditReady = await tableProvisioner.EnsureAsync(audit, AuditTable.Definition, storage, report, ct, request.CreateMissingTables);
        // Made whenever missing, even where the ledger and audit tables must already exist (a restore): it is never
        // restored, and a missing one only means no user has a key yet.
        var keysReady = await tableProvisioner.EnsureAsync(tables.Keys(tenantId), KeysTable.Definition, KeysSettings(storage), report, ct);
        if (!(ledgerReady && auditReady && keysReady))
        {
            return report;
        }

        report.DataKeyId = await dataKeys.EnsureAsync(tenantId, ledger, request.DataKeyRotationDays, report, ct);
        using var keys = await signingKeys.EnsureAsync(tenantId, ledger, request.SigningKeyRotationDays, report, ct);
        report.SigningKeyId = keys.Active.KeyId;
        await EnsureRegistryItemAsync(request, tenantId, ledger, audit, keys, report, ct);
        return report;
    }

    /// <summary>
    /// Takes a tenant out of service, only for its owner: the API stops serving it first; its tables go only when
    /// <paramref name="deleteTables"/> says so (deletionPolicy Delete), and then the claim goes last, so nobody can
    /// claim the id while its tables are still being deleted. Under Retain the claim stays, without what the API serves,
    /// so the retained tables and keys stay the owner's. The Secret is its owner's to remove. A table with deletion
    /// protection on is deleted only when <paramref name="keepDeletionProtection"/> is false (the spec says
    /// storage.deletionProtection false): protection is turned off first, as the spec asks; otherwise it stays and the
    /// call fails, saying how to proceed.
    /// </summary>
    /// <returns>A report whose <see cref="ProvisioningReport.Claim"/> names another owner when this one owns nothing.</returns>
    public async Task<ProvisioningReport> DeprovisionAsync(string tenantId, bool deleteTables, CancellationToken ct, TenantOwner? owner = null, bool keepDeletionProtection = true)
    {
        TenantId.Require(tenantId);
        owner ??= TenantOwner.Local(tenantId);
        var report = new ProvisioningReport();
        TenantOwner? recorded;
        try
        {
            recorded = await claims.OwnerAsync(tenantId, ct);
            if (recorded is null && await RegisteredAsync(tenantId, ct))
            {
                // Registered before owners were recorded: whoever deletes it owns it, as before.
                report.Claim = await claims.ClaimAsync(tenantId, owner, null, ct);
                recorded = report.Claim.Owner;
            }
        }
        catch (ResourceNotFoundException)
        {
            return report; // No registry table: nothing was ever registered here.
        }
        if (recorded is null)
        {
            return report;
        }
        if (recorded.Uid != owner.Uid)
        {
            report.Claim = new TenantClaim(false, recorded);
            return report;
        }
        report.Claim = new TenantClaim(true, owner);
        // Read before the registry stops serving it: after a restore, the tables to delete are the restored ones.
        var (ledger, audit) = await ServedTablesAsync(tenantId, ct);

        if (!deleteTables)
        {
            if (await claims.RetainAsync(tenantId, owner, ct))
            {
                report.Changed(tables.Registry, $"tenant {tenantId} unregistered; its claim is kept for the retained tables");
            }
            return report;
        }
        if (await claims.UnserveAsync(tenantId, owner, ct))
        {
            report.Changed(tables.Registry, $"tenant {tenantId} unregistered");
        }
        foreach (var table in new[] { ledger, audit, tables.Keys(tenantId) })
        {
            if (await tableProvisioner.DescribeAsync(table, ct) is { DeletionProtectionEnabled: true })
            {
                if (keepDeletionProtection)
                {
                    throw new InvalidOperationException($"Table {table} has deletion protection on: set storage.deletionProtection to false first, or use deletionPolicy Retain.");
                }
                await tableProvisioner.LiftDeletionProtectionAsync(table, ct);
                report.Changed(table, "deletion protection off");
            }
            switch (await tableProvisioner.DeleteAsync(table, ct))
            {
                case TableDeletion.Deleted:
                    report.Changed(table, "deleted");
                    break;
                case TableDeletion.Busy:
                    report.Wait($"table {table} is still changing; it is deleted once it is ACTIVE");
                    break;
            }
        }
        // The claim goes only once the tables are gone: until then nobody else may take the id.
        if (report.Ready && await claims.ReleaseAsync(tenantId, owner, ct))
        {
            report.Changed(tables.Registry, $"tenant id {tenantId} released");
        }
        return report;
    }

    private async Task<bool> RegisteredAsync(string tenantId, CancellationToken ct) =>
        (await dynamo.GetItemAsync(new GetItemRequest { TableName = tables.Registry, Key = TenantRecordItem.Key(tenantId), ConsistentRead = true }, ct)).IsItemSet;

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
            if (report.Ready || report.Conflict || time.GetUtcNow() >= deadline)
            {
                var merged = new ProvisioningReport { SigningKeyId = report.SigningKeyId, DataKeyId = report.DataKeyId, Claim = report.Claim };
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

    /// <summary>
    /// How the user keys' table is run: as the tenant's other tables, but without point-in-time recovery, so no backup
    /// ever holds a key that erasure destroyed (<see cref="KeysTable"/>).
    /// </summary>
    private static TableSettings KeysSettings(TableSettings storage) => storage with { PointInTimeRecovery = false };

    /// <summary>The tables the registry serves the tenant from, or its own names before it is registered.</summary>
    private async Task<(string Ledger, string Audit)> ServedTablesAsync(string tenantId, CancellationToken ct)
    {
        return await TenantRecordItem.ReadAsync(dynamo, tables.Registry, tenantId, ct) is { } record
            ? (record.LedgerTable, record.AuditTable)
            : (tables.Ledger(tenantId), tables.Audit(tenantId));
    }

    private async Task EnsureRegistryItemAsync(
        TenantRequest request, string tenantId, string ledger, string audit, SigningKeyRing keys, ProvisioningReport report, CancellationToken ct)
    {
        // Read again, not taken from ServedTablesAsync: the signing keys may have changed the item since.
        var current = await TenantRecordItem.ReadAsync(dynamo, tables.Registry, tenantId, ct);

        var now = time.GetUtcNow();
        var desired = new TenantRecord(
            tenantId,
            request.Suspended ? TenantStatus.Suspended : TenantStatus.Active,
            request.DisplayName ?? current?.DisplayName ?? tenantId,
            ledger,
            audit,
            SigningKey.JwkSet(keys.Published(now)),
            request.Plan ?? current?.Plan ?? TenantPlan.Default,
            CreatedAt: current?.CreatedAt ?? now,
            UpdatedAt: now,
            Version: (current?.Version ?? 0) + 1)
        {
            Retention = request.Retention ?? current?.Retention ?? RetentionPolicy.Default,
            KeysTable = tables.Keys(tenantId),
        };
        if (current is not null && current.SameStateAs(desired))
        {
            return;
        }

        var item = TenantRecordItem.ToItem(desired);
        foreach (var (name, value) in TenantRecordItem.OwnerAttributes(request.Claimant))
        {
            item[name] = value;
        }
        // Written only while the claim is still this owner's, and (two provisioners racing) over the state it read.
        var put = new PutItemRequest
        {
            TableName = tables.Registry,
            Item = item,
            ExpressionAttributeNames = new() { ["#uid"] = TenantRecordItem.OwnerUid, ["#v"] = TenantRecordItem.Version },
            ExpressionAttributeValues = new() { [":uid"] = new AttributeValue(request.Claimant.Uid) },
        };
        if (current is null)
        {
            put.ConditionExpression = "#uid = :uid AND attribute_not_exists(#v)";
        }
        else
        {
            put.ConditionExpression = "#uid = :uid AND #v = :v";
            put.ExpressionAttributeValues[":v"] = new AttributeValue { N = current.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }
        await dynamo.PutItemAsync(put, ct);
        report.Changed(tables.Registry, current is null ? $"tenant {tenantId} registered" : $"tenant {tenantId} updated");
    }
}
