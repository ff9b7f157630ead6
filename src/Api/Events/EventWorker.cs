using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Tenancy;
using BudgetBuddy.TenantContracts;
using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.Events;

/// <summary>
/// Each pod's loop over the tenants' event shards: take the lease of every shard nobody holds (or whose holder's lease
/// ran out), renew the ones it holds, record their pending commits as events and hand the events to delivery. A shard
/// has one holder at a time, so in steady state no two pods record or deliver the same events; a pod that dies
/// leaves its shards to the others after <see cref="EventsOptions.LeaseDuration"/>, and one that stops gives them up.
/// </summary>
internal sealed partial class EventWorker(
    IAmazonDynamoDB dynamo,
    TenantRegistry registry,
    EventSignal signal,
    EventProjector projector,
    EventMetrics metrics,
    IEnumerable<IShardDelivery> deliveries,
    IOptions<EventsOptions> options,
    TimeProvider time,
    ILogger<EventWorker> logger) : BackgroundService
{
    private readonly string owner = $"{Environment.MachineName}/{Guid.NewGuid():N}";
    private readonly Dictionary<string, TenantRecord> tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Tenant, int Shard), ShardLease> held = [];

    // When to try again a shard another pod holds, or one whose last pass failed.
    private readonly ConcurrentDictionary<(string Tenant, int Shard), DateTimeOffset> notBefore = [];

    // Each shard's pass runs on its own, so a slow webhook receiver in one shard holds up no other.
    private readonly Dictionary<(string Tenant, int Shard), Task> running = [];
    private DateTimeOffset nextRefresh = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Shards due a pass: every shard at each poll, and between polls the ones this pod's commits signalled.
            var due = new Dictionary<(string Tenant, int Shard), TenantRecord>();
            var nextPoll = DateTimeOffset.MinValue;
            while (!stoppingToken.IsCancellationRequested)
            {
                await RefreshTenantsAsync(stoppingToken);
                if (time.GetUtcNow() >= nextPoll)
                {
                    nextPoll = time.GetUtcNow() + options.Value.PollInterval;
                    foreach (var tenant in tenants.Values)
                    {
                        foreach (var shard in EventShards.All)
                        {
                            due[(tenant.TenantId, shard)] = tenant;
                        }
                    }
                }
                foreach (var (key, tenant) in due.ToList())
                {
                    // A shard whose pass is still running stays due, and runs again when that pass ends.
                    if (!running.TryGetValue(key, out var pass) || pass.IsCompleted)
                    {
                        running[key] = PassAsync(tenant, key.Shard, stoppingToken);
                        due.Remove(key);
                    }
                }
                var wait = nextPoll - time.GetUtcNow();
                foreach (var (tenant, shard) in await signal.WaitAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, stoppingToken))
                {
                    tenants[tenant.TenantId] = tenant;
                    due[(tenant.TenantId, shard)] = tenant;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Passes end at their next step once stopping; each catches its own failures but the stop.
            try
            {
                await Task.WhenAll(running.Values);
            }
            catch (Exception)
            {
                // Each pass logged its own failure; the leases are given up below whatever happened.
            }
            // Give the shards up at once, so another pod goes on without waiting for the leases to run out.
            using var release = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await Task.WhenAll(held.Values.Select(l => ReleaseAsync(l, release.Token)));
        }
    }

    private async Task RefreshTenantsAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (now < nextRefresh)
        {
            return;
        }
        nextRefresh = now + options.Value.TenantRefresh;
        try
        {
            foreach (var tenant in await registry.ActiveAsync(ct))
            {
                tenants[tenant.TenantId] = tenant;
            }
        }
        catch (ResourceNotFoundException)
        {
            // No registry yet: no tenant provisioned.
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // An outage: the loop goes on with the tenants it knows.
            LogRefreshFailed(logger, e);
        }
    }

    private Task PassAsync(TenantRecord tenant, int shard, CancellationToken ct)
    {
        var pass = ProjectAndDeliverAsync(tenant, shard, ct);
        // Once the pass is over (not from inside it, where the loop would still see it running), wake the loop: it
        // may hold the shard due since.
        _ = pass.ContinueWith(_ => signal.Nudge(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return pass;
    }

    private async Task ProjectAndDeliverAsync(TenantRecord tenant, int shard, CancellationToken ct)
    {
        // Off the loop's own thread at once, so starting a pass never waits for its first storage call.
        await Task.Yield();
        var key = (tenant.TenantId, shard);
        var now = time.GetUtcNow();
        if (notBefore.TryGetValue(key, out var wait) && now < wait)
        {
            return;
        }
        try
        {
            var lease = held.GetValueOrDefault(key);
            if (lease is null || lease.Until - now < RenewBelow)
            {
                if (lease is not null && lease.Until <= now)
                {
                    // It ran out (this pod stalled): another pod may have held the shard meanwhile.
                    Released(tenant.TenantId, shard);
                }
                lease = await ShardLease.TryTakeAsync(dynamo, tenant, shard, owner, now, options.Value.LeaseDuration, ct);
                if (lease is null)
                {
                    held.TryRemove(key, out _);
                    Released(tenant.TenantId, shard);
                    // Held elsewhere: look again when that lease could have run out.
                    notBefore[key] = now + options.Value.LeaseDuration / 2;
                    return;
                }
                held[key] = lease;
            }
            while (await projector.ProjectAsync(lease, ct) > 0 && lease.Until - time.GetUtcNow() > RenewBelow)
            {
            }
            foreach (var delivery in deliveries)
            {
                await delivery.DeliverAsync(lease, ct);
            }
            notBefore.TryRemove(key, out _);
        }
        catch (ShardLeaseLostException e)
        {
            held.TryRemove(key, out _);
            Released(tenant.TenantId, shard);
            LogLeaseLost(logger, tenant.TenantId, shard, e);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // A storage outage or a bad item costs this shard a pause, never the loop (and with it the pod).
            notBefore[key] = time.GetUtcNow() + options.Value.PollInterval * 5;
            LogPassFailed(logger, tenant.TenantId, shard, e);
        }
    }

    /// <summary>
    /// Renewed below half its duration, or sooner if delivery needs more to start a send, so a pass always has lease
    /// to work with; within the lease, since that is at least three poll intervals.
    /// </summary>
    private TimeSpan RenewBelow
    {
        get
        {
            var half = options.Value.LeaseDuration / 2;
            var needed = deliveries.Select(d => d.LeaseNeeded + options.Value.PollInterval).DefaultIfEmpty(TimeSpan.Zero).Max();
            return needed > half ? needed : half;
        }
    }

    private void Released(string tenantId, int shard)
    {
        metrics.Forget(tenantId, shard);
        foreach (var delivery in deliveries)
        {
            delivery.Released(tenantId, shard);
        }
    }

    private async Task ReleaseAsync(ShardLease lease, CancellationToken ct)
    {
        try
        {
            await lease.ReleaseAsync(dynamo, ct);
            Released(lease.Tenant.TenantId, lease.Shard);
        }
        catch (Exception e)
        {
            LogReleaseFailed(logger, lease.Tenant.TenantId, lease.Shard, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the tenant list for events failed; going on with the tenants known")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the lease of event shard {Shard} of tenant {TenantId} to another pod")]
    private static partial void LogLeaseLost(ILogger logger, string tenantId, int shard, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event pass over shard {Shard} of tenant {TenantId} failed; trying again shortly")]
    private static partial void LogPassFailed(ILogger logger, string tenantId, int shard, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Giving up the lease of event shard {Shard} of tenant {TenantId} failed; it runs out by itself")]
    private static partial void LogReleaseFailed(ILogger logger, string tenantId, int shard, Exception exception);
}
