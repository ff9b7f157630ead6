using System.Collections.Concurrent;
using BudgetBuddy.Api.Auth;
using Microsoft.Extensions.Options;
using Prometheus;

namespace BudgetBuddy.Api.BreachDetection;

/// <summary>
/// Counts security signals by tenant and signal (<c>budgetbuddy_security_signals_total</c>), the alerts' input. Per
/// caller patterns (many 404s, disclosures, exports) are counted in fixed windows in this pod's memory, keyed by
/// tenant and user but exported only by tenant: a burst raises its signal once per window.
/// </summary>
internal sealed class SecuritySignals(IOptions<BreachDetectionOptions> options, TimeProvider time)
{
    // The process's registry hands every instance the same counter.
    private readonly Counter counter = Metrics.CreateCounter(
        "budgetbuddy_security_signals_total",
        "Security signals: patterns of an attack or a breach, by tenant and signal.",
        new CounterConfiguration { LabelNames = ["tenant", "signal"] });

    private const int SweepEvery = 4096;

    private readonly ConcurrentDictionary<(string Tenant, string User, string Signal), Window> windows = new();
    private int counted;

    public void Raise(string tenant, string signal) => counter.WithLabels(tenant, signal).Inc();

    /// <summary>Counts <paramref name="events"/> of the caller toward <paramref name="signal"/>, raising it when they reach <paramref name="threshold"/> within a window.</summary>
    public void Count(Caller caller, string signal, int threshold, int events = 1)
    {
        var now = time.GetUtcNow();
        var length = options.Value.Window;
        var window = windows.AddOrUpdate(
            (caller.TenantId, caller.UserId, signal),
            _ => new Window(now, events),
            (_, old) => now - old.Start >= length ? new Window(now, events) : old with { Events = old.Events + events });
        if (window.Events >= threshold && window.Events - events < threshold)
        {
            Raise(caller.TenantId, signal);
        }
        if (Interlocked.Increment(ref counted) % SweepEvery == 0)
        {
            foreach (var (key, stale) in windows)
            {
                if (now - stale.Start >= length)
                {
                    windows.TryRemove(new KeyValuePair<(string, string, string), Window>(key, stale));
                }
            }
        }
    }

    private sealed record Window(DateTimeOffset Start, int Events);
}
