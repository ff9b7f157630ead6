using BudgetBuddy.Operator.Runtime.Fencing;
using BudgetBuddy.Operator.Tenants;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.Operator.Reconciliation;

/// <summary>Records Kubernetes Events on a tenant, so <c>kubectl describe bbt</c> tells what the operator did and why.</summary>
internal sealed partial class TenantEventRecorder(IKubernetes client, TimeProvider time, ILogger<TenantEventRecorder> logger)
{
    public const string Component = "budgetbuddy-operator";

    public async Task NormalAsync(BudgetBuddyTenant tenant, string reason, string message, CancellationToken ct) =>
        await RecordAsync(tenant, "Normal", reason, message, ct);

    public async Task WarningAsync(BudgetBuddyTenant tenant, string reason, string message, CancellationToken ct) =>
        await RecordAsync(tenant, "Warning", reason, message, ct);

    private async Task RecordAsync(BudgetBuddyTenant tenant, string type, string reason, string message, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var ns = tenant.Metadata.NamespaceProperty;
        var @event = new Corev1Event
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
            Message = message.Length > 1024 ? message[..1024] : message,
            Source = new V1EventSource { Component = Component },
            ReportingComponent = Component,
            ReportingInstance = Environment.MachineName,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        try
        {
            await client.CoreV1.CreateNamespacedEventAsync(@event, ns, cancellationToken: ct);
        }
        catch (Exception e) when (e is not (OperationCanceledException or FencedWriteException))
        {
            // Events are a courtesy to humans; losing one must never fail a reconcile. A fenced one ends it: this
            // replica has lost the right to write anything more.
            LogEventLost(logger, reason, tenant.Metadata.Name, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record event {Reason} for tenant {Tenant}: {Error}")]
    private static partial void LogEventLost(ILogger logger, string reason, string tenant, string error);
}
