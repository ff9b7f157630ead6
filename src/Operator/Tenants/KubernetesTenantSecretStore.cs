using System.Net;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.TenantContracts;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace BudgetBuddy.Operator.Tenants;

/// <summary>
/// The tenant's Secret <c>&lt;tenant&gt;-budgetbuddy</c> in the resource's namespace, owned by the resource so that
/// Kubernetes removes it with the tenant. A Secret deleted out of band is simply written again on the next pass.
/// </summary>
internal sealed class KubernetesTenantSecretStore(IKubernetes client, BudgetBuddyTenant owner) : ITenantSecretStore
{
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
        secret.Metadata.Labels["app.kubernetes.io/managed-by"] = "budgetbuddy-operator";
        secret.Metadata.Labels["budgetbuddy.io/tenant"] = tenantId;
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
