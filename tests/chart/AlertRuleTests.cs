using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BudgetBuddy.ChartTests.Infrastructure;
using BudgetBuddy.ChartTests.Rendering;
using BudgetBuddy.TestSupport.Json;

namespace BudgetBuddy.ChartTests;

/// <summary>
/// The alerts as Prometheus itself reads them: the rendered rules pass <c>promtool check rules</c>, each alert's
/// behaviour is pinned by <c>promtool test rules</c> (Alerts/alerts.test.yaml: firing and quiet cases), and each has a
/// runbook in docs/runbooks that its link leads to.
/// </summary>
public sealed partial class AlertRuleTests
{
    private static readonly RenderedChart Production = RenderedChart.ForScenario("production-values.yaml");

    private static readonly string UnitTests = Path.Combine(RepositoryPaths.Root, "tests", "chart", "Alerts", "alerts.test.yaml");

    private static readonly string Runbooks = Path.Combine(RepositoryPaths.Root, "docs", "runbooks");

    private static readonly string[] RunbookSections = ["## Meaning", "## Impact", "## Confirm", "## Mitigate", "## Escalate"];

    private static JsonNode Groups() => Production.Find("PrometheusRule", RenderedChart.Fullname).Json["spec"]!.DeepClone();

    private static List<JsonNode> Alerts() =>
        [.. Groups()["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).Where(r => r!["alert"] is not null).Select(r => r!)];

    public static TheoryData<string> AlertNames() => [.. Alerts().Select(a => (string)a["alert"]!)];

    [Fact]
    public void The_rendered_rules_pass_promtool_check()
    {
        using var directory = new TemporaryDirectory();
        File.WriteAllText(Path.Combine(directory.Path, "rules.json"), Groups().ToJsonString());

        var result = Promtool.Run(directory.Path, "check", "rules", "rules.json");

        Assert.True(result.Succeeded, $"{result.Stdout}\n{result.Stderr}");
        Assert.Contains($"SUCCESS: {Alerts().Count} rules found", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_alert_fires_and_stays_quiet_as_its_promtool_unit_tests_expect()
    {
        using var directory = new TemporaryDirectory();
        // Without annotations: the tests pin when an alert fires and with which labels, not the wording of its text.
        var groups = Groups();
        foreach (var rule in groups["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()))
        {
            rule!.AsObject().Remove("annotations");
        }
        File.WriteAllText(Path.Combine(directory.Path, "rules.json"), groups.ToJsonString());
        File.Copy(UnitTests, Path.Combine(directory.Path, "alerts.test.yaml"));

        var result = Promtool.Run(directory.Path, "test", "rules", "alerts.test.yaml");

        Assert.True(result.Succeeded, $"{result.Stdout}\n{result.Stderr}");
    }

    [Theory]
    [MemberData(nameof(AlertNames))]
    public void Each_alert_has_a_unit_test_where_it_fires_and_one_where_it_stays_quiet(string alert)
    {
        var cases = YamlAsJson.Document(File.ReadAllText(UnitTests))!["tests"]!.AsArray()
            .SelectMany(t => t!["alert_rule_test"]?.AsArray() ?? [])
            .Where(c => (string?)c!["alertname"] == alert)
            .ToList();

        Assert.Contains(cases, c => c!["exp_alerts"] is JsonArray { Count: > 0 });
        Assert.Contains(cases, c => c!["exp_alerts"] is null or JsonArray { Count: 0 });
    }

    [Theory]
    [MemberData(nameof(AlertNames))]
    public void Each_alert_has_a_runbook_that_says_what_it_means_and_what_to_do(string alert)
    {
        var path = Path.Combine(Runbooks, $"{alert}.md");
        Assert.True(File.Exists(path), $"no runbook {Path.GetRelativePath(RepositoryPaths.Root, path)}");
        var text = File.ReadAllText(path);

        Assert.StartsWith($"# {alert}", text, StringComparison.Ordinal);
        Assert.All(RunbookSections, section => Assert.Contains(section, text, StringComparison.Ordinal));
        // Confirming means commands an on-call engineer can paste: kubectl and PromQL.
        Assert.Contains("kubectl ", text, StringComparison.Ordinal);
        Assert.Matches(PromQl(), text);
    }

    [Fact]
    public void Every_runbook_belongs_to_an_alert()
    {
        var alerts = Alerts().Select(a => (string)a["alert"]!).ToHashSet(StringComparer.Ordinal);

        Assert.All(Directory.GetFiles(Runbooks, "*.md").Select(Path.GetFileNameWithoutExtension).Where(n => n != "README"),
            name => Assert.Contains(name!, alerts));
    }

    [Fact]
    public void By_default_each_alert_links_its_runbook_in_the_repository()
    {
        var chart = RenderedChart.WithDefaults("metrics.prometheusRule.enabled=true");
        var rules = chart.Find("PrometheusRule", RenderedChart.Fullname).Json["spec"]!["groups"]!.AsArray()
            .SelectMany(g => g!["rules"]!.AsArray());

        Assert.All(rules, r => Assert.Matches(
            $"^https://.+/docs/runbooks/{(string)r!["alert"]!}\\.md$", (string?)r!["annotations"]!["runbook_url"] ?? ""));
    }

    /// <summary>A PromQL query in a fenced block: a metric selector or an aggregation.</summary>
    [GeneratedRegex(@"```promql\n[^`]*[a-z_]+(\{|\()")]
    private static partial Regex PromQl();

    private sealed class TemporaryDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("budgetbuddy-alerts-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
