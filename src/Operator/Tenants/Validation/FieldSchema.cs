namespace BudgetBuddy.Operator.Tenants.Validation;

/// <summary>
/// One node of the rules a tenant's spec must follow, in the vocabulary of the CRD's OpenAPI schema (type, format,
/// bounds, enum, length, pattern, nested properties, map values, and the CEL rules as <see cref="CrossFieldRule"/>),
/// so that a test can hold it and the chart's CRD to the same numbers.
/// </summary>
internal sealed record FieldSchema
{
    public const string Object = "object";
    public const string String = "string";
    public const string Integer = "integer";
    public const string Boolean = "boolean";

    /// <summary>object, string, integer or boolean.</summary>
    public required string Type { get; init; }

    /// <summary>int32 or int64 for integers: what the operator's types can hold.</summary>
    public string? Format { get; init; }

    public long? Minimum { get; init; }

    public long? Maximum { get; init; }

    public IReadOnlyList<string>? Enum { get; init; }

    public long? MaxLength { get; init; }

    public string? Pattern { get; init; }

    public long? MaxProperties { get; init; }

    /// <summary>The known fields of an object; fields not named here are ignored, as the API server prunes them.</summary>
    public IReadOnlyDictionary<string, FieldSchema>? Properties { get; init; }

    /// <summary>The schema of every value of a map (an object whose keys are free).</summary>
    public FieldSchema? AdditionalProperties { get; init; }

    /// <summary>Rules across the fields of an object (the CRD's <c>x-kubernetes-validations</c>).</summary>
    public IReadOnlyList<CrossFieldRule> Rules { get; init; } = [];
}
