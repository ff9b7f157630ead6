using System.Text.Json;
using System.Text.RegularExpressions;

namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>
/// One operation of the API's own OpenAPI document: method, path template, its parameters and request body. The
/// authorisation walk starts here rather than from a list of routes, so a route added tomorrow is walked tomorrow.
/// </summary>
internal sealed partial record OpenApiOperation(string Method, string Path, IReadOnlyList<string> PathParameters, IReadOnlyList<string> QueryParameters, JsonElement? RequestBody)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    public override string ToString() => $"{Method} {Path}";

    /// <summary>Every operation in <paramref name="document"/>, in document order.</summary>
    public static IReadOnlyList<OpenApiOperation> ReadAll(JsonElement document)
    {
        var operations = new List<OpenApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            // The template itself is the truth about path parameters: a placeholder the document forgot to declare
            // still takes an id.
            var inPath = Placeholder().Matches(path.Name).Select(m => m.Groups[1].Value).ToList();
            var shared = QueryParametersOf(path.Value);
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name, StringComparer.Ordinal)))
            {
                var query = shared.Concat(QueryParametersOf(operation.Value)).Distinct(StringComparer.Ordinal).ToList();
                JsonElement? body = operation.Value.TryGetProperty("requestBody", out var b) ? b : null;
                operations.Add(new OpenApiOperation(operation.Name.ToUpperInvariant(), path.Name, inPath, query, body));
            }
        }
        return operations;
    }

    private static List<string> QueryParametersOf(JsonElement node) =>
        node.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray()
                .Where(p => p.TryGetProperty("in", out var place) && place.GetString() == "query")
                .Select(p => p.GetProperty("name").GetString()!)
                .ToList()
            : [];

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex Placeholder();
}
