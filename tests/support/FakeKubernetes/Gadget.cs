using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace BudgetBuddy.TestSupport.FakeKubernetes;

/// <summary>
/// A custom resource of the tests' own, so the operator's runtime (watcher, queue, controller host) is tested apart from
/// any real controller.
/// </summary>
public sealed class Gadget : IKubernetesObject<V1ObjectMeta>
{
    public const string Namespace = "gadgets";

    public static readonly ApiResource Resource = new("test.budgetbuddy.io", "v1", "gadgets", "Gadget", TracksGeneration: true, IsCustomResource: true);

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = Resource.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = Resource.Kind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public GadgetSpec Spec { get; set; } = new();

    /// <summary>Stores a gadget directly in the fake server, as another client writing it would.</summary>
    /// <param name="size">Its spec.size: a number, or anything else for a gadget that cannot be read.</param>
    public static void Put(FakeKubernetesApi api, string name, JsonNode size, string ns = Namespace)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.Put(Resource, new JsonObject
        {
            ["apiVersion"] = Resource.ApiVersion,
            ["kind"] = Resource.Kind,
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = new JsonObject { ["size"] = size },
        });
    }

    /// <inheritdoc cref="Put(FakeKubernetesApi, string, JsonNode, string)"/>
    public static void Put(FakeKubernetesApi api, string name, int size = 1, string ns = Namespace) => Put(api, name, JsonValue.Create(size), ns);
}

/// <summary>The spec of <see cref="Gadget"/>.</summary>
public sealed class GadgetSpec
{
    [JsonPropertyName("size")]
    public int Size { get; set; }
}
