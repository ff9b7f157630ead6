using BudgetBuddy.ChartTests.Rendering;
using k8s.Models;

namespace BudgetBuddy.ChartTests;

/// <summary>Blue/green: two API Deployments side by side; one value moves the Service (and so the ALB) between them.</summary>
public sealed class BlueGreenTests
{
    private const string Blue = $"{RenderedChart.Api}-blue";
    private const string Green = $"{RenderedChart.Api}-green";

    private static V1Service Service(RenderedChart chart, string name) => chart.Get<V1Service>("Service", name);

    [Fact]
    public void Blue_and_green_deployments_run_side_by_side_with_their_own_images()
    {
        var chart = RenderedChart.ForScenario("blue-green-values.yaml");

        Assert.Equal([Blue, Green], chart.OfKind("Deployment").Select(m => m.Name).Where(n => n.StartsWith(RenderedChart.Api, StringComparison.Ordinal)).Order());
        Assert.Equal("budgetbuddy-api:0.1.0", chart.Container(Blue).Image);
        Assert.Equal("budgetbuddy-api:0.2.0", chart.Container(Green).Image);
        Assert.Equal("blue", chart.Deployment(Blue).Spec.Selector.MatchLabels["budgetbuddy.io/color"]);
        Assert.Equal("green", chart.Deployment(Green).Spec.Template.Metadata.Labels["budgetbuddy.io/color"]);
    }

    [Fact]
    public void The_service_sends_traffic_to_the_active_color_and_the_preview_to_the_other()
    {
        var chart = RenderedChart.ForScenario("blue-green-values.yaml");

        Assert.Equal("green", Service(chart, RenderedChart.Api).Spec.Selector["budgetbuddy.io/color"]);
        Assert.Equal("blue", Service(chart, $"{RenderedChart.Api}-preview").Spec.Selector["budgetbuddy.io/color"]);
    }

    [Fact]
    public void Switching_the_active_color_moves_the_service_selector()
    {
        var chart = RenderedChart.ForScenario("blue-green-values.yaml", "api.blueGreen.activeColor=blue");

        Assert.Equal("blue", Service(chart, RenderedChart.Api).Spec.Selector["budgetbuddy.io/color"]);
        Assert.Equal("green", Service(chart, $"{RenderedChart.Api}-preview").Spec.Selector["budgetbuddy.io/color"]);
        Assert.Equal("budgetbuddy-api:0.2.0", chart.Container(Green).Image);
    }

    [Fact]
    public void Each_color_has_its_own_autoscaler_and_disruption_budget()
    {
        var chart = RenderedChart.ForScenario("blue-green-values.yaml");

        foreach (var (name, color) in new[] { (Blue, "blue"), (Green, "green") })
        {
            Assert.Equal(name, chart.Get<V2HorizontalPodAutoscaler>("HorizontalPodAutoscaler", name).Spec.ScaleTargetRef.Name);
            Assert.Equal(color, chart.Get<V1PodDisruptionBudget>("PodDisruptionBudget", name).Spec.Selector.MatchLabels["budgetbuddy.io/color"]);
            var spread = Assert.Single(chart.PodSpec(name).TopologySpreadConstraints);
            Assert.Equal(color, spread.LabelSelector.MatchLabels["budgetbuddy.io/color"]);
        }
    }

    [Fact]
    public void Without_blue_green_there_is_one_deployment_and_no_color()
    {
        var chart = RenderedChart.WithDefaults();

        Assert.True(chart.Has("Deployment", RenderedChart.Api));
        Assert.False(chart.Has("Service", $"{RenderedChart.Api}-preview"));
        Assert.DoesNotContain("budgetbuddy.io/color", Service(chart, RenderedChart.Api).Spec.Selector.Keys);
    }

    [Fact]
    public void A_color_without_its_own_tag_runs_the_chart_default_image()
    {
        var chart = RenderedChart.WithDefaults("api.blueGreen.enabled=true");

        Assert.Equal("budgetbuddy-api:0.1.0", chart.Container(Blue).Image);
        Assert.Equal("budgetbuddy-api:0.1.0", chart.Container(Green).Image);
    }
}
