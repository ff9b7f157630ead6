using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using BudgetBuddy.TestSupport.FakeKubernetes;
using k8s;
using k8s.Models;

namespace BudgetBuddy.IntegrationTests.OperatorRuntime;

/// <summary>A custom resource of the tests' own, so the runtime is tested apart from any real controller.</summary>
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
    public static void Put(FakeKubernetesApi api, string name, int size, string ns = Namespace) =>
        api.Put(Resource, new JsonObject
        {
            ["apiVersion"] = Resource.ApiVersion,
            ["kind"] = Resource.Kind,
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = new JsonObject { ["size"] = size },
        });
}

/// <summary>The spec of <see cref="Gadget"/>.</summary>
public sealed class GadgetSpec
{
    [JsonPropertyName("size")]
    public int Size { get; set; }
}
