using System.Text.Json;
using System.Text.RegularExpressions;

namespace BudgetBuddy.IntegrationTests.Inputs;

/// <summary>A parameter of an operation as the OpenAPI document declares it, with the kind of value it takes.</summary>
internal sealed record FuzzParameter(string Name, string In, bool Required, ValueKind Kind, IReadOnlyList<string> Enum);

/// <summary>A field of a JSON request body and the kind of value it takes.</summary>
internal sealed record FuzzField(string Name, ValueKind Kind, IReadOnlyList<string> Enum);

/// <summary>What a parameter or field takes, as far as generating wrong values for it needs to know.</summary>
internal enum ValueKind
{
    Text,
    Integer,
    Boolean,
    Date,
    Array,
    Object,
}

/// <summary>
/// One operation of the served OpenAPI document with what the fuzzer varies: its parameters, the media types of its
/// body and, for a JSON body, the fields of its schema. Read from the document, so a new operation is fuzzed too.
/// </summary>
internal sealed partial record FuzzOperation(
    string Method,
    string Path,
    IReadOnlyList<FuzzParameter> Parameters,
    IReadOnlyList<string> MediaTypes,
    IReadOnlyList<FuzzField> Fields,
    Security.OpenApiOperation Source)
{
    public override string ToString() => $"{Method} {Path}";

    public IEnumerable<string> PathParameters => Placeholder().Matches(Path).Select(m => m.Groups[1].Value);

    public IEnumerable<FuzzParameter> Query => Parameters.Where(p => p.In == "query");

    public static IReadOnlyList<FuzzOperation> ReadAll(JsonElement document) =>
        Security.OpenApiOperation.ReadAll(document).Select(operation => Read(operation, document)).ToList();

    private static FuzzOperation Read(Security.OpenApiOperation operation, JsonElement document)
    {
        var pathItem = document.GetProperty("paths").GetProperty(operation.Path);
        var node = pathItem.GetProperty(operation.Method.ToLowerInvariant());
        var parameters = ParametersOf(pathItem, document).Concat(ParametersOf(node, document))
            .DistinctBy(p => (p.Name, p.In)).ToList();
        var mediaTypes = new List<string>();
        var fields = new List<FuzzField>();
        if (operation.RequestBody is { } body && body.TryGetProperty("content", out var content))
        {
            foreach (var media in content.EnumerateObject())
            {
                mediaTypes.Add(media.Name);
                if (fields.Count == 0 && media.Name.Contains("json", StringComparison.Ordinal) && media.Value.TryGetProperty("schema", out var schema)
                    && Resolve(schema, document).TryGetProperty("properties", out var properties))
                {
                    fields.AddRange(properties.EnumerateObject().Select(p =>
                    {
                        var (kind, values) = KindOf(Resolve(p.Value, document), document);
                        return new FuzzField(p.Name, kind, values);
                    }));
                }
            }
        }
        return new FuzzOperation(operation.Method, operation.Path, parameters, mediaTypes, fields, operation);
    }

    private static IEnumerable<FuzzParameter> ParametersOf(JsonElement node, JsonElement document)
    {
        if (!node.TryGetProperty("parameters", out var parameters))
        {
            yield break;
        }
        foreach (var parameter in parameters.EnumerateArray().Select(p => Resolve(p, document)))
        {
            var (kind, values) = parameter.TryGetProperty("schema", out var schema) ? KindOf(Resolve(schema, document), document) : (ValueKind.Text, []);
            yield return new FuzzParameter(
                parameter.GetProperty("name").GetString()!,
                parameter.GetProperty("in").GetString()!,
                parameter.TryGetProperty("required", out var required) && required.GetBoolean(),
                kind,
                values);
        }
    }

    private static (ValueKind Kind, IReadOnlyList<string> Enum) KindOf(JsonElement schema, JsonElement document)
    {
        if (schema.TryGetProperty("enum", out var values))
        {
            return (ValueKind.Text, values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList());
        }
        // OpenAPI 3.1 writes nullable as a type list ("integer", "null") or as oneOf/anyOf with a null member.
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var members))
            {
                foreach (var member in members.EnumerateArray().Select(m => Resolve(m, document)))
                {
                    var found = KindOf(member, document);
                    if (found.Kind != ValueKind.Text || found.Enum.Count > 0)
                    {
                        return found;
                    }
                }
            }
        }
        var types = !schema.TryGetProperty("type", out var type) ? []
            : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray()
            : [type.GetString()!];
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        ValueKind kind = types.Contains("integer") || types.Contains("number") ? ValueKind.Integer
            : types.Contains("boolean") ? ValueKind.Boolean
            : types.Contains("array") ? ValueKind.Array
            : types.Contains("object") ? ValueKind.Object
            : format is "date" or "date-time" ? ValueKind.Date
            : ValueKind.Text;
        return (kind, []);
    }

    private static JsonElement Resolve(JsonElement schema, JsonElement document) =>
        schema.TryGetProperty("$ref", out var reference)
            ? reference.GetString()!.TrimStart('#', '/').Split('/').Aggregate(document, (node, name) => node.GetProperty(name))
            : schema;

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex Placeholder();
}
