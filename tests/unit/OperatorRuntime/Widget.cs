using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using BudgetBuddy.TestSupport.FakeKubernetes;
using k8s;
using k8s.Models;

namespace BudgetBuddy.UnitTests.OperatorRuntime;

/// <summary>A custom resource of the tests' own, so the runtime is tested apart from any real controller.</summary>
public sealed class Widget : IKubernetesObject<V1ObjectMeta>
{
    public static readonly ApiResource Resource = new("test.io", "v1", "widgets", "Widget", TracksGeneration: true, IsCustomResource: true);

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = Resource.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = Resource.Kind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public WidgetSpec Spec { get; set; } = new();

    /// <summary>Stores a widget directly in the fake server, as another client writing it would.</summary>
    /// <param name="size">Its spec.size: a number, or anything else for a widget that cannot be read.</param>
    public static void Put(FakeKubernetesApi api, string name, JsonNode size, string ns = "ns") =>
        api.Put(Resource, new JsonObject
        {
            ["apiVersion"] = Resource.ApiVersion,
            ["kind"] = Resource.Kind,
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = new JsonObject { ["size"] = size },
        });

    /// <inheritdoc cref="Put(FakeKubernetesApi, string, JsonNode, string)"/>
    public static void Put(FakeKubernetesApi api, string name, int size = 1, string ns = "ns") => Put(api, name, JsonValue.Create(size), ns);
}

/// <summary>The spec of <see cref="Widget"/>.</summary>
public sealed class WidgetSpec
{
    [JsonPropertyName("size")]
    public int Size { get; set; }
}
