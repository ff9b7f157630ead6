using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BudgetBuddy.UnitTests.Deployment;

/// <summary>
/// An identity-based IAM policy and the part of IAM's evaluation the tests need: an explicit Deny wins, else any
/// matching Allow grants, else the request is denied. Conditions are evaluated against the request's context keys
/// (e.g. <c>dynamodb:LeadingKeys</c>) with IAM's semantics, including that <c>ForAllValues</c> holds when the key is
/// absent; an operator this class does not know throws rather than guess.
/// </summary>
internal sealed class IamPolicyDocument
{
    private IamPolicyDocument(IReadOnlyList<PolicyStatement> statements) => Statements = statements;

    public IReadOnlyList<PolicyStatement> Statements { get; }

    /// <summary>Parses a policy whose <c>${NAME}</c> placeholders are replaced first, as envsubst does in the guide.</summary>
    public static IamPolicyDocument Parse(string json, IReadOnlyDictionary<string, string> placeholders)
    {
        foreach (var (name, value) in placeholders)
        {
            json = json.Replace("${" + name + "}", value, StringComparison.Ordinal);
        }
        var root = JsonNode.Parse(json)!;
        if ((string?)root["Version"] != "2012-10-17")
        {
            throw new FormatException("Version must be 2012-10-17 (the only version with policy variables and every condition operator).");
        }
        return new IamPolicyDocument(root["Statement"]!.AsArray().Select(PolicyStatement.From).ToList());
    }

    /// <param name="context">The request's condition keys and their values; a key not given is absent.</param>
    public bool Allows(string action, string resource, IReadOnlyDictionary<string, string[]>? context = null)
    {
        var request = new Dictionary<string, string[]>(context ?? new Dictionary<string, string[]>(), StringComparer.OrdinalIgnoreCase);
        var matching = Statements.Where(s => s.Matches(action, resource, request)).ToList();
        return matching.Any(s => s.Effect == "Allow") && matching.All(s => s.Effect != "Deny");
    }

    public IEnumerable<string> Actions => Statements.SelectMany(s => s.Actions);
}

internal sealed record PolicyStatement(string? Sid, string Effect, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources, JsonObject? Condition)
{
    public static PolicyStatement From(JsonNode? node)
    {
        var statement = node!.AsObject();
        foreach (var unsupported in new[] { "NotAction", "NotResource", "Principal", "NotPrincipal" })
        {
            if (statement.ContainsKey(unsupported))
            {
                throw new FormatException($"{unsupported} has no place in these identity policies: it grants by exclusion.");
            }
        }
        var effect = (string)statement[nameof(Effect)]!;
        if (effect is not ("Allow" or "Deny"))
        {
            throw new FormatException($"Effect '{effect}' is neither Allow nor Deny.");
        }
        return new PolicyStatement((string?)statement[nameof(Sid)], effect, Strings(statement["Action"]), Strings(statement["Resource"]), statement[nameof(Condition)]?.AsObject());
    }

    public bool Matches(string action, string resource, IReadOnlyDictionary<string, string[]> request) =>
        Actions.Any(a => Wildcard(a, action, ignoreCase: true))
        && Resources.Any(r => Wildcard(r, resource, ignoreCase: false))
        && (Condition ?? []).All(c => c.Value!.AsObject().All(k => Holds(c.Key, Strings(k.Value), request.GetValueOrDefault(k.Key))));

    // Every operator of a statement must hold, and within one operator every key.
    private static bool Holds(string @operator, List<string> policyValues, string[]? requestValues)
    {
        if (@operator == "Null")
        {
            return policyValues.Single() == "true" ? requestValues is null : requestValues is not null;
        }
        var (set, comparison) = @operator.Split(':') is [var qualifier, var rest] ? (qualifier, rest) : ("", @operator);
        Func<string, bool> matchesAny = comparison switch
        {
            "StringEquals" => value => policyValues.Contains(value, StringComparer.Ordinal),
            "StringLike" => value => policyValues.Any(p => Wildcard(p, value, ignoreCase: false)),
            _ => throw new NotSupportedException($"condition operator {@operator} is not evaluated by this test"),
        };
        return set switch
        {
            "" => requestValues is not null && requestValues.Any(matchesAny),
            "ForAllValues" => requestValues is null || requestValues.All(matchesAny),
            "ForAnyValue" => requestValues is not null && requestValues.Any(matchesAny),
            _ => throw new NotSupportedException($"condition set operator {set} is not evaluated by this test"),
        };
    }

    private static List<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(n => (string)n!).ToList(),
        JsonValue value => [(string)value!],
        _ => throw new FormatException("Actions, resources and condition values must be a string or a list of strings."),
    };

    // IAM's wildcards: * is any run of characters (slashes included), ? exactly one. Action names are case-insensitive.
    private static bool Wildcard(string pattern, string value, bool ignoreCase) =>
        Regex.IsMatch(
            value,
            "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.CultureInvariant);
}
