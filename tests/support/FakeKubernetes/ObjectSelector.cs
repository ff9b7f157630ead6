using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BudgetBuddy.TestSupport.FakeKubernetes;

/// <summary>
/// A <c>labelSelector</c> and a <c>fieldSelector</c> as the real server parses them: label requirements
/// <c>k</c>, <c>!k</c>, <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>; field
/// requirements <c>path=v</c>, <c>path==v</c>, <c>path!=v</c> on dotted paths such as <c>metadata.name</c>.
/// </summary>
internal sealed class ObjectSelector
{
    private readonly List<Func<JsonObject, bool>> requirements = [];

    public static ObjectSelector Everything { get; } = new();

    public static ObjectSelector Parse(string? labelSelector, string? fieldSelector)
    {
        var selector = new ObjectSelector();
        foreach (var requirement in SplitTopLevel(labelSelector))
        {
            selector.requirements.Add(ParseLabelRequirement(requirement));
        }

        foreach (var requirement in SplitTopLevel(fieldSelector))
        {
            selector.requirements.Add(ParseFieldRequirement(requirement));
        }

        return selector;
    }

    public bool Matches(JsonObject obj) => requirements.TrueForAll(requirement => requirement(obj));

    private static Func<JsonObject, bool> ParseLabelRequirement(string text)
    {
        if (text.StartsWith('!'))
        {
            var key = text[1..].Trim();
            return obj => Label(obj, key) is null;
        }

        var words = text.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 2 && (words[1].StartsWith("in ", StringComparison.Ordinal) || words[1].StartsWith("in(", StringComparison.Ordinal)
            || words[1].StartsWith("notin", StringComparison.Ordinal)))
        {
            var key = words[0];
            var negated = words[1].StartsWith("notin", StringComparison.Ordinal);
            var set = ParseSet(words[1][(negated ? 5 : 2)..]);
            return negated
                ? obj => Label(obj, key) is not { } value || !set.Contains(value)
                : obj => Label(obj, key) is { } value && set.Contains(value);
        }

        var (name, op, expected) = SplitOperator(text, "label");
        return op switch
        {
            "!=" => obj => Label(obj, name) != expected,
            "=" or "==" => obj => Label(obj, name) == expected,
            _ => obj => Label(obj, name) is not null,
        };
    }

    private static Func<JsonObject, bool> ParseFieldRequirement(string text)
    {
        var (path, op, expected) = SplitOperator(text, "field");
        if (op.Length == 0)
        {
            throw ApiStatus.BadRequest($"invalid selector: '{text}'; can't understand '{text}'");
        }

        return op == "!="
            ? obj => Field(obj, path) != expected
            : obj => Field(obj, path) == expected;
    }

    private static (string Key, string Operator, string Value) SplitOperator(string text, string what)
    {
        foreach (var op in (string[])["!=", "==", "="])
        {
            var at = text.IndexOf(op, StringComparison.Ordinal);
            if (at >= 0)
            {
                var key = text[..at].Trim();
                if (key.Length == 0)
                {
                    throw ApiStatus.BadRequest($"unable to parse requirement: {what} key is empty in '{text}'");
                }

                return (key, op, text[(at + op.Length)..].Trim());
            }
        }

        return (text.Trim(), "", "");
    }

    private static HashSet<string> ParseSet(string text)
    {
        text = text.Trim();
        if (!text.StartsWith('(') || !text.EndsWith(')'))
        {
            throw ApiStatus.BadRequest($"unable to parse requirement: expected a set in parentheses, found '{text}'");
        }

        return text[1..^1].Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
    }

    private static IEnumerable<string> SplitTopLevel(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            yield break;
        }

        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            switch (selector[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    if (selector[start..i].Trim() is { Length: > 0 } part)
                    {
                        yield return part;
                    }

                    start = i + 1;
                    break;
            }
        }

        if (selector[start..].Trim() is { Length: > 0 } last)
        {
            yield return last;
        }
    }

    private static string? Label(JsonObject obj, string key) =>
        obj["metadata"]?["labels"]?[key] is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    // Missing fields compare as the empty string, as they do for the real server's field selectors.
    private static string Field(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var segment in path.Split('.'))
        {
            node = node is JsonObject parent ? parent[segment] : null;
        }

        return node switch
        {
            null => "",
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            JsonValue value when value.GetValueKind() == JsonValueKind.True => "true",
            JsonValue value when value.GetValueKind() == JsonValueKind.False => "false",
            JsonValue value => Convert.ToString(value.ToJsonString(), CultureInfo.InvariantCulture),
            _ => node.ToJsonString(),
        };
    }
}
