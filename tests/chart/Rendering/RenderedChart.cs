using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using BudgetBuddy.ChartTests.Infrastructure;
using BudgetBuddy.TestSupport.Json;
using k8s;

namespace BudgetBuddy.ChartTests.Rendering;

/// <summary>
/// The chart rendered by <c>helm template</c> as release <see cref="Release"/> in namespace <see cref="Namespace"/>,
/// split into its objects. Renders are cached by their arguments: many tests read the same one.
/// </summary>
internal sealed class RenderedChart
{
    public const string Release = "bb";
    public const string Namespace = "budgetbuddy";

    /// <summary>Names the chart gives the release's objects (release "bb", chart "budgetbuddy").</summary>
    public const string Fullname = "bb-budgetbuddy";
    public const string Api = "bb-budgetbuddy-api";
    public const string Operator = "bb-budgetbuddy-operator";

    private static readonly ConcurrentDictionary<string, Lazy<RenderedChart>> Cache = new();

    private RenderedChart(IReadOnlyList<Manifest> manifests) => Manifests = manifests;

    public IReadOnlyList<Manifest> Manifests { get; }

    /// <summary>
    /// The chart with values.yaml's defaults plus <paramref name="sets"/>: <c>key=value</c> as --set, or
    /// <c>json:key=value</c> as --set-json (for floats and empty lists, which --set cannot express).
    /// </summary>
    public static RenderedChart WithDefaults(params string[] sets) => Render(null, sets);

    /// <summary>The chart with one scenario file (a name from <see cref="Scenarios"/>) plus <paramref name="sets"/>.</summary>
    public static RenderedChart ForScenario(string scenario, params string[] sets) =>
        Render(Scenarios.ValuesFile(scenario), sets);

    /// <summary>The arguments of <c>helm template</c> for these values, for tests that run Helm themselves.</summary>
    public static string[] TemplateArguments(string? valuesFile, IEnumerable<string> sets)
    {
        var arguments = new List<string> { "template", Release, RepositoryPaths.Chart, "--namespace", Namespace };
        if (valuesFile is not null)
        {
            arguments.AddRange(["--values", valuesFile]);
        }
        foreach (var set in sets)
        {
            arguments.AddRange(set.StartsWith("json:", StringComparison.Ordinal) ? ["--set-json", set["json:".Length..]] : ["--set", set]);
        }
        return [.. arguments];
    }

    private static RenderedChart Render(string? valuesFile, string[] sets)
    {
        var arguments = TemplateArguments(valuesFile, sets);
        var key = string.Join('\u001f', arguments);
        return Cache.GetOrAdd(key, _ => new Lazy<RenderedChart>(() => Parse(Helm.Run(arguments).EnsureSuccess().Stdout))).Value;
    }

    /// <summary>Splits Helm's output on its document separators; a document of comments only is no object.</summary>
    public static RenderedChart Parse(string output)
    {
        var manifests = new List<Manifest>();
        foreach (var document in ManifestDocuments.Split(output))
        {
            var json = YamlAsJson.Document(document) as JsonObject;
            if (json is null)
            {
                continue;
            }
            var source = document.Split('\n').FirstOrDefault(l => l.StartsWith("# Source: ", StringComparison.Ordinal))?["# Source: ".Length..] ?? "";
            manifests.Add(new Manifest(source, document, json));
        }
        return new RenderedChart(manifests);
    }

    public IEnumerable<Manifest> OfKind(string kind) => Manifests.Where(m => m.Kind == kind);

    public bool Has(string kind, string name) => Manifests.Any(m => m.Kind == kind && m.Name == name);

    public Manifest Find(string kind, string name) =>
        Manifests.SingleOrDefault(m => m.Kind == kind && m.Name == name)
        ?? throw new InvalidOperationException($"No {kind} named {name} among: {string.Join(", ", Manifests)}");

    /// <summary>The object as KubernetesClient's typed model, read strictly (an unknown field throws).</summary>
    public T Get<T>(string kind, string name) => KubernetesYaml.Deserialize<T>(Find(kind, name).Yaml, strict: true);
}
