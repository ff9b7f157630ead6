using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace BudgetBuddy.IntegrationTests.Infrastructure.Contract;

/// <summary>
/// The OpenAPI document an API served, ready to judge exchanges: finds the operation of a request, and tells what in
/// the request the document calls invalid and what in the answer it does not declare. Schemas are validated as JSON
/// Schema 2020-12 (what OpenAPI 3.1 schemas are), with the document's components as one registered schema resource.
/// </summary>
public sealed class ServedContract
{
    private static int documents;

    private readonly List<Operation> operations = [];
    private readonly ConcurrentDictionary<string, JsonSchema> schemas = new(StringComparer.Ordinal);
    private readonly BuildOptions build = new() { SchemaRegistry = new SchemaRegistry() };

    // The schema registry is a plain dictionary that building and resolving references read and write: exchanges of
    // tests running at once take turns with it.
    private readonly Lock registry = new();
    private readonly string componentsId;

    public ServedContract(string documentText)
    {
        var document = JsonNode.Parse(documentText)!.AsObject();
        componentsId = $"https://contract.budgetbuddy.test/{Interlocked.Increment(ref documents)}/components";
        var components = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = componentsId,
            ["$defs"] = Rebase(document["components"]?["schemas"]?.DeepClone() ?? new JsonObject()),
        };
        JsonSchema.Build(JsonSerializer.SerializeToElement(components), build, new Uri(componentsId));

        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            var pattern = "^" + Regex.Replace(Regex.Escape(path), @"\\\{(\w+)}", "(?<$1>[^/]+)") + "$";
            foreach (var (method, operation) in item!.AsObject())
            {
                operations.Add(new Operation(method.ToUpperInvariant(), path, new Regex(pattern, RegexOptions.CultureInvariant), operation!.AsObject()));
            }
        }
        OperationCount = operations.Count;
    }

    public int OperationCount { get; }

    /// <summary>The documented operation of a request, with its path parameters, or null when the document has none.</summary>
    public (Operation Operation, Dictionary<string, string> PathValues)? Find(string method, string path)
    {
        // A literal segment beats a parameter: try the templates with the fewest parameters first.
        foreach (var operation in operations.Where(o => o.Method == method).OrderBy(o => o.Path.Count(c => c == '{')))
        {
            var match = operation.Pattern.Match(path);
            if (match.Success)
            {
                var values = operation.Pattern.GetGroupNames().Where(g => !int.TryParse(g, out _))
                    .ToDictionary(g => g, g => Uri.UnescapeDataString(match.Groups[g].Value), StringComparer.Ordinal);
                return (operation, values);
            }
        }
        return null;
    }

    public bool HasPath(string path) => operations.Any(o => o.Pattern.IsMatch(path));

    /// <summary>What the document says is wrong with a JSON value under the schema at <paramref name="schema"/>.</summary>
    public IReadOnlyList<string> Validate(JsonNode? schema, JsonElement value, string where)
    {
        if (schema is null)
        {
            return [];
        }
        var key = schema.ToJsonString();
        EvaluationResults result;
        lock (registry)
        {
            var compiled = schemas.GetOrAdd(key, _ =>
            {
                var rebased = Rebase(schema.DeepClone());
                if (rebased is JsonObject o)
                {
                    o["$schema"] = "https://json-schema.org/draft/2020-12/schema";
                }
                return JsonSchema.Build(JsonSerializer.SerializeToElement(rebased), build, new Uri($"{componentsId}/body/{schemas.Count}-{Guid.NewGuid():N}"));
            });
            result = compiled.Evaluate(value, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        }
        if (result.IsValid)
        {
            return [];
        }
        var messages = new List<string>();
        Collect(result, where, messages);
        if (messages.Count == 0)
        {
            var output = JsonSerializer.Serialize(result);
            messages.Add($"{where}: does not match its schema: {(output.Length > 2000 ? output[..2000] + "…" : output)}");
        }
        return messages.Take(5).ToList();
    }

    private static void Collect(EvaluationResults result, string where, List<string> messages)
    {
        foreach (var (keyword, message) in result.Errors ?? new Dictionary<string, string>())
        {
            messages.Add($"{where} at '{result.InstanceLocation}': {keyword}: {message} (schema {result.EvaluationPath})");
        }
        foreach (var detail in result.Details ?? [])
        {
            if (!detail.IsValid)
            {
                Collect(detail, where, messages);
            }
        }
    }

    /// <summary>A parameter's text as the JSON value its schema expects (a number for an integer schema).</summary>
    public static JsonElement ParameterValue(JsonNode? schema, string text)
    {
        var type = schema?["type"]?.ToJsonString() ?? "";
        if (type.Contains("integer", StringComparison.Ordinal) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return JsonSerializer.SerializeToElement(number);
        }
        if (type.Contains("boolean", StringComparison.Ordinal) && bool.TryParse(text, out var flag))
        {
            return JsonSerializer.SerializeToElement(flag);
        }
        return JsonSerializer.SerializeToElement(text);
    }

    // The document's references point into its components; in a schema of its own they point into the registered copy.
    private JsonNode Rebase(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o.ToList())
                {
                    if (name == "$ref" && child?.GetValue<string>() is { } target && target.StartsWith("#/components/schemas/", StringComparison.Ordinal))
                    {
                        o["$ref"] = componentsId + "#/$defs/" + target["#/components/schemas/".Length..];
                    }
                    else if (child is not null)
                    {
                        Rebase(child);
                    }
                }
                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    if (child is not null)
                    {
                        Rebase(child);
                    }
                }
                break;
        }
        return node;
    }

    public sealed record Operation(string Method, string Path, Regex Pattern, JsonObject Description)
    {
        public string Name => $"{Method} {Path}";
    }
}
