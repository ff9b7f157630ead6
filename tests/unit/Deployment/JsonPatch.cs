using System.Globalization;
using System.Text.Json.Nodes;

namespace BudgetBuddy.UnitTests.Deployment;

/// <summary>The add, replace and remove operations of RFC 6902, which is what skaffold profiles' patches use.</summary>
internal static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonArray operations)
    {
        var result = document.DeepClone();
        foreach (var operation in operations.Select(o => o!.AsObject()))
        {
            var op = (string)operation["op"]!;
            var segments = ((string)operation["path"]!).Split('/').Skip(1).Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
            var parent = segments.SkipLast(1).Aggregate(result, (node, key) => Child(node, key) ?? throw new InvalidOperationException($"{operation["path"]}: no {key}"));
            var last = segments[^1];
            switch (op, parent)
            {
                case ("add" or "replace", JsonObject map):
                    map[last] = operation["value"]?.DeepClone();
                    break;
                case ("add", JsonArray list):
                    list.Insert(last == "-" ? list.Count : int.Parse(last, CultureInfo.InvariantCulture), operation["value"]?.DeepClone());
                    break;
                case ("replace", JsonArray list):
                    list[int.Parse(last, CultureInfo.InvariantCulture)] = operation["value"]?.DeepClone();
                    break;
                case ("remove", JsonObject map):
                    if (!map.Remove(last))
                    {
                        throw new InvalidOperationException($"{operation["path"]}: nothing to remove");
                    }
                    break;
                case ("remove", JsonArray list):
                    list.RemoveAt(int.Parse(last, CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new NotSupportedException($"JSON patch op '{op}' on {parent.GetType().Name}");
            }
        }
        return result;
    }

    private static JsonNode? Child(JsonNode node, string key) => node switch
    {
        JsonObject map => map[key],
        JsonArray list => list[int.Parse(key, CultureInfo.InvariantCulture)],
        _ => null,
    };
}
