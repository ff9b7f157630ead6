using System.Text.Json.Nodes;
using BudgetBuddy.TestSupport.Json;

namespace BudgetBuddy.UnitTests.Deployment;

/// <summary>skaffold.yaml and eks/cluster.yaml, with the few questions the tests ask of them.</summary>
internal static class DeploymentFiles
{
    public static JsonNode Skaffold { get; } = RepositoryFiles.Yaml("skaffold.yaml");

    public static JsonNode Cluster { get; } = RepositoryFiles.Yaml("eks/cluster.yaml");

    public static IReadOnlyList<string> ProfileNames => Skaffold["profiles"]!.AsArray().Select(p => (string)p!["name"]!).ToList();

    /// <summary>skaffold.yaml as skaffold sees it with <paramref name="profile"/> active (null: no profile).</summary>
    public static JsonNode SkaffoldWith(string? profile)
    {
        var config = Skaffold.DeepClone().AsObject();
        config.Remove("profiles");
        if (profile is null)
        {
            return config;
        }
        var chosen = Skaffold["profiles"]!.AsArray().Single(p => (string)p!["name"]! == profile)!;
        return chosen["patches"] is JsonArray patches ? JsonPatch.Apply(config, patches)! : config;
    }

    /// <summary>The one helm release (the chart) of the config.</summary>
    public static JsonObject Release(JsonNode config) => Assert.Single(config["deploy"]!["helm"]!["releases"]!.AsArray())!.AsObject();

    public static string ReleaseName => (string)Release(Skaffold)["name"]!;

    public static string ReleaseNamespace => (string)Release(Skaffold)["namespace"]!;

    public static string Region => (string)Cluster["metadata"]!["region"]!;

    public static IReadOnlyList<string> AvailabilityZones => Strings(Cluster["availabilityZones"]);

    public static IEnumerable<JsonObject> ServiceAccounts => Cluster["iam"]!["serviceAccounts"]!.AsArray().Select(s => s!.AsObject());

    public static JsonObject? ServiceAccount(string name, string @namespace) =>
        ServiceAccounts.SingleOrDefault(s => (string?)s["metadata"]!["name"] == name && (string?)s["metadata"]!["namespace"] == @namespace);

    public static IReadOnlyList<string> Strings(JsonNode? list) => list?.AsArray().Select(n => (string)n!).ToList() ?? [];
}
