using System.Text.Json.Nodes;

namespace BudgetBuddy.ChartTests.Rendering;

/// <summary>One rendered Kubernetes object: its YAML as Helm wrote it, and the same as JSON for generic checks.</summary>
internal sealed record Manifest(string Source, string Yaml, JsonObject Json)
{
    public string ApiVersion => (string?)Json["apiVersion"] ?? "";

    public string Kind => (string?)Json["kind"] ?? "";

    public string Name => (string?)Json["metadata"]?["name"] ?? "";

    public override string ToString() => $"{Kind} {Name} ({Source})";
}
