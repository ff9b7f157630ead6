using System.Net;
using BudgetBuddy.Operator.Tenants;
using k8s;
using k8s.Autorest;

namespace BudgetBuddy.Operator.Reconciliation;

/// <summary>
/// Writes a tenant's status through the status subresource. The write carries the resourceVersion it read; when
/// someone else wrote in between (409), it reads the resource again, re-applies the same status change, and retries.
/// A status that did not change is not written at all, so a steady tenant costs no API writes and wakes no watcher.
/// </summary>
internal sealed class TenantStatusWriter(IKubernetes client)
{
    private const int MaxAttempts = 5;

    public async Task<BudgetBuddyTenant?> WriteAsync(BudgetBuddyTenant tenant, Action<BudgetBuddyTenantStatus> change, CancellationToken ct)
    {
        var current = tenant;
        for (var attempt = 1; ; attempt++)
        {
            var before = current.Status is null ? "" : KubernetesJson.Serialize(current.Status);
            current.Status ??= new BudgetBuddyTenantStatus();
            change(current.Status);
            // An unchanged status is not written: every write is a watch event, and an event is another reconcile.
            if (KubernetesJson.Serialize(current.Status) == before)
            {
                return current;
            }
            try
            {
                return await TenantClient.ReplaceStatusAsync(client, current, ct);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < MaxAttempts)
            {
                // Read as the reconciler reads: a spec that breaks the rules still leaves a status to write.
                current = (await TenantReader.GetAsync(client, tenant.Metadata.NamespaceProperty, tenant.Metadata.Name, ct))?.Tenant;
                if (current is null)
                {
                    return null;
                }
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                // Deleted meanwhile (its finalizer is gone): there is no status left to write.
                return null;
            }
        }
    }
}
