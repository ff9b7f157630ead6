using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace BudgetBuddy.Operator.Tenants;

/// <summary>
/// A tenant of BudgetBuddy (a bank, a credit union, an employer). Its <c>metadata.name</c> is the tenant id. The
/// operator turns it into DynamoDB tables, a Secret with the tenant's signing key, and a registry item.
/// </summary>
public sealed class BudgetBuddyTenant : IKubernetesObject<V1ObjectMeta>, ISpec<TenantSpec>, IStatus<BudgetBuddyTenantStatus?>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = TenantResource.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = TenantResource.Kind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public TenantSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public BudgetBuddyTenantStatus? Status { get; set; }
}
