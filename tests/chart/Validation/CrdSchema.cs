using System.Text.Json.Nodes;
using BudgetBuddy.ChartTests.Infrastructure;
using BudgetBuddy.TestSupport.Json;
using NJsonSchema;
using NJsonSchema.Validation;

namespace BudgetBuddy.ChartTests.Validation;

/// <summary>
/// The openAPIV3Schema of a pinned CustomResourceDefinition (tests/chart/Schemas), made strict: every object that
/// lists its properties and does not declare x-kubernetes-preserve-unknown-fields rejects other properties, which
/// is what the API server's strict field validation does with an unknown field.
/// </summary>
internal sealed class CrdSchema
{
    private readonly JsonSchema schema;

    private CrdSchema(string apiVersion, string kind, JsonSchema schema)
    {
        ApiVersion = apiVersion;
        Kind = kind;
        this.schema = schema;
    }

    public string ApiVersion { get; }

    public string Kind { get; }

    public static IReadOnlyList<CrdSchema> LoadPinned() =>
        [.. Directory.GetFiles(RepositoryPaths.PinnedSchemas, "*.yaml", SearchOption.AllDirectories).SelectMany(Load)];

    private static IEnumerable<CrdSchema> Load(string path)
    {
        var crd = YamlAsJson.Document(File.ReadAllText(path))
            ?? throw new InvalidOperationException($"{path} is empty.");
        var group = (string)crd["spec"]!["group"]!;
        var kind = (string)crd["spec"]!["names"]!["kind"]!;
        foreach (var version in crd["spec"]!["versions"]!.AsArray())
        {
            var openApi = version!["schema"]!["openAPIV3Schema"]!.DeepClone();
            Strict(openApi);
            var schema = JsonSchema.FromJsonAsync(openApi.ToJsonString()).GetAwaiter().GetResult();
            yield return new CrdSchema($"{group}/{(string)version["name"]!}", kind, schema);
        }
    }

    /// <summary>Every violation of the schema, as "path: problem"; empty when the object is valid.</summary>
    public IReadOnlyList<string> Validate(JsonNode resource) =>
        [.. Flatten(schema.Validate(resource.ToJsonString())).Select(e => $"{e.Path}: {e.Kind} {e.Property}".TrimEnd())];

    /// <summary>NJsonSchema reports a bad array item or subschema as one error holding the real ones: unfold them.</summary>
    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors) =>
        errors.SelectMany(e => e is ChildSchemaValidationError child
            ? Flatten(child.Errors.SelectMany(pair => pair.Value)).DefaultIfEmpty(e)
            : [e]);

    private static void Strict(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["properties"] is JsonObject && o["additionalProperties"] is null && o["x-kubernetes-preserve-unknown-fields"] is null)
                {
                    o["additionalProperties"] = false;
                }
                foreach (var child in o.Select(p => p.Value).ToList())
                {
                    Strict(child);
                }
                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Strict(child);
                }
                break;
        }
    }
}
