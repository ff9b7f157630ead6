using BudgetBuddy.ChartTests.Rendering;
using BudgetBuddy.ChartTests.Validation;

namespace BudgetBuddy.ChartTests;

/// <summary>Every object the chart renders, in every scenario, is one the Kubernetes API server would accept field by field.</summary>
public sealed class ApiSchemaConformanceTests
{
    public static TheoryData<string> Scenarios => Rendering.Scenarios.Theory;

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_rendered_manifest_is_valid_against_the_Kubernetes_API_schema(string scenario)
    {
        var chart = RenderedChart.ForScenario(scenario);

        Assert.NotEmpty(chart.Manifests);
        var problems = chart.Manifests
            .SelectMany(m => ManifestValidator.Validate(m).Select(p => $"{m}: {p}"))
            .ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_object_carries_the_standard_labels_and_its_namespace(string scenario)
    {
        var chart = RenderedChart.ForScenario(scenario);

        Assert.NotEmpty(chart.Manifests);
        foreach (var manifest in chart.Manifests)
        {
            var labels = manifest.Json["metadata"]!["labels"]!.AsObject();
            Assert.Equal("budgetbuddy", (string?)labels["app.kubernetes.io/name"]);
            Assert.Equal(RenderedChart.Release, (string?)labels["app.kubernetes.io/instance"]);
            Assert.Equal("Helm", (string?)labels["app.kubernetes.io/managed-by"]);
            Assert.NotNull(labels["helm.sh/chart"]);
            if (manifest.Kind is not ("ClusterRole" or "ClusterRoleBinding"))
            {
                Assert.NotNull((string?)manifest.Json["metadata"]!["namespace"]);
            }
        }
    }

    [Fact]
    public void Object_names_fit_in_a_DNS_label_even_for_a_long_release_name()
    {
        var longName = new string('r', 60);
        var chart = RenderedChart.ForScenario("production-values.yaml",
            $"fullnameOverride={longName}", "api.blueGreen.enabled=true", "networkPolicy.enabled=true");

        Assert.All(chart.Manifests, m => Assert.True(m.Name.Length <= 63, $"{m} is {m.Name.Length} characters"));
    }
}
