using System.Text.Json.Nodes;

namespace BudgetBuddy.UnitTests.Deployment;

/// <summary>What the chart (charts/budgetbuddy) declares: its name, its values, and the names it gives things.</summary>
internal static class ChartFiles
{
    public const string ChartPath = "charts/budgetbuddy";

    public static JsonNode Chart { get; } = RepositoryFiles.Yaml($"{ChartPath}/Chart.yaml");

    public static JsonNode Values { get; } = RepositoryFiles.Yaml($"{ChartPath}/values.yaml");

    public static string Name => (string)Chart["name"]!;

    /// <summary>The value at a dotted path such as <c>api.image.repository</c>, or null when the path is not declared.</summary>
    public static JsonNode? ValueAt(string dottedPath) => At(Values, dottedPath, out _);

    public static bool Declares(string dottedPath)
    {
        At(Values, dottedPath, out var found);
        return found;
    }

    public static string StringValue(string dottedPath) =>
        ValueAt(dottedPath)?.GetValue<string>() ?? throw new InvalidOperationException($"{dottedPath} is not declared in values.yaml.");

    /// <summary>
    /// The chart's fullname for a release, by the bitnami convention of its templates/_names.tpl: the override if any,
    /// else the release name when it already contains the chart name, else <c>release-chart</c>; at most 63 characters.
    /// </summary>
    public static string Fullname(string release)
    {
        var fullnameOverride = ValueAt("fullnameOverride")?.GetValue<string>();
        if (!string.IsNullOrEmpty(fullnameOverride))
        {
            return Truncate(fullnameOverride);
        }
        var nameOverride = ValueAt("nameOverride")?.GetValue<string>();
        var name = string.IsNullOrEmpty(nameOverride) ? Name : nameOverride;
        return Truncate(release.Contains(name, StringComparison.Ordinal) ? release : $"{release}-{name}");
    }

    /// <summary>
    /// The ServiceAccount of a workload (<c>api</c> or <c>operator</c>), as templates/_names.tpl names it: its set name,
    /// else <c>&lt;fullname cut to 48&gt;-&lt;workload&gt;</c>; <c>default</c> when the chart does not create one.
    /// </summary>
    public static string ServiceAccountName(string workload, string release)
    {
        var name = ValueAt($"{workload}.serviceAccount.name")?.GetValue<string>();
        if (!string.IsNullOrEmpty(name))
        {
            return name;
        }
        var prefix = Fullname(release);
        return ValueAt($"{workload}.serviceAccount.create")?.GetValue<bool>() == true
            ? $"{(prefix.Length > 48 ? prefix[..48] : prefix).TrimEnd('-')}-{workload}"
            : "default";
    }

    /// <summary>Every dotted path of leaves and empty maps in <paramref name="values"/>, to compare a values file with the chart's.</summary>
    public static IEnumerable<string> LeafPaths(JsonNode? values, string prefix = "")
    {
        if (values is JsonObject map && map.Count > 0)
        {
            return map.SelectMany(p => LeafPaths(p.Value, prefix.Length == 0 ? p.Key : $"{prefix}.{p.Key}"));
        }
        return [prefix];
    }

    private static JsonNode? At(JsonNode root, string dottedPath, out bool found)
    {
        JsonNode? node = root;
        foreach (var key in dottedPath.Split('.'))
        {
            if (node is not JsonObject map || !map.TryGetPropertyValue(key, out node))
            {
                found = false;
                return null;
            }
        }
        found = true;
        return node;
    }

    private static string Truncate(string name) => (name.Length > 63 ? name[..63] : name).TrimEnd('-');
}
