using System.Net;
using System.Text.Json;
using BudgetBuddy.Operator.Tenants;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace BudgetBuddy.Operator.Reconciliation;

/// <summary>Typed access to BudgetBuddyTenant resources through the generic custom-objects API.</summary>
internal static class TenantClient
{
    public static async Task<BudgetBuddyTenant?> GetAsync(IKubernetes client, string ns, string name, CancellationToken ct)
    {
        try
        {
            var raw = await client.CustomObjects.GetNamespacedCustomObjectAsync(
                TenantResource.Group, TenantResource.Version, ns, TenantResource.Plural, name, ct);
            return Convert(raw);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public static async Task<BudgetBuddyTenant> AddFinalizerAsync(IKubernetes client, BudgetBuddyTenant tenant, CancellationToken ct) =>
        await SetFinalizersAsync(client, tenant, [.. tenant.Metadata.Finalizers ?? [], TenantResource.Finalizer], ct);

    public static async Task<BudgetBuddyTenant> RemoveFinalizerAsync(IKubernetes client, BudgetBuddyTenant tenant, CancellationToken ct) =>
        await SetFinalizersAsync(client, tenant, (tenant.Metadata.Finalizers ?? []).Where(f => f != TenantResource.Finalizer).ToList(), ct);

    public static async Task<BudgetBuddyTenant> ReplaceStatusAsync(IKubernetes client, BudgetBuddyTenant tenant, CancellationToken ct)
    {
        var raw = await client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(
            tenant, TenantResource.Group, TenantResource.Version, tenant.Metadata.NamespaceProperty, TenantResource.Plural, tenant.Metadata.Name, cancellationToken: ct);
        return Convert(raw);
    }

    // A merge patch that names the resourceVersion it read: a concurrent change makes it a 409, so no finalizer of
    // another controller is ever dropped by accident.
    private static async Task<BudgetBuddyTenant> SetFinalizersAsync(IKubernetes client, BudgetBuddyTenant tenant, IList<string> finalizers, CancellationToken ct)
    {
        var patch = new V1Patch(
            new { metadata = new { finalizers, resourceVersion = tenant.Metadata.ResourceVersion } },
            V1Patch.PatchType.MergePatch);
        var raw = await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            patch, TenantResource.Group, TenantResource.Version, tenant.Metadata.NamespaceProperty, TenantResource.Plural, tenant.Metadata.Name, cancellationToken: ct);
        return Convert(raw);
    }

    private static BudgetBuddyTenant Convert(object raw) => raw switch
    {
        JsonElement json => KubernetesJson.Deserialize<BudgetBuddyTenant>(json.GetRawText()),
        _ => KubernetesJson.Deserialize<BudgetBuddyTenant>(KubernetesJson.Serialize(raw)),
    };
}
