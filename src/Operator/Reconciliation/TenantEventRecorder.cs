using System.Net;
using BudgetBuddy.Operator.Runtime.Fencing;
using BudgetBuddy.Operator.Tenants;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.Operator.Reconciliation;

/// <summary>
/// Records Kubernetes Events on a tenant, so <c>kubectl describe bbt</c> tells what the operator did and why. Repeats
/// aggregate as client-go's recorder does: the same type, reason and message about the same object patches the Event
/// already written (<c>count</c> + 1, <c>lastTimestamp</c> now) instead of adding one per reconcile, which a
/// persistent error would otherwise turn into a flood. The Events written are remembered in a bounded cache, so after
/// a restart (or once forgotten) the next repeat starts a new Event, as client-go's does.
/// </summary>
internal sealed partial class TenantEventRecorder(IKubernetes client, TimeProvider time, ILogger<TenantEventRecorder> logger) : IDisposable
{
    public const string Component = "budgetbuddy-operator";

    /// <summary>As many Events as client-go's correlator remembers.</summary>
    private const int Remembered = 4096;

    private readonly MemoryCache written = new(new MemoryCacheOptions { SizeLimit = Remembered });

    public async Task NormalAsync(BudgetBuddyTenant tenant, string reason, string message, CancellationToken ct) =>
        await RecordAsync(tenant, "Normal", reason, message, ct);

    public async Task WarningAsync(BudgetBuddyTenant tenant, string reason, string message, CancellationToken ct) =>
        await RecordAsync(tenant, "Warning", reason, message, ct);

    public void Dispose() => written.Dispose();

    private async Task RecordAsync(BudgetBuddyTenant tenant, string type, string reason, string message, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var ns = tenant.Metadata.NamespaceProperty;
        message = message.Length > 1024 ? message[..1024] : message;
        var key = new EventKey(tenant.Metadata.Uid ?? $"{ns}/{tenant.Metadata.Name}", type, reason, message);
        try
        {
            if (written.TryGetValue(key, out WrittenEvent? seen) && seen is not null
                && await TryCountAgainAsync(seen, ns, now, ct) is { } counted)
            {
                Remember(key, counted);
                return;
            }
            var created = await client.CoreV1.CreateNamespacedEventAsync(NewEvent(tenant, type, reason, message, now), ns, cancellationToken: ct);
            Remember(key, new WrittenEvent(created.Metadata.Name, created.Count ?? 1));
        }
        catch (Exception e) when (e is not (OperationCanceledException or FencedWriteException))
        {
            // Events are a courtesy to humans; losing one must never fail a reconcile. A fenced one ends it: this
            // replica has lost the right to write anything more.
            LogEventLost(logger, reason, tenant.Metadata.Name, e.Message);
        }
    }

    /// <returns>The Event as now counted, or null when it is gone (expired or deleted) and a new one is needed.</returns>
    private async Task<WrittenEvent?> TryCountAgainAsync(WrittenEvent seen, string ns, DateTime now, CancellationToken ct)
    {
        var count = seen.Count + 1;
        var patch = new V1Patch(new { count, lastTimestamp = now }, V1Patch.PatchType.MergePatch);
        try
        {
            var patched = await client.CoreV1.PatchNamespacedEventAsync(patch, seen.Name, ns, cancellationToken: ct);
            return seen with { Count = patched.Count ?? count };
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private void Remember(EventKey key, WrittenEvent @event) =>
        written.Set(key, @event, new MemoryCacheEntryOptions { Size = 1 });

    private static Corev1Event NewEvent(BudgetBuddyTenant tenant, string type, string reason, string message, DateTime now)
    {
        var ns = tenant.Metadata.NamespaceProperty;
        return new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = $"{tenant.Metadata.Name}.{Guid.NewGuid():N}"[..Math.Min(63, tenant.Metadata.Name.Length + 33)], NamespaceProperty = ns },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = TenantResource.ApiVersion,
                Kind = TenantResource.Kind,
                Name = tenant.Metadata.Name,
                NamespaceProperty = ns,
                Uid = tenant.Metadata.Uid,
                ResourceVersion = tenant.Metadata.ResourceVersion,
            },
            Type = type,
            Reason = reason,
            Message = message,
            Source = new V1EventSource { Component = Component },
            ReportingComponent = Component,
            ReportingInstance = Environment.MachineName,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
    }

    /// <summary>What makes two Events the same one, as in client-go's aggregation (the object's uid, not its version).</summary>
    private readonly record struct EventKey(string ObjectUid, string Type, string Reason, string Message);

    private sealed record WrittenEvent(string Name, int Count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record event {Reason} for tenant {Tenant}: {Error}")]
    private static partial void LogEventLost(ILogger logger, string reason, string tenant, string error);
}
