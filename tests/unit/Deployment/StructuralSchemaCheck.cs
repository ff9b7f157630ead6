using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BudgetBuddy.UnitTests.Deployment;

/// <summary>
/// Checks an object against a CRD's structural OpenAPI v3 schema as the API server would on create: types, unknown
/// fields, enums, bounds, lengths, required fields. CEL rules (x-kubernetes-validations) are not evaluated here;
/// the caller checks those it knows.
/// </summary>
internal static class StructuralSchemaCheck
{
    public static IReadOnlyList<string> Problems(JsonNode schema, JsonNode? value)
    {
        var problems = new List<string>();
        Check(schema.AsObject(), value, "", problems);
        return problems;
    }

    private static void Check(JsonObject schema, JsonNode? value, string path, List<string> problems)
    {
        if (value is null)
        {
            problems.Add($"{path}: null is not allowed (no nullable schema here)");
            return;
        }
        if (schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true && !schema.ContainsKey("properties"))
        {
            return;
        }
        switch ((string?)schema["type"])
        {
            case "object":
                CheckObject(schema, value, path, problems);
                break;
            case "array":
                if (value is not JsonArray array)
                {
                    problems.Add($"{path}: expected an array");
                    return;
                }
                for (var i = 0; i < array.Count; i++)
                {
                    Check(schema["items"]!.AsObject(), array[i], $"{path}[{i}]", problems);
                }
                break;
            case "string":
                if (!Is(value, JsonValueKind.String))
                {
                    problems.Add($"{path}: expected a string");
                    return;
                }
                var text = value.GetValue<string>();
                if (schema["maxLength"] is { } maxLength && text.Length > AsDouble(maxLength))
                {
                    problems.Add($"{path}: longer than {maxLength}");
                }
                if (schema["pattern"] is { } pattern && !Regex.IsMatch(text, (string)pattern!))
                {
                    problems.Add($"{path}: does not match {pattern}");
                }
                CheckEnum(schema, value, path, problems);
                break;
            case "integer":
                if (!Is(value, JsonValueKind.Number) || !value.AsValue().TryGetValue<long>(out var number))
                {
                    problems.Add($"{path}: expected an integer");
                    return;
                }
                if (schema["minimum"] is { } minimum && number < AsDouble(minimum))
                {
                    problems.Add($"{path}: below the minimum {minimum}");
                }
                if (schema["maximum"] is { } maximum && number > AsDouble(maximum))
                {
                    problems.Add($"{path}: above the maximum {maximum}");
                }
                if ((string?)schema["format"] == "int32" && number is < int.MinValue or > int.MaxValue)
                {
                    problems.Add($"{path}: outside int32");
                }
                CheckEnum(schema, value, path, problems);
                break;
            case "boolean":
                if (!Is(value, JsonValueKind.True) && !Is(value, JsonValueKind.False))
                {
                    problems.Add($"{path}: expected a boolean");
                }
                break;
            case var other:
                problems.Add($"{path}: schema type '{other}' is not handled by this check");
                break;
        }
    }

    private static void CheckObject(JsonObject schema, JsonNode value, string path, List<string> problems)
    {
        if (value is not JsonObject map)
        {
            problems.Add($"{path}: expected an object");
            return;
        }
        var properties = schema["properties"]?.AsObject();
        var additional = schema["additionalProperties"] as JsonObject;
        foreach (var required in schema["required"]?.AsArray().Select(r => (string)r!) ?? [])
        {
            if (!map.ContainsKey(required))
            {
                problems.Add($"{path}.{required}: required");
            }
        }
        if (schema["maxProperties"] is { } maxProperties && map.Count > AsDouble(maxProperties))
        {
            problems.Add($"{path}: more than {maxProperties} properties");
        }
        if (properties is null && additional is null)
        {
            return; // e.g. metadata: the API server's own schema applies
        }
        foreach (var (key, child) in map)
        {
            if (properties?[key] is JsonObject propertySchema)
            {
                Check(propertySchema, child, $"{path}.{key}", problems);
            }
            else if (additional is not null)
            {
                Check(additional, child, $"{path}.{key}", problems);
            }
            else
            {
                problems.Add($"{path}.{key}: unknown field (the API server would drop or reject it)");
            }
        }
    }

    private static void CheckEnum(JsonObject schema, JsonNode value, string path, List<string> problems)
    {
        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            problems.Add($"{path}: {value.ToJsonString()} is not one of {allowed.ToJsonString()}");
        }
    }

    // Bounds may be written as 1 or 1.0; compare them as numbers whatever CLR type the parser chose.
    private static double AsDouble(JsonNode bound) => double.Parse(bound.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    private static bool Is(JsonNode value, JsonValueKind kind) => value is JsonValue v && v.GetValueKind() == kind;
}
