using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using BudgetBuddy.Operator.Tenants;
using BudgetBuddy.Operator.Tenants.Validation;
using k8s;
using k8s.Autorest;

namespace BudgetBuddy.Operator.Reconciliation;

/// <summary>
/// Reads a tenant and checks its spec against the CRD's rules before anything is typed. The API server would have
/// refused a bad spec had the CRD's schema been there, but the operator cannot count on that; and a spec the types
/// cannot hold (a string where a number belongs) would otherwise fail deserialisation, leaving the tenant unread and
/// untold. Metadata and status still read, so the tenant can be told what is wrong.
/// </summary>
internal static class TenantReader
{
    public static async Task<TenantRead?> GetAsync(IKubernetes client, string ns, string name, CancellationToken ct)
    {
        object raw;
        try
        {
            raw = await client.CustomObjects.GetNamespacedCustomObjectAsync(
                TenantResource.Group, TenantResource.Version, ns, TenantResource.Plural, name, ct);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        return Read(raw is JsonElement json ? json : JsonSerializer.SerializeToElement(raw));
    }

    public static TenantRead Read(JsonElement json)
    {
        var violations = SpecValidator.ValidateTenantSpec(json.TryGetProperty("spec", out var spec) ? spec : null);
        if (violations.Count == 0)
        {
            return new(KubernetesJson.Deserialize<BudgetBuddyTenant>(json.GetRawText()), []);
        }
        var shell = JsonNode.Parse(json.GetRawText())!.AsObject();
        shell.Remove("spec");
        var unreadable = !Deserialises(json);
        try
        {
            return new(KubernetesJson.Deserialize<BudgetBuddyTenant>(shell.ToJsonString()), violations, unreadable);
        }
        catch (JsonException)
        {
            // A status no operator wrote: it is rewritten from scratch.
            shell.Remove("status");
            return new(KubernetesJson.Deserialize<BudgetBuddyTenant>(shell.ToJsonString()), violations, unreadable);
        }
    }

    private static bool Deserialises(JsonElement json)
    {
        try
        {
            return KubernetesJson.Deserialize<BudgetBuddyTenant>(json.GetRawText()).Spec is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
