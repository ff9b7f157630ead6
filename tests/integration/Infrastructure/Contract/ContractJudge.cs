using System.Text.Json;
using System.Text.Json.Nodes;

namespace BudgetBuddy.IntegrationTests.Infrastructure.Contract;

/// <summary>
/// Judges an exchange against the served document: an answer must have a declared status, a declared media type and a
/// body its schema accepts, with the headers the document calls required; a request the document calls invalid must
/// not have been accepted (a 2xx).
/// </summary>
public static class ContractJudge
{
    public enum Verdict
    {
        /// <summary>Judged, and nothing wrong.</summary>
        Kept,

        /// <summary>Judged, and something wrong.</summary>
        Broken,

        /// <summary>Not an operation of the API (health, metrics, the document itself, a route that does not exist).</summary>
        Outside,
    }

    public static (Verdict Verdict, string? Operation, IReadOnlyList<string> Violations) Judge(ServedContract contract, Exchange exchange)
    {
        var path = exchange.Uri.AbsolutePath;
        var found = contract.Find(exchange.Method, path);
        if (found is null)
        {
            // A route the API does not have answers 404 or 405 whatever the document says; anything else under /v1
            // is an operation the document leaves out.
            var undocumented = path.StartsWith("/v1/", StringComparison.Ordinal) && exchange.Status is not (404 or 405);
            return undocumented
                ? (Verdict.Broken, null, [$"{exchange}: the document has no operation {exchange.Method} {path}"])
                : (Verdict.Outside, null, []);
        }

        var (operation, pathValues) = found.Value;
        var violations = new List<string>();
        var invalidRequest = RequestProblems(contract, operation.Description, pathValues, exchange);
        if (invalidRequest.Count > 0 && exchange.Status is >= 200 and < 300)
        {
            violations.Add($"{exchange}: the API accepted a request the document calls invalid: {string.Join("; ", invalidRequest)}");
        }
        violations.AddRange(ResponseProblems(contract, operation, exchange));
        return (violations.Count == 0 ? Verdict.Kept : Verdict.Broken, operation.Name, violations);
    }

    private static List<string> RequestProblems(ServedContract contract, JsonObject operation, Dictionary<string, string> pathValues, Exchange exchange)
    {
        var problems = new List<string>();
        var parameters = operation["parameters"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        var query = ParseQuery(exchange.Uri.Query);

        foreach (var name in query.Keys.Where(n => !parameters.Any(p => Is(p, "query", n))))
        {
            problems.Add($"query parameter '{name}' is not declared");
        }
        foreach (var parameter in parameters)
        {
            var name = parameter["name"]!.GetValue<string>();
            var location = parameter["in"]!.GetValue<string>();
            string? value = location switch
            {
                "query" => query.GetValueOrDefault(name),
                "path" => pathValues.GetValueOrDefault(name),
                "header" => exchange.RequestHeaders.GetValueOrDefault(name),
                _ => null,
            };
            if (value is null)
            {
                if (parameter["required"]?.GetValue<bool>() == true)
                {
                    problems.Add($"{location} parameter '{name}' is required");
                }
                continue;
            }
            var schema = parameter["schema"];
            problems.AddRange(contract.Validate(schema, ServedContract.ParameterValue(schema, value), $"{location} parameter '{name}'"));
        }

        var body = operation["requestBody"]?.AsObject();
        if (string.IsNullOrEmpty(exchange.RequestBody))
        {
            if (body?["required"]?.GetValue<bool>() == true)
            {
                problems.Add("the request body is required");
            }
            return problems;
        }
        if (body is null)
        {
            problems.Add("the operation takes no request body");
            return problems;
        }
        var mediaType = MediaType(exchange.RequestContentType);
        var content = body["content"]?.AsObject();
        if (mediaType is null || content?.ContainsKey(mediaType) != true)
        {
            problems.Add($"request media type '{mediaType}' is not declared");
            return problems;
        }
        if (mediaType.Contains("json", StringComparison.Ordinal))
        {
            problems.AddRange(ValidateJson(contract, content[mediaType]?["schema"], exchange.RequestBody, "request body"));
        }
        return problems;
    }

    private static List<string> ResponseProblems(ServedContract contract, ServedContract.Operation operation, Exchange exchange)
    {
        var status = exchange.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var responses = operation.Description["responses"]?.AsObject();
        var response = responses?[status] ?? responses?[$"{status[0]}XX"] ?? responses?["default"];
        if (response is null)
        {
            return [$"{exchange}: status {status} is not declared for {operation.Name} (declared: {string.Join(", ", responses?.Select(r => r.Key) ?? [])})"];
        }

        var problems = new List<string>();
        foreach (var (name, header) in response["headers"]?.AsObject() ?? [])
        {
            if (header?["required"]?.GetValue<bool>() == true && !exchange.ResponseHeaders.ContainsKey(name))
            {
                problems.Add($"{exchange}: required header {name} is missing");
            }
        }

        var content = response["content"]?.AsObject();
        if (exchange.ResponseBody.Length == 0)
        {
            if (content is { Count: > 0 })
            {
                problems.Add($"{exchange}: the body is empty, but the document declares {string.Join(", ", content.Select(c => c.Key))}");
            }
            return problems;
        }
        var mediaType = MediaType(exchange.ResponseContentType);
        if (mediaType is null || content?.ContainsKey(mediaType) != true)
        {
            problems.Add($"{exchange}: media type '{mediaType}' is not declared for status {status} (declared: {string.Join(", ", content?.Select(c => c.Key) ?? [])})");
            return problems;
        }
        if (mediaType.Contains("json", StringComparison.Ordinal))
        {
            problems.AddRange(ValidateJson(contract, content[mediaType]?["schema"], exchange.ResponseBody, "response body")
                .Select(p => $"{exchange}: {p}"));
        }
        return problems;
    }

    private static IEnumerable<string> ValidateJson(ServedContract contract, JsonNode? schema, string text, string where)
    {
        JsonElement value;
        try
        {
            using var parsed = JsonDocument.Parse(text);
            value = parsed.RootElement.Clone();
        }
        catch (JsonException)
        {
            return [$"{where} is not JSON"];
        }
        return contract.Validate(schema, value, where);
    }

    private static bool Is(JsonObject parameter, string location, string name) =>
        parameter["in"]?.GetValue<string>() == location && parameter["name"]?.GetValue<string>() == name;

    private static string? MediaType(string? contentType) =>
        contentType?.Split(';')[0].Trim().ToLowerInvariant() is { Length: > 0 } m ? m : null;

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString((at < 0 ? pair : pair[..at]).Replace('+', ' '));
            values[name] = at < 0 ? "" : Uri.UnescapeDataString(pair[(at + 1)..].Replace('+', ' '));
        }
        return values;
    }
}
