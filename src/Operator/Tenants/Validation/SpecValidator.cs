using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BudgetBuddy.Operator.Tenants.Validation;

/// <summary>
/// Checks a spec as it arrived, as JSON, against a <see cref="FieldSchema"/>. Working on the JSON rather than the typed
/// object means a value the types cannot hold (a string where a number belongs, a number past 32 bits, a null) is
/// reported by field like any other broken rule, instead of failing deserialisation with no one told. A spec that
/// passes deserialises into <see cref="TenantSpec"/> without error.
/// </summary>
internal static class SpecValidator
{
    private const int MaxShown = 64;
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Every violation of the tenant spec rules; empty when the spec is valid. An absent spec is valid.</summary>
    public static IReadOnlyList<SpecViolation> ValidateTenantSpec(JsonElement? spec) =>
        spec is { } value ? Validate(value, TenantSpecSchema.Spec, "spec") : [];

    public static IReadOnlyList<SpecViolation> Validate(JsonElement value, FieldSchema schema, string path)
    {
        var violations = new List<SpecViolation>();
        Check(value, schema, path, violations);
        return violations;
    }

    private static void Check(JsonElement value, FieldSchema schema, string path, List<SpecViolation> violations)
    {
        switch (schema.Type)
        {
            case FieldSchema.Object when value.ValueKind == JsonValueKind.Object:
                CheckObject(value, schema, path, violations);
                break;
            case FieldSchema.String when value.ValueKind == JsonValueKind.String:
                CheckString(value.GetString()!, schema, path, violations);
                break;
            case FieldSchema.Integer when value.ValueKind == JsonValueKind.Number:
                CheckInteger(value, schema, path, violations);
                break;
            case FieldSchema.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                break;
            default:
                violations.Add(new(path, $"must be {Article(schema.Type)} {schema.Type} (is {Describe(value)})"));
                break;
        }
    }

    private static void CheckObject(JsonElement value, FieldSchema schema, string path, List<SpecViolation> violations)
    {
        var count = 0;
        foreach (var property in value.EnumerateObject())
        {
            count++;
            if (schema.Properties?.TryGetValue(property.Name, out var field) == true)
            {
                Check(property.Value, field, $"{path}.{property.Name}", violations);
            }
            else if (schema.AdditionalProperties is { } values)
            {
                Check(property.Value, values, $"{path}[{property.Name}]", violations);
            }
        }
        if (schema.MaxProperties is { } maxProperties && count > maxProperties)
        {
            violations.Add(new(path, $"must have at most {maxProperties} entries (has {count})"));
        }
        foreach (var rule in schema.Rules)
        {
            if (!rule.Holds(value))
            {
                violations.Add(new(path, rule.Message));
            }
        }
    }

    private static void CheckString(string text, FieldSchema schema, string path, List<SpecViolation> violations)
    {
        if (schema.Enum is { } allowed && !allowed.Contains(text, StringComparer.Ordinal))
        {
            violations.Add(new(path, $"must be one of {string.Join(", ", allowed)} (is {Quote(text)})"));
        }
        // Kubernetes counts characters (code points), not UTF-16 units.
        var length = text.EnumerateRunes().Count();
        if (schema.MaxLength is { } maxLength && length > maxLength)
        {
            violations.Add(new(path, $"must be at most {maxLength} characters long (is {length})"));
        }
        if (schema.Pattern is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, PatternTimeout))
        {
            violations.Add(new(path, $"must match {pattern} (is {Quote(text)})"));
        }
    }

    private static void CheckInteger(JsonElement value, FieldSchema schema, string path, List<SpecViolation> violations)
    {
        if (!value.TryGetInt64(out var number))
        {
            violations.Add(new(path, $"must be an integer (is {Describe(value)})"));
            return;
        }
        if (schema.Format == "int32" && number is < int.MinValue or > int.MaxValue)
        {
            violations.Add(new(path, $"must be a 32-bit integer (is {number})"));
            return;
        }
        if (schema.Minimum is { } minimum && number < minimum)
        {
            violations.Add(new(path, $"must be at least {minimum} (is {number})"));
        }
        if (schema.Maximum is { } maximum && number > maximum)
        {
            violations.Add(new(path, $"must be at most {maximum} (is {number})"));
        }
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string {Quote(value.GetString()!)}",
        JsonValueKind.Number => $"the number {Shorten(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };

    private static string Article(string type) => type is FieldSchema.Object or FieldSchema.Integer ? "an" : "a";

    private static string Quote(string text) => $"\"{Shorten(text)}\"";

    private static string Shorten(string text) =>
        text.Length <= MaxShown ? text : string.Create(CultureInfo.InvariantCulture, $"{text[..MaxShown]}…");
}
