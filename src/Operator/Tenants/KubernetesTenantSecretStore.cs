using System.Net;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.Operator.Runtime;
using BudgetBuddy.TenantContracts;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace BudgetBuddy.Operator.Tenants;

/// <summary>
/// The tenant's Secret <c>&lt;tenant&gt;-budgetbuddy</c> in the resource's namespace, owned by the resource so that
/// Kubernetes removes it with the tenant. The operator watches these Secrets (<see cref="Selector"/>): a change
/// queues the owning tenant (<see cref="OwnerKeyOf"/>), whose reconcile restores a deleted or edited Secret from the
/// sealed copy of its keys.
/// </summary>
internal sealed class KubernetesTenantSecretStore(IKubernetes client, BudgetBuddyTenant owner) : ITenantSecretStore
{
    private const string ManagedByLabel = "app.kubernetes.io/managed-by";
    private const string ManagedBy = "budgetbuddy-operator";
    private const string TenantLabel = "budgetbuddy.io/tenant";

    /// <summary>The label selector of the Secrets this store writes.</summary>
    public const string Selector = $"{ManagedByLabel}={ManagedBy},{TenantLabel}";

    /// <summary>
    /// The work-queue key of the tenant that owns <paramref name="secret"/>: its controlling owner reference, or, if
    /// someone stripped that, its tenant label (a tenant's resource is named for its id).
    /// </summary>
    public static string? OwnerKeyOf(V1Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var ns = secret.Metadata?.NamespaceProperty;
        var owner = secret.Metadata?.OwnerReferences?.FirstOrDefault(o =>
            o.Controller == true && o.Kind == TenantResource.Kind && o.ApiVersion == TenantResource.ApiVersion);
        if (owner is { Name: { Length: > 0 } name })
        {
            return ResourceKey.For(ns, name);
        }
        return secret.Metadata?.Labels?.TryGetValue(TenantLabel, out var tenant) == true && TenantId.IsValid(tenant)
            ? ResourceKey.For(ns, tenant)
            : null;
    }
    private string Namespace => owner.Metadata.NamespaceProperty;

    public async Task<IReadOnlyDictionary<string, byte[]>?> ReadAsync(string tenantId, CancellationToken ct)
    {
        var secret = await FindAsync(TenantSecretLayout.SecretName(tenantId), ct);
        return secret?.Data is { } data ? new Dictionary<string, byte[]>(data, StringComparer.Ordinal) : null;
    }

    public async Task WriteAsync(string tenantId, IReadOnlyDictionary<string, byte[]> data, CancellationToken ct)
    {
        var name = TenantSecretLayout.SecretName(tenantId);
        var existing = await FindAsync(name, ct);
        var secret = existing ?? new V1Secret { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace } };
        secret.Type = "Opaque";
        secret.Data = new Dictionary<string, byte[]>(data, StringComparer.Ordinal);
        secret.Metadata.Labels ??= new Dictionary<string, string>();
        secret.Metadata.Labels["app.kubernetes.io/name"] = "budgetbuddy";
        secret.Metadata.Labels[ManagedByLabel] = ManagedBy;
        secret.Metadata.Labels[TenantLabel] = tenantId;
        secret.Metadata.OwnerReferences =
        [
            new V1OwnerReference
            {
                ApiVersion = TenantResource.ApiVersion,
                Kind = TenantResource.Kind,
                Name = owner.Metadata.Name,
                Uid = owner.Metadata.Uid,
                Controller = true,
                BlockOwnerDeletion = true,
            },
        ];
        if (existing is null)
        {
            await client.CoreV1.CreateNamespacedSecretAsync(secret, Namespace, cancellationToken: ct);
        }
        else
        {
            // Replace carries the resourceVersion we read: a concurrent writer makes this fail with 409, not lose data.
            await client.CoreV1.ReplaceNamespacedSecretAsync(secret, name, Namespace, cancellationToken: ct);
        }
    }

    private async Task<V1Secret?> FindAsync(string name, CancellationToken ct)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedSecretAsync(name, Namespace, cancellationToken: ct);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
