using Amazon.DynamoDBv2;
using Amazon.Runtime;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.Operator.Runtime;
using BudgetBuddy.Operator.Runtime.Reconciliation;
using BudgetBuddy.Operator.Tenants;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Keys;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.Operator.Reconciliation;

/// <summary>
/// Makes one BudgetBuddyTenant real and keeps it so. Level-based: it reads the resource, computes the desired state,
/// lets the provisioning library change only the difference, and writes what it found to status; it never branches
/// on which event woke it. Reads top to bottom: get → gone means done → deletion path → ensure finalizer → claim the
/// tenant id and provision → status with observedGeneration. A resource whose tenant id another resource owns (in
/// another namespace or another cluster sharing the account and prefix) changes nothing but its own status.
/// </summary>
internal sealed partial class TenantReconciler(
    IKubernetes client,
    IAmazonDynamoDB dynamo,
    TenantTables tables,
    IKeyEncryptionKey kek,
    TenantStatusWriter statusWriter,
    TenantEventRecorder events,
    ClusterIdentity cluster,
    TimeProvider time,
    ILogger<TenantReconciler> logger) : IReconciler<BudgetBuddyTenant>
{
    /// <summary>How soon to look again while tables are CREATING or UPDATING.</summary>
    public static readonly TimeSpan WhileChanging = TimeSpan.FromSeconds(5);

    /// <summary>How soon to look again at a table deleted out of band (a human has to act).</summary>
    public static readonly TimeSpan WhileMissing = TimeSpan.FromMinutes(1);

    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ResourceKey.Parse(key);
        var again = await ReconcileAsync(ns ?? "default", name, cancellationToken);
        return again is { } delay ? ReconcileResult.RequeueAfter(delay) : ReconcileResult.Done;
    }

    /// <returns>When to reconcile again (null: only on the next change or resync).</returns>
    public async Task<TimeSpan?> ReconcileAsync(string ns, string name, CancellationToken ct)
    {
        var read = await TenantReader.GetAsync(client, ns, name, ct);
        if (read is null)
        {
            return null;
        }
        var tenant = read.Tenant;
        if (!TenantId.IsValid(name))
        {
            await statusWriter.WriteAsync(tenant, s => Fail(s, tenant, "InvalidName", $"'{name}' is not a tenant id: 3-40 lower-case letters, digits and '-'."), ct);
            return null;
        }
        // The CRD's schema may be missing or older than this operator: a spec it would refuse is never acted on.
        if (!read.IsValid)
        {
            await InvalidSpecStatus.ReportAsync(statusWriter, events, read, Now, ct);
            return null;
        }

        var provisioner = new TenantProvisioner(dynamo, tables, new KubernetesTenantSecretStore(client, tenant), kek, time);
        if (tenant.Metadata.DeletionTimestamp is not null)
        {
            return await FinalizeAsync(tenant, provisioner, ct);
        }
        if (!(tenant.Metadata.Finalizers?.Contains(TenantResource.Finalizer) ?? false))
        {
            tenant = await TenantClient.AddFinalizerAsync(client, tenant, ct);
        }

        ProvisioningReport report;
        try
        {
            report = await provisioner.ProvisionAsync(RequestFor(tenant), ct);
        }
        catch (Exception e) when (e is AmazonServiceException or InvalidOperationException or HttpOperationException or AmazonClientException)
        {
            await events.WarningAsync(tenant, TenantReasons.Error, e.Message, ct);
            await statusWriter.WriteAsync(tenant, s => Fail(s, tenant, TenantReasons.Error, e.Message), ct);
            throw;
        }

        if (report.Claim is { Owned: false } claim)
        {
            return await ReportConflictAsync(tenant, claim, ct);
        }
        if (report.Claim?.Previous is { } previous)
        {
            await events.WarningAsync(tenant, TenantReasons.TakenOver, $"Tenant id {name} taken over from {previous}, with its tables and keys.", ct);
        }
        foreach (var change in report.Changes)
        {
            await events.NormalAsync(tenant, TenantReasons.Provisioned, $"{change.Resource}: {change.Action}", ct);
        }
        foreach (var warning in report.Warnings)
        {
            await events.WarningAsync(tenant, warning.Reason, warning.Message, ct);
        }
        // Warn once when a table goes missing, not on every look while it stays missing.
        if (report.MissingTables.Count > 0 && !TenantConditionSet.Has(tenant.Status, TenantConditionTypes.TablesReady, TenantReasons.TableMissing))
        {
            await events.WarningAsync(tenant, TenantReasons.TableMissing, MissingMessage(report), ct);
        }
        await statusWriter.WriteAsync(tenant, s => Describe(s, tenant, report), ct);
        LogReconciled(logger, ns, name, report.Ready, report.Changes.Count);

        return report.MissingTables.Count > 0 ? WhileMissing : report.Ready ? null : WhileChanging;
    }

    /// <summary>The owner's Ready condition is its own: this resource only says who is in its way, once as an event.</summary>
    private async Task<TimeSpan?> ReportConflictAsync(BudgetBuddyTenant tenant, TenantClaim claim, CancellationToken ct)
    {
        var message = claim.ConflictMessage(tenant.Metadata.Name);
        if (!TenantConditionSet.Has(tenant.Status, TenantConditionTypes.Ready, TenantReasons.TenantIdConflict))
        {
            await events.WarningAsync(tenant, TenantReasons.TenantIdConflict, message, ct);
        }
        await statusWriter.WriteAsync(tenant, s => Fail(s, tenant, TenantReasons.TenantIdConflict, message), ct);
        LogConflict(logger, tenant.Metadata.NamespaceProperty, tenant.Metadata.Name, claim.Owner.ToString());
        // Looked at again so a waiting resource takes the id soon after its owner is deleted.
        return WhileMissing;
    }

    private TenantOwner OwnerOf(BudgetBuddyTenant tenant) =>
        new(cluster.Name, tenant.Metadata.NamespaceProperty ?? "default", tenant.Metadata.Name, tenant.Metadata.Uid ?? "");

    private async Task<TimeSpan?> FinalizeAsync(BudgetBuddyTenant tenant, TenantProvisioner provisioner, CancellationToken ct)
    {
        if (!(tenant.Metadata.Finalizers?.Contains(TenantResource.Finalizer) ?? false))
        {
            return null;
        }
        var deleteTables = tenant.Spec.DeletionPolicy == DeletionPolicies.Delete;
        // The status write moves the resourceVersion; the finalizer patch below must name the new one.
        tenant = await statusWriter.WriteAsync(tenant, s =>
        {
            s.Phase = TenantPhases.Deleting;
            TenantConditionSet.Set(s, TenantConditionTypes.Ready, false, TenantReasons.Deleting, "The tenant is being deleted; the API no longer serves it.", tenant.Metadata.Generation, Now);
        }, ct) ?? tenant;
        try
        {
            // The registry item goes first, so the API stops serving the tenant before anything else disappears.
            // The spec as read now: setting deletionProtection false while the delete waits is what lets it finish.
            var report = await provisioner.DeprovisionAsync(tenant.Metadata.Name, deleteTables, ct, OwnerOf(tenant), keepDeletionProtection: tenant.Spec.Storage.DeletionProtection);
            if (report.Claim is { Owned: false } claim)
            {
                // Never the owner's tables, keys or registry item: only this resource's finalizer goes.
                await events.NormalAsync(tenant, TenantReasons.Deleting, $"Tenant id {tenant.Metadata.Name} is owned by {claim.Owner}: nothing of it was deleted.", ct);
                await TenantClient.RemoveFinalizerAsync(client, tenant, ct);
                return null;
            }
            foreach (var change in report.Changes)
            {
                await events.NormalAsync(tenant, TenantReasons.Deleting, $"{change.Resource}: {change.Action}", ct);
            }
            if (report.WaitingFor.Count > 0)
            {
                return WhileChanging;
            }
        }
        catch (InvalidOperationException e)
        {
            await events.WarningAsync(tenant, TenantReasons.Error, e.Message, ct);
            return WhileMissing;
        }
        if (!deleteTables)
        {
            await events.NormalAsync(tenant, TenantReasons.Deleting, $"deletionPolicy Retain: tables {tables.Ledger(tenant.Metadata.Name)} and {tables.Audit(tenant.Metadata.Name)} are kept.", ct);
        }
        await TenantClient.RemoveFinalizerAsync(client, tenant, ct);
        return null;
    }

    private TenantRequest RequestFor(BudgetBuddyTenant tenant)
    {
        var spec = tenant.Spec;
        // A table that existed and is gone was deleted out of band; under Retain, recreating it empty would hide the loss.
        var createdBefore = tenant.Status?.LedgerTable is not null;
        return new TenantRequest(
            tenant.Metadata.Name,
            spec.DisplayName,
            new TenantPlan(spec.Plan.RequestsPerMinute, spec.Plan.Burst),
            spec.Suspended,
            new TableSettings
            {
                BillingMode = spec.Storage.BillingMode,
                ReadCapacity = spec.Storage.ReadCapacity,
                WriteCapacity = spec.Storage.WriteCapacity,
                DeletionProtection = spec.Storage.DeletionProtection,
                TableClass = spec.Storage.TableClass,
                PointInTimeRecovery = spec.Storage.PointInTimeRecovery,
                Tags = spec.Tags ?? new Dictionary<string, string>(),
            },
            CreateMissingTables: !createdBefore || spec.DeletionPolicy == DeletionPolicies.Delete,
            SigningKeyRotationDays: spec.SigningKey.RotationDays,
            DataKeyRotationDays: spec.Encryption.DataKeyRotationDays,
            Retention: spec.Retention.ToPolicy(),
            Owner: OwnerOf(tenant),
            AdoptUid: tenant.Metadata.Annotations is { } annotations && annotations.TryGetValue(TenantAnnotations.Adopt, out var adopt) ? adopt : null);
    }

    private void Describe(BudgetBuddyTenantStatus status, BudgetBuddyTenant tenant, ProvisioningReport report)
    {
        var generation = tenant.Metadata.Generation;
        var name = tenant.Metadata.Name;
        var tablesReady = report.Ready || report.SigningKeyId is not null;
        if (report.MissingTables.Count > 0)
        {
            TenantConditionSet.Set(status, TenantConditionTypes.TablesReady, false, TenantReasons.TableMissing, MissingMessage(report), generation, Now);
        }
        else if (!tablesReady)
        {
            TenantConditionSet.Set(status, TenantConditionTypes.TablesReady, false, TenantReasons.TableCreating, string.Join("; ", report.WaitingFor), generation, Now);
        }
        else
        {
            TenantConditionSet.Set(status, TenantConditionTypes.TablesReady, true, TenantReasons.Provisioned, "Ledger and audit tables are ACTIVE and match the spec.", generation, Now);
            status.LedgerTable = report.LedgerTable ?? tables.Ledger(name);
            status.AuditTable = report.AuditTable ?? tables.Audit(name);
        }

        var secretReady = report.SigningKeyId is not null;
        TenantConditionSet.Set(status, TenantConditionTypes.SecretReady, secretReady, secretReady ? TenantReasons.Provisioned : TenantReasons.Reconciling,
            secretReady ? $"Secret {TenantSecretLayout.SecretName(name)} holds signing key {report.SigningKeyId}." : "Waiting for the tables first.", generation, Now);
        if (secretReady)
        {
            status.SecretName = TenantSecretLayout.SecretName(name);
            status.ActiveKeyId = report.SigningKeyId;
        }

        var registered = report.Ready;
        TenantConditionSet.Set(status, TenantConditionTypes.Registered, registered, registered ? (tenant.Spec.Suspended ? TenantReasons.Suspended : TenantReasons.Provisioned) : TenantReasons.Reconciling,
            registered ? $"Registered as {(tenant.Spec.Suspended ? "Suspended" : "Active")}." : "Waiting for tables and Secret.", generation, Now);

        var pitr = report.Capabilities.GetValueOrDefault(TableCapabilities.PointInTimeRecovery);
        var (pitrOn, pitrReason, pitrMessage) = pitr switch
        {
            { Status: CapabilityStatus.Unsupported } => (false, TenantReasons.Unsupported, $"The DynamoDB endpoint does not support point-in-time recovery: {pitr.Message}"),
            _ when !tenant.Spec.Storage.PointInTimeRecovery => (false, TenantReasons.Disabled, "Disabled by spec.storage.pointInTimeRecovery."),
            { Status: CapabilityStatus.Applied } => (true, TenantReasons.Enabled, "Point-in-time recovery is on for both tables."),
            _ => (false, TenantReasons.Reconciling, "Not checked yet."),
        };
        TenantConditionSet.Set(status, TenantConditionTypes.PointInTimeRecovery, pitrOn, pitrReason, pitrMessage, generation, Now);

        // An unsupported capability is reported, never a reason to withhold Ready.
        var ready = report.Ready;
        TenantConditionSet.Set(status, TenantConditionTypes.Ready, ready,
            ready ? (tenant.Spec.Suspended ? TenantReasons.Suspended : TenantReasons.Provisioned) : report.MissingTables.Count > 0 ? TenantReasons.TableMissing : TenantReasons.Reconciling,
            ready ? (tenant.Spec.Suspended ? "Provisioned and suspended: the API answers 403." : "Provisioned; the API serves this tenant.") : string.Join("; ", report.WaitingFor),
            generation, Now);
        status.Phase = ready ? (tenant.Spec.Suspended ? TenantPhases.Suspended : TenantPhases.Ready) : report.MissingTables.Count > 0 ? TenantPhases.Failed : TenantPhases.Provisioning;
        status.ObservedGeneration = generation;
    }

    private void Fail(BudgetBuddyTenantStatus status, BudgetBuddyTenant tenant, string reason, string message)
    {
        status.Phase = TenantPhases.Failed;
        TenantConditionSet.Set(status, TenantConditionTypes.Ready, false, reason, message, tenant.Metadata.Generation, Now);
        status.ObservedGeneration = tenant.Metadata.Generation;
    }

    private static string MissingMessage(ProvisioningReport report) =>
        $"{string.Join(", ", report.MissingTables)} was deleted outside BudgetBuddy. deletionPolicy Retain keeps the operator from recreating it empty: restore it from a backup, or set deletionPolicy Delete to accept an empty table.";

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {Namespace}/{Name}: its tenant id is owned by {Owner}; nothing changed")]
    private static partial void LogConflict(ILogger logger, string? @namespace, string name, string owner);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled tenant {Namespace}/{Name}: ready {Ready}, {Changes} changes")]
    private static partial void LogReconciled(ILogger logger, string @namespace, string name, bool ready, int changes);
}
