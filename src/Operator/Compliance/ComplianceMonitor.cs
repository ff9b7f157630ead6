using Amazon.DynamoDBv2;
using BudgetBuddy.Operator.Reconciliation;
using BudgetBuddy.Operator.Runtime.LeaderElection;
using BudgetBuddy.Operator.Runtime.Watcher;
using BudgetBuddy.Operator.Tenants;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Audit;
using BudgetBuddy.TenantContracts.Compliance;

namespace BudgetBuddy.Operator.Compliance;

/// <summary>
/// Continuous compliance: every <paramref name="interval"/>, the leading replica checks each Ready tenant's controls
/// (the same checks as <c>compliance-report</c>) and exports them as <see cref="ComplianceMetrics"/>, which an alert
/// watches. Only reads: a standby or fenced replica would check the same tables, so only the leader does.
/// </summary>
internal sealed partial class ComplianceMonitor(
    IAmazonDynamoDB dynamo,
    TenantTables tables,
    IResourceCache<BudgetBuddyTenant> tenants,
    ILeaderElection leader,
    ComplianceMetrics metrics,
    TimeSpan interval,
    bool emulated,
    TimeProvider time,
    ILogger<ComplianceMonitor> logger) : BackgroundService
{
    private readonly Dictionary<string, IReadOnlyList<string>> reported = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var checker = new ComplianceChecker(dynamo, new AuditChainVerifier(dynamo, time), time, emulated);
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            await tenants.WaitForSyncAsync(stoppingToken);
            do
            {
                if (leader.IsLeader)
                {
                    await CheckAllAsync(checker, stoppingToken);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task CheckAllAsync(ComplianceChecker checker, CancellationToken ct)
    {
        var ready = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in tenants.Keys)
        {
            if (tenants.TryGet(key, out var tenant) && TenantConditionSet.IsTrue(tenant.Status, TenantConditionTypes.Ready)
                && tenant.Metadata.Name is { } id && TenantId.IsValid(id))
            {
                ready.Add(id);
                await CheckAsync(checker, id, ct);
            }
        }
        foreach (var gone in reported.Keys.Where(id => !ready.Contains(id)).ToList())
        {
            metrics.Forget(gone, reported[gone]);
            reported.Remove(gone);
        }
    }

    private async Task CheckAsync(ComplianceChecker checker, string tenantId, CancellationToken ct)
    {
        try
        {
            if (await TenantRecordItem.ReadAsync(dynamo, tables.Registry, tenantId, ct) is not { } record)
            {
                return;
            }
            var report = await checker.RunAsync(record, new CompliancePolicy(), [], ct);
            metrics.Record(report);
            reported[tenantId] = [.. report.Controls.Select(c => c.Id)];
            foreach (var failed in report.Controls.Where(c => c.Status == ComplianceControl.Fail))
            {
                LogFailed(logger, tenantId, failed.Id);
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // One tenant's check failing (its tables unreachable, say) leaves its last figures and the others' checks.
            LogCheckFailed(logger, tenantId, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Compliance control {Control} of tenant {Tenant} failed")]
    private static partial void LogFailed(ILogger logger, string tenant, string control);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking the compliance controls of tenant {Tenant} failed")]
    private static partial void LogCheckFailed(ILogger logger, string tenant, Exception exception);
}
