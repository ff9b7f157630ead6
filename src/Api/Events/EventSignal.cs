using System.Collections.Concurrent;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Events;

/// <summary>
/// Wakes this pod's event worker when a commit here left an outbox entry, so the shard's holder, if it is this pod,
/// records the events at once instead of at its next poll. Only a hint: the poll finds every entry anyway.
/// </summary>
internal sealed class EventSignal : IDisposable
{
    private readonly ConcurrentDictionary<string, TenantRecord> tenants = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim wake = new(0, 1);

    public void Committed(TenantRecord tenant)
    {
        tenants[tenant.TenantId] = tenant;
        if (wake.CurrentCount == 0)
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another commit woke it first.
            }
        }
    }

    /// <summary>Waits for a commit or the timeout; returns the tenants that committed since the last call.</summary>
    public async Task<IReadOnlyList<TenantRecord>> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
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
        var woken = tenants.Values.ToList();
        foreach (var t in woken)
        {
            tenants.TryRemove(new KeyValuePair<string, TenantRecord>(t.TenantId, t));
        }
        return woken;
    }

    public void Dispose() => wake.Dispose();
}
