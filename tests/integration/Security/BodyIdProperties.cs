using System.Text.Json;

namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>
/// Where request bodies name objects: every property called <c>…Id</c> in an operation's JSON request schema,
/// nested ones included (<c>splits[].categoryId</c>), read from the OpenAPI document so a new one is noticed.
/// </summary>
internal static class BodyIdProperties
{
    private const int MaxDepth = 6;

    /// <summary>"POST /v1/transactions splits[].categoryId" for each id property of each operation's body.</summary>
    public static IReadOnlyList<string> ReadAll(IReadOnlyList<OpenApiOperation> operations, JsonElement document)
    {
        var found = new List<string>();
        foreach (var operation in operations)
        {
            if (operation.RequestBody is not { } body || !body.TryGetProperty("content", out var content))
            {
                continue;
            }
            foreach (var media in content.EnumerateObject().Where(m => m.Value.TryGetProperty("schema", out _)))
            {
                found.AddRange(Walk(media.Value.GetProperty("schema"), document, "", 0).Select(p => $"{operation} {p}"));
            }
        }
        return found.Distinct(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<string> Walk(JsonElement schema, JsonElement document, string prefix, int depth)
    {
        if (depth > MaxDepth)
        {
            yield break;
        }
        if (schema.TryGetProperty("$ref", out var reference))
        {
            schema = reference.GetString()!.TrimStart('#', '/').Split('/').Aggregate(document, (node, name) => node.GetProperty(name));
        }
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                if (RouteParameters.IsObjectId(property.Name))
                {
                    yield return prefix + property.Name;
                }
                foreach (var nested in Walk(property.Value, document, prefix + property.Name + ".", depth + 1))
                {
                    yield return nested;
                }
            }
        }
        if (schema.TryGetProperty("items", out var items))
        {
            foreach (var nested in Walk(items, document, prefix.TrimEnd('.') + "[].", depth + 1))
            {
                yield return nested;
            }
        }
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var alternatives))
            {
                foreach (var nested in alternatives.EnumerateArray().SelectMany(a => Walk(a, document, prefix, depth + 1)))
                {
                    yield return nested;
                }
            }
        }
    }
}
