using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BudgetBuddy.ChartTests.Infrastructure;
using BudgetBuddy.TestSupport.Json;

namespace BudgetBuddy.ChartTests;

/// <summary>Every value is documented where it is declared, declared in the schema, and listed in the chart README.</summary>
public sealed partial class ValuesDocumentationTests
{
    private static readonly string ValuesText = File.ReadAllText(Path.Combine(RepositoryPaths.Chart, "values.yaml"));

    private static readonly JsonObject Schema = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Chart, "values.schema.json")))!.AsObject();

    /// <summary>
    /// Paths of the values a user sets: scalars, lists, and free-form maps (labels, annotations: the schema lists no
    /// properties for them). A map the schema does not know is walked into, so its keys show up as undeclared.
    /// </summary>
    private static IReadOnlyList<string> Leaves { get; } = LeavesOf(YamlAsJson.Document(ValuesText)!, Schema, "").ToList();

    private static IReadOnlyList<string> Params { get; } =
        [.. ParamLine().Matches(ValuesText).Select(m => m.Groups[1].Value)];

    private static IEnumerable<string> LeavesOf(JsonNode node, JsonNode? schema, string path)
    {
        var properties = Resolve(schema)?["properties"];
        if (node is JsonObject map && map.Count > 0 && (schema is null || properties is not null))
        {
            return map.SelectMany(p => LeavesOf(p.Value!, properties?[p.Key], path.Length == 0 ? p.Key : $"{path}.{p.Key}"));
        }
        return [path];
    }

    [Fact]
    public void Every_value_is_documented_with_a_param_line()
    {
        var undocumented = Leaves.Except(Params).ToList();

        Assert.True(undocumented.Count == 0, "no '## @param' line for: " + string.Join(", ", undocumented));
    }

    [Fact]
    public void Every_param_line_names_a_value_that_exists()
    {
        var unknown = Params.Except(Leaves).ToList();

        Assert.True(unknown.Count == 0, "'## @param' for values that do not exist: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Every_value_is_declared_in_the_schema()
    {
        var undeclared = Leaves.Where(path => !Declared(path)).ToList();

        Assert.True(undeclared.Count == 0, "not in values.schema.json: " + string.Join(", ", undeclared));
    }

    [Fact]
    public void The_chart_readme_lists_every_value()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Chart, "README.md"));

        var missing = Leaves.Where(path => !readme.Contains($"| `{path}` |", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, "not in the chart README's tables: " + string.Join(", ", missing));
    }

    private static bool Declared(string path)
    {
        JsonNode? node = Schema;
        foreach (var key in path.Split('.'))
        {
            node = Resolve(node)?["properties"]?[key];
            if (node is null)
            {
                return false;
            }
        }
        return true;
    }

    private static JsonNode? Resolve(JsonNode? node) =>
        node?["$ref"] is { } reference
            ? Schema["$defs"]![((string)reference!)["#/$defs/".Length..]]
            : node;

    [GeneratedRegex(@"^\s*## @param (\S+) ", RegexOptions.Multiline)]
    private static partial Regex ParamLine();
}
