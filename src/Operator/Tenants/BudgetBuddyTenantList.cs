using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace BudgetBuddy.Operator.Tenants;

/// <summary>The list form the API server returns for BudgetBuddyTenants.</summary>
public sealed class BudgetBuddyTenantList : IKubernetesObject<V1ListMeta>, IItems<BudgetBuddyTenant>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = TenantResource.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = TenantResource.ListKind;

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<BudgetBuddyTenant> Items { get; set; } = [];
}
