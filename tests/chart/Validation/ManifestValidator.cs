using BudgetBuddy.ChartTests.Rendering;
using k8s;
using k8s.Models;

namespace BudgetBuddy.ChartTests.Validation;

/// <summary>
/// Checks a rendered object against the Kubernetes API schema. Built-in kinds are read strictly into
/// KubernetesClient's typed models (an unknown or misspelt field, or a value of the wrong type, throws); the
/// prometheus-operator kinds are validated against their pinned CRD schemas, with metadata read strictly as
/// ObjectMeta.
/// </summary>
internal static class ManifestValidator
{
    private static readonly IReadOnlyList<CrdSchema> CustomResources = CrdSchema.LoadPinned();

    /// <summary>The problems found; empty when the object is valid.</summary>
    public static IReadOnlyList<string> Validate(Manifest manifest)
    {
        if (string.IsNullOrEmpty(manifest.ApiVersion) || string.IsNullOrEmpty(manifest.Kind))
        {
            return ["apiVersion and kind are required"];
        }
        var custom = CustomResources.SingleOrDefault(c => c.ApiVersion == manifest.ApiVersion && c.Kind == manifest.Kind);
        return custom is null ? ValidateBuiltIn(manifest) : ValidateCustom(custom, manifest);
    }

    private static IReadOnlyList<string> ValidateBuiltIn(Manifest manifest)
    {
        try
        {
            // Throws on an apiVersion/kind the client does not know, an unknown field or a value it cannot convert.
            var objects = KubernetesYaml.LoadAllFromString(manifest.Yaml, typeMap: null, strict: true);
            return objects.Count == 1 ? [] : [$"expected one object, read {objects.Count}"];
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or ArgumentException or KeyNotFoundException or InvalidOperationException)
        {
            return [Describe(e)];
        }
    }

    private static List<string> ValidateCustom(CrdSchema schema, Manifest manifest)
    {
        var problems = new List<string>(schema.Validate(manifest.Json));
        try
        {
            // JSON is YAML too: the strict YAML reader rejects a misspelt metadata field.
            var metadata = manifest.Json["metadata"]?.ToJsonString() ?? "{}";
            KubernetesYaml.Deserialize<V1ObjectMeta>(metadata, strict: true);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            problems.Add($"metadata: {Describe(e)}");
        }
        return problems;
    }

    private static string Describe(Exception e)
    {
        var messages = new List<string>();
        for (var current = e; current is not null; current = current.InnerException)
        {
            messages.Add(current.Message);
        }
        return string.Join(" -> ", messages);
    }
}
