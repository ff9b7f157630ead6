using System.Collections.Concurrent;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Events;

/// <summary>
/// Wakes this pod's event worker when a commit here left an outbox entry, naming the shard, so the shard's holder, if
/// it is this pod, records and delivers the events at once instead of at its next poll. Only a hint: the poll finds
/// every entry anyway.
/// </summary>
internal sealed class EventSignal : IDisposable
{
    private readonly ConcurrentDictionary<(string Tenant, int Shard), TenantRecord> pending = new();
    private readonly SemaphoreSlim wake = new(0, 1);

    public void Committed(TenantRecord tenant, string userId)
    {
        pending[(tenant.TenantId, EventShards.Of(userId))] = tenant;
        Nudge();
    }

    /// <summary>Wakes the worker without a commit: a pass ended, and a shard signalled meanwhile can run now.</summary>
    public void Nudge()
    {
        if (wake.CurrentCount == 0)
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Woken already.
            }
            catch (ObjectDisposedException)
            {
                // A pass ended after the pod's services were disposed: nobody is left to wake.
            }
        }
    }

    /// <summary>Waits for a commit, a nudge or the timeout; returns the shards committed to since the last call.</summary>
    public async Task<IReadOnlyList<(TenantRecord Tenant, int Shard)>> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        try
        {
            await wake.WaitAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
        var woken = new List<(TenantRecord, int)>();
        foreach (var key in pending.Keys)
        {
            if (pending.TryRemove(key, out var tenant))
            {
                woken.Add((tenant, key.Shard));
            }
        }
        return woken;
    }

    public void Dispose() => wake.Dispose();
}
